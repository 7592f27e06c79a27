// The operations: strength over time (deployed, and authorized dashed) and a timeline of each
// operation's period, its mandates (ticks, with their task categories) and its funding.
import * as d3 from "d3";
import type { Operation, RunInfo, SeriesData, SeriesInfo } from "../data";
import { get } from "../data";
import { element, formatNumber, message, parseDate, timeChart, type Line } from "../charts";

export async function renderOperations(root: HTMLElement, run: RunInfo): Promise<void> {
  let operations: Operation[];
  try {
    operations = await get<Operation[]>(`/api/runs/${run.id}/operations`);
  } catch (e) {
    message(root, `No operations for this run: ${(e as Error).message}`);
    return;
  }
  const catalogue = await get<SeriesInfo[]>(`/api/runs/${run.id}/series`);
  const color = d3.scaleOrdinal(d3.schemeTableau10).domain(operations.map((o) => o.id));
  const lines: Line[] = [];
  for (const op of operations) {
    for (const [prefix, dashed] of [
      ["strength_", false],
      ["authorized_", true],
    ] as const) {
      if (!catalogue.some((s) => s.name === prefix + op.id)) continue;
      const data = await get<SeriesData>(`/api/runs/${run.id}/series/${prefix}${op.id}`);
      const national = data.regions[data.national ?? ""] ?? Object.values(data.regions)[0];
      lines.push({
        label: `${op.short || op.id}${dashed ? " authorized" : ""}`,
        dates: data.dates.map(parseDate),
        values: national.values,
        low: national.low,
        high: national.high,
        dashed,
        color: color(op.id),
      });
    }
  }
  root.append(element("h2", {}, "Strength (people)"));
  const chart = element("div");
  root.append(chart);
  if (lines.length > 0) timeChart(chart, lines, "people", "strength-chart");

  root.append(element("h2", {}, "Periods, mandates and funding"));
  const start = parseDate(run.start ?? "2012-01-01");
  const end = parseDate(run.end ?? "2020-12-31");
  const width = 900,
    row = 34,
    left = 120;
  const height = operations.length * row + 40;
  const x = d3.scaleUtc().domain([start, end]).range([left, width - 20]);
  const svg = d3.select(root).append("svg").attr("id", "operations-timeline").attr("viewBox", `0 0 ${width} ${height}`).attr("class", "chart");
  svg.append("g").attr("transform", `translate(0,${height - 24})`).call(d3.axisBottom(x).ticks(10));
  const funding = d3.scaleOrdinal(d3.schemePastel1);
  operations.forEach((op, i) => {
    const g = svg.append("g").attr("transform", `translate(0,${i * row + 6})`).attr("data-operation", op.id);
    g.append("text").attr("x", 4).attr("y", 16).text(op.short || op.id);
    const from = op.start ? parseDate(op.start) : null;
    const to = op.end ? parseDate(op.end) : end;
    if (!from) {
      g.append("text").attr("x", left).attr("y", 16).attr("class", "note").text(`${op.status.replaceAll("_", " ")}`);
    }
    for (const b of op.budgets) {
      const bFrom = parseDate(b.from),
        bTo = b.to ? parseDate(b.to) : to;
      g.append("rect")
        .attr("x", x(bFrom < start ? start : bFrom))
        .attr("y", 20)
        .attr("width", Math.max(1, x(bTo > end ? end : bTo) - x(bFrom < start ? start : bFrom)))
        .attr("height", 6)
        .attr("fill", funding(b.funding))
        .append("title")
        .text(`${b.funding} funding${b.usd_per_year ? `, ${formatNumber(b.usd_per_year)} USD a year` : ""} from ${b.from}`);
    }
    if (from) {
      g.append("rect")
        .attr("class", "period")
        .attr("x", x(from < start ? start : from))
        .attr("y", 4)
        .attr("width", Math.max(1, x(to > end ? end : to) - x(from < start ? start : from)))
        .attr("height", 14)
        .attr("fill", color(op.id))
        .attr("opacity", 0.7)
        .append("title")
        .text(`${op.name}: ${op.start} to ${op.end ?? "after the run"}`);
    }
    for (const m of op.mandates) {
      const at = parseDate(m.adopted);
      if (at < start || at > end) continue;
      g.append("line").attr("x1", x(at)).attr("x2", x(at)).attr("y1", 0).attr("y2", 22).attr("stroke", "#222").attr("stroke-width", 1.5)
        .append("title")
        .text(`${m.instrument} (${m.adopted}): ${m.tasks.join(", ")}${m.military ? `; ceiling ${formatNumber(m.military)} military` : ""}`);
    }
  });
  const keys = element("p", { class: "status" }, "Bars: deployed period; ticks: mandates (hover for tasks); thin bars: funding — ");
  for (const f of funding.domain()) {
    const swatch = element("span", { class: "swatch" });
    swatch.style.background = funding(f);
    keys.append(swatch, document.createTextNode(` ${f}  `));
  }
  root.append(keys);
}
