// Time series: one series in a chosen region, or every region; an ensemble's median with its
// 5-95 % band over members.
import type { RunInfo, SeriesData, SeriesInfo } from "../data";
import { get } from "../data";
import { element, message, parseDate, select, timeChart } from "../charts";

export async function renderSeries(root: HTMLElement, run: RunInfo): Promise<void> {
  const catalogue = await get<SeriesInfo[]>(`/api/runs/${run.id}/series`);
  if (catalogue.length === 0) {
    message(root, "This run recorded no series.");
    return;
  }
  let name = catalogue.find((s) => s.name === "fatalities_battles")?.name ?? catalogue[0].name;
  let region = "";
  const controls = element("div", { class: "controls" });
  const chart = element("div");
  const description = element("p", { class: "status", id: "series-description" });
  root.append(controls, description, chart);

  async function draw(): Promise<void> {
    const info = catalogue.find((s) => s.name === name)!;
    const data = await get<SeriesData>(`/api/runs/${run.id}/series/${encodeURIComponent(name)}`);
    const regions = Object.keys(data.regions);
    if (region && !regions.includes(region)) region = "";
    controls.replaceChildren(
      select("Series", "series-name", catalogue.map((s) => ({ value: s.name, text: s.name })), name, (v) => {
        name = v;
        void draw();
      }),
      select(
        "Region",
        "series-region",
        [{ value: "", text: regions.length > 1 ? "every region" : regions[0] }, ...regions.map((r) => ({ value: r, text: r }))],
        region,
        (v) => {
          region = v;
          void draw();
        },
      ),
    );
    description.textContent = `${info.description} (${info.unit}, ${info.kind}, ${info.cadence})${
      data.members > 1 ? `; median of ${data.members} members with the 5-95 % band` : ""
    }`;
    const dates = data.dates.map(parseDate);
    const shown = region ? [region] : regions;
    chart.replaceChildren();
    timeChart(
      chart,
      shown.map((r) => ({ label: r, dates, values: data.regions[r].values, low: data.regions[r].low, high: data.regions[r].high })),
      info.unit,
      "series-chart",
    );
  }
  await draw();
}
