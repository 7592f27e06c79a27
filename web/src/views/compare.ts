// Base against variant: for each outcome the variant's mean minus the base's with its 90 %
// interval (paired when the members share seeds), as a dot-and-whisker chart and a table.
import * as d3 from "d3";
import type { Comparison, RunInfo } from "../data";
import { get } from "../data";
import { element, formatNumber, message, select } from "../charts";

const headline = /^(fatalities_|civilians_killed|internally_displaced|refugees$|state_authority|cost_total|share_paid_by_(france|usa|donors)|implementation_|casualties_)/;

export async function renderCompare(root: HTMLElement, runs: RunInfo[], current: RunInfo): Promise<void> {
  if (runs.length < 2) {
    message(root, "Give two runs or ensembles (base first, then variants) to compare them: peacesim serve BASE VARIANT.");
    return;
  }
  let base = runs[0].id === current.id ? runs[0].id : runs[0].id;
  let variant = runs.find((r) => r.id !== base)!.id;
  let filter = "headline";
  const controls = element("div", { class: "controls" });
  const body = element("div");
  root.append(controls, body);
  const options = runs.map((r) => ({ value: r.id, text: `${r.name} (${r.kind}, ${r.members} member${r.members > 1 ? "s" : ""})` }));

  async function draw(): Promise<void> {
    controls.replaceChildren(
      select("Base", "compare-base", options, base, (v) => {
        base = v;
        void draw();
      }),
      select("Variant", "compare-variant", options, variant, (v) => {
        variant = v;
        void draw();
      }),
      select(
        "Outcomes",
        "compare-filter",
        [
          { value: "headline", text: "headline" },
          { value: "clear", text: "interval excludes 0" },
          { value: "all", text: "all" },
        ],
        filter,
        (v) => {
          filter = v;
          void draw();
        },
      ),
    );
    body.replaceChildren();
    if (base === variant) {
      message(body, "Choose two different runs.");
      return;
    }
    let c: Comparison;
    try {
      c = await get<Comparison>(`/api/compare?base=${base}&variant=${variant}`);
    } catch (e) {
      message(body, (e as Error).message);
      return;
    }
    const rows = c.differences.filter((d) =>
      filter === "all" ? true : filter === "clear" ? d.low > 0 || d.high < 0 : headline.test(d.outcome),
    );
    body.append(
      element(
        "p",
        { class: "status", id: "compare-status" },
        `${c.variant.name} − ${c.base.name}: ${rows.length} outcomes; ${c.interval}${c.paired ? " — common random numbers" : ""}.`,
      ),
    );
    // Differences differ in units: each row is scaled to its own largest magnitude.
    const width = 900,
      rowH = 22,
      left = 300;
    const svg = d3.select(body).append("svg").attr("id", "compare-chart").attr("viewBox", `0 0 ${width} ${rows.length * rowH + 30}`).attr("class", "chart");
    rows.forEach((d, i) => {
      const span = Math.max(Math.abs(d.low), Math.abs(d.high), Math.abs(d.difference), 1e-12);
      const x = d3.scaleLinear().domain([-span, span]).range([left + 10, width - 150]);
      const y = i * rowH + 14;
      const clear = d.low > 0 || d.high < 0;
      const g = svg.append("g").attr("data-outcome", d.outcome);
      g.append("text").attr("x", 4).attr("y", y + 4).text(d.outcome);
      g.append("line").attr("x1", x(0)).attr("x2", x(0)).attr("y1", y - 8).attr("y2", y + 8).attr("stroke", "#aaa");
      g.append("line").attr("x1", x(d.low)).attr("x2", x(d.high)).attr("y1", y).attr("y2", y).attr("stroke", clear ? "#b2182b" : "#666").attr("stroke-width", 2);
      g.append("circle").attr("cx", x(d.difference)).attr("cy", y).attr("r", 4).attr("fill", clear ? "#b2182b" : "#666");
      g.append("text").attr("x", width - 140).attr("y", y + 4).text(`${formatNumber(d.difference)} [${formatNumber(d.low)}, ${formatNumber(d.high)}]`);
      g.append("title").text(`${d.outcome} (${d.unit}, ${d.measure}): base ${formatNumber(d.base_mean)}, variant ${formatNumber(d.variant_mean)}, n = ${d.n}`);
    });
  }
  await draw();
}
