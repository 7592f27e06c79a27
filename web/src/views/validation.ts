// Simulated against observed, region-year by region-year (log scales), with the metrics beside
// the persistence and trend baselines (docs/validation.md); above them, a backtest's report when
// one was given (`serve --backtest`).
import * as d3 from "d3";
import type { Backtest, RunInfo, Validation } from "../data";
import { ApiError, get } from "../data";
import { element, formatNumber, message, select } from "../charts";
import { backtestSection } from "./backtest";

// The backtest, if the server was given one (404 otherwise: nothing to show).
async function backtestOf(): Promise<Backtest | null> {
  try {
    return await get<Backtest>("/api/backtest");
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

export async function renderValidation(root: HTMLElement, run: RunInfo): Promise<void> {
  const backtest = await backtestOf();
  if (backtest) root.append(backtestSection(backtest));
  let v: Validation;
  try {
    v = await get<Validation>(`/api/runs/${run.id}/validation`);
  } catch (e) {
    if (backtest && e instanceof ApiError && e.status === 404) return;  // the backtest alone
    const hint = e instanceof ApiError && e.status === 404 ? " (peacesim serve RUN --observed FILE...)" : "";
    message(root, `${(e as Error).message}${hint}`);
    return;
  }
  const metrics = [...new Set(v.rows.map((r) => r.metric))];
  let metric = metrics[0] ?? "";
  const controls = element("div", { class: "controls" });
  const chart = element("div");
  root.append(controls, chart);

  function draw(): void {
    controls.replaceChildren(
      select("Quantity", "validation-metric", metrics.map((m) => ({ value: m, text: m })), metric, (m) => {
        metric = m;
        draw();
      }),
      element("span", { class: "status" }, `window ${v.window.from} to ${v.window.to}`),
    );
    chart.replaceChildren();
    const rows = v.rows.filter((r) => r.metric === metric);
    const size = 520,
      margin = 50;
    const top = Math.max(10, d3.max(rows.flatMap((r) => [r.simulated, r.observed])) ?? 10);
    const s = d3.scaleSymlog().constant(1).domain([0, top]).range([margin, size - 20]).nice();
    const sy = d3.scaleSymlog().constant(1).domain([0, top]).range([size - margin, 20]).nice();
    const svg = d3.select(chart).append("svg").attr("id", "validation-chart").attr("viewBox", `0 0 ${size + 320} ${size}`).attr("class", "chart");
    svg.append("g").attr("transform", `translate(0,${size - margin})`).call(d3.axisBottom(s).ticks(6, "~s"));
    svg.append("g").attr("transform", `translate(${margin},0)`).call(d3.axisLeft(sy).ticks(6, "~s"));
    svg.append("text").attr("x", size / 2).attr("y", size - 12).text(`observed ${metric}`);
    svg.append("text").attr("x", 4).attr("y", 12).text(`simulated ${metric}`);
    svg.append("line").attr("x1", s(0)).attr("y1", sy(0)).attr("x2", s(top)).attr("y2", sy(top)).attr("stroke", "#bbb").attr("stroke-dasharray", "4 3");
    const years = d3.scaleSequential(d3.interpolateViridis).domain(d3.extent(rows, (r) => r.year) as [number, number]);
    svg.append("g").selectAll("circle").data(rows).join("circle")
      .attr("cx", (r) => s(r.observed)).attr("cy", (r) => sy(r.simulated)).attr("r", 4).attr("fill", (r) => years(r.year)).attr("opacity", 0.85)
      .append("title").text((r) => `${r.region} ${r.year}: simulated ${formatNumber(r.simulated)}, observed ${formatNumber(r.observed)}`);
    const table = element("table", { id: "validation-metrics" });
    table.append(element("tr", {}, ""));
    table.rows[0].append(...["metric", "model", "persistence", "trend", "better than both"].map((h) => element("th", {}, h)));
    const cell = (x: number | null) => (x === null ? "–" : x.toFixed(3));
    for (const m of v.metrics) {
      const tr = element("tr");
      tr.append(...[m.name, cell(m.model), cell(m.persistence), cell(m.trend), m.better_than_baselines ? "yes" : "no"].map((t) => element("td", {}, t)));
      table.append(tr);
    }
    chart.append(table);
  }
  draw();
}
