// Time series: one series in a chosen region, or every region; an ensemble's median with its
// 5-95 % band over members. With observed data (`serve --observed`), the observed figures are drawn
// over the simulated ones (dashed, a dot a year) where a series has them, and the origin of the
// forecast is marked: yearly totals are shown as validate counts them, year-end stocks over the
// model's own series. In a theatre of several states, the regions of one state can be shown
// together.
import * as d3 from "d3";
import type { Line, Mark } from "../charts";
import type { DatedValue, MapLayers, ObservedQuantity, ObservedSeries, RunInfo, SeriesData, SeriesInfo } from "../data";
import { ApiError, get } from "../data";
import { element, message, parseDate, select, timeChart } from "../charts";

// Quantities that are not a series of the store (events of several types together) are listed as
// series of their own under this prefix.
const OBSERVED_ONLY = "observed:";

async function observedOf(run: RunInfo): Promise<{ data: ObservedSeries | null; note: string }> {
  try {
    return { data: await get<ObservedSeries>(`/api/runs/${run.id}/observed`), note: "" };
  } catch (e) {
    // No observed data given (404) is the usual case; anything else is said.
    return { data: null, note: e instanceof ApiError && e.status === 404 ? "" : `observed series: ${(e as Error).message}` };
  }
}

// The region's state, and the states' names, from the run's map (regions carry their country);
// empty where the run has no map or only one state.
async function statesOf(run: RunInfo): Promise<{ of: Map<string, string>; names: Map<string, string> }> {
  const none = { of: new Map<string, string>(), names: new Map<string, string>() };
  const layers = await get<MapLayers>(`/api/runs/${run.id}/map`).catch(() => null);
  if (!layers) return none;
  const of = new Map<string, string>();
  const names = new Map<string, string>();
  for (const f of layers.features) {
    const p = f.properties;
    if (p.layer === "region" && p.country) of.set(String(p.name), String(p.country));
    if (p.layer === "state" && p.country) names.set(String(p.country), String(p.name));
  }
  return new Set(of.values()).size > 1 ? { of, names } : none;
}

// The value of the region control that stands for every region of one state.
const STATE = "state:";

const colour = (k: number): string => d3.schemeTableau10[k % d3.schemeTableau10.length];

function yearly(label: string, points: DatedValue[], c: string, observed: boolean): Line {
  return {
    label,
    dates: points.map((p) => parseDate(p.date)),
    values: points.map((p) => p.value),
    dashed: observed,
    points: true,
    color: c,
    kind: observed ? "observed" : "simulated-yearly",
  };
}

export async function renderSeries(root: HTMLElement, run: RunInfo): Promise<void> {
  const catalogue = await get<SeriesInfo[]>(`/api/runs/${run.id}/series`);
  if (catalogue.length === 0) {
    message(root, "This run recorded no series.");
    return;
  }
  const observed = await observedOf(run);
  const states = await statesOf(run);
  const quantities = observed.data?.series ?? {};
  const extra = Object.entries(quantities)
    .filter(([, q]) => !q.model_series)
    .map(([n]) => ({ value: OBSERVED_ONLY + n, text: `${n} (yearly, against observed)` }));
  const options = [...catalogue.map((s) => ({ value: s.name, text: quantities[s.name] ? `${s.name} (with observed)` : s.name })), ...extra];
  let name = catalogue.find((s) => s.name === "fatalities_battles")?.name ?? catalogue[0].name;
  let region = "";
  const controls = element("div", { class: "controls" });
  const chart = element("div");
  const description = element("p", { class: "status", id: "series-description" });
  root.append(controls, description, chart);
  if (observed.note) root.append(element("p", { class: "status" }, observed.note));
  const marks: Mark[] = (observed.data?.origins ?? []).map((o) => ({ date: parseDate(o.date), label: `${o.label} ${o.date}` }));

  // The regions the control's choice shows: one, one state's, or all.
  const chosen = (regions: string[]): string[] =>
    region.startsWith(STATE) ? regions.filter((r) => STATE + states.of.get(r) === region) : region ? [region] : regions;

  function controlsFor(regions: string[]): void {
    if (region && chosen(regions).length === 0) region = "";
    controls.replaceChildren(
      select("Series", "series-name", options, name, (v) => {
        name = v;
        void draw();
      }),
      select(
        "Region",
        "series-region",
        [
          { value: "", text: regions.length > 1 ? "every region" : regions[0] },
          ...[...new Set(regions.map((r) => states.of.get(r)).filter((c) => c !== undefined))].map((c) => ({
            value: STATE + c,
            text: `every region of ${states.names.get(c!) ?? c}`,
          })),
          ...regions.map((r) => ({ value: r, text: r })),
        ],
        region,
        (v) => {
          region = v;
          void draw();
        },
      ),
    );
  }

  // A quantity compared year by year: the run's yearly figure as validate counts it, and the
  // observed one.
  function drawYearly(q: ObservedQuantity, unit: string): void {
    const regions = [...new Set([...Object.keys(q.simulated), ...Object.keys(q.observed)])].sort();
    controlsFor(regions);
    description.textContent = `${q.measure}, simulated (solid; the members' mean) against observed (dashed): ${q.label}`;
    const shown = chosen(regions);
    const lines: Line[] = [];
    shown.forEach((r) => {
      const k = regions.indexOf(r);
      if (q.simulated[r]?.length) lines.push(yearly(`${r} simulated`, q.simulated[r], colour(k), false));
      if (q.observed[r]?.length) lines.push(yearly(`${r} observed`, q.observed[r], colour(k), true));
    });
    chart.replaceChildren();
    timeChart(chart, lines, unit, "series-chart", marks);
  }

  async function draw(): Promise<void> {
    if (name.startsWith(OBSERVED_ONLY)) {
      drawYearly(quantities[name.slice(OBSERVED_ONLY.length)], name.slice(OBSERVED_ONLY.length));
      return;
    }
    const info = catalogue.find((s) => s.name === name)!;
    const q = quantities[name];
    if (q && q.measure !== "year-end stock") {
      drawYearly(q, info.unit);  // a flow: its yearly totals, not its months, meet the observations
      return;
    }
    const data = await get<SeriesData>(`/api/runs/${run.id}/series/${encodeURIComponent(name)}`);
    const regions = Object.keys(data.regions);
    controlsFor(regions);
    description.textContent = `${info.description} (${info.unit}, ${info.kind}, ${info.cadence})${
      data.members > 1 ? `; median of ${data.members} members with the 5-95 % band` : ""
    }${q ? `; observed (dashed): ${q.label}` : ""}`;
    const dates = data.dates.map(parseDate);
    const shown = chosen(regions);
    const lines: Line[] = shown.map((r) => ({
      label: r,
      dates,
      values: data.regions[r].values,
      low: data.regions[r].low,
      high: data.regions[r].high,
      color: colour(regions.indexOf(r)),
    }));
    if (q) {
      for (const r of shown) {
        if (q.observed[r]?.length) lines.push(yearly(`${r} observed`, q.observed[r], colour(regions.indexOf(r)), true));
      }
    }
    chart.replaceChildren();
    timeChart(chart, lines, info.unit, "series-chart", q ? marks : []);
  }
  await draw();
}
