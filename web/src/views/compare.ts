// Base against variant as a forest plot: for each outcome the variant's mean minus the base's,
// with its 90 % interval (paired when the members share seeds), drawn on a scale that shows its
// size: the change relative to the base on one shared axis, or each outcome on its own axis in its
// units. A table below gives the numbers in full, and the share of each difference's spread that
// the parameter draws explain against chance (the dice), when the runs were made with a posterior.
import * as d3 from "d3";
import type { Comparison, Difference, RunInfo } from "../data";
import { get } from "../data";
import { element, formatNumber, message, select } from "../charts";

const headline = /^(fatalities_|civilians_killed|internally_displaced|refugees$|state_authority|cost_total|share_paid_by_|implementation_|casualties_)/;

// A readable name: the series' declared description (its first clause), else its name in words.
export function outcomeLabel(d: Difference): string {
  const text = (d.description ?? "").split(/[;:(]/)[0].trim();
  const name = text !== "" ? text : d.outcome.replace(/_/g, " ");
  return name.charAt(0).toUpperCase() + name.slice(1);
}

// Long labels keep their start and their end (where "… paid by X" tells rows apart).
const shortened = (label: string): string => (label.length > 52 ? `${label.slice(0, 24)}…${label.slice(-27)}` : label);

const hasInterval = (d: Difference): boolean => d.n >= 2;
const clear = (d: Difference): boolean => hasInterval(d) && (d.low > 0 || d.high < 0);
const relative = (x: number, d: Difference): number => (100 * x) / Math.abs(d.base_mean);
const signed = (x: number): string => (x > 0 ? "+" : "") + formatNumber(x);

type Scale = "relative" | "own";
type Spread = "parameters" | "chance";

// The share of a difference's spread that the chosen source explains, as the table shows it.
function spreadText(d: Difference, c: Comparison, spread: Spread): string {
  if (!hasInterval(d)) return "no spread (one member)";
  if (d.parameter_share !== null && d.parameter_share !== undefined) {
    const share = spread === "parameters" ? d.parameter_share : 1 - d.parameter_share;
    return `${Math.round(100 * share)} %`;
  }
  if (c.parameter_draws) return "no spread";
  // One parameter set for every member: the spread is chance alone.
  return spread === "parameters" ? "0 % (parameters fixed)" : "100 % (parameters fixed)";
}

export async function renderCompare(root: HTMLElement, runs: RunInfo[], _current: RunInfo): Promise<void> {
  if (runs.length < 2) {
    message(root, "Give two runs or ensembles (base first, then variants) to compare them: peacesim serve BASE VARIANT.");
    return;
  }
  let base = runs[0].id;
  let variant = runs.find((r) => r.id !== base)!.id;
  let filter = "headline";
  let scale: Scale = "relative";
  let spread: Spread = "parameters";
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
      select(
        "Scale",
        "compare-scale",
        [
          { value: "relative", text: "change relative to the base (%)" },
          { value: "own", text: "each outcome on its own axis (its units)" },
        ],
        scale,
        (v) => {
          scale = v as Scale;
          void draw();
        },
      ),
      select(
        "Spread from",
        "compare-spread",
        [
          { value: "parameters", text: "the parameter draws" },
          { value: "chance", text: "chance (the dice)" },
        ],
        spread,
        (v) => {
          spread = v as Spread;
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
      filter === "all" ? true : filter === "clear" ? clear(d) : headline.test(d.outcome),
    );
    const one = rows.length > 0 && rows.every((d) => !hasInterval(d));
    body.append(
      element(
        "p",
        { class: "status", id: "compare-status" },
        `${c.variant.name} − ${c.base.name}: ${rows.length} outcomes; ${
          one ? "one member each: no interval, the difference of single runs is partly chance" : c.interval
        }${c.paired ? " — common random numbers" : ""}${
          c.parameter_draws ? "; members two to a parameter draw (a posterior)" : "; one parameter set"
        }.`,
      ),
    );
    if (scale === "relative") drawRelative(body, rows);
    else drawOwnAxes(body, rows);
    body.append(table(rows, c, spread));
  }
  await draw();
}

// Geometry shared by both charts: labels on the left, the plot, a margin for clipped whiskers.
const width = 900,
  labelWidth = 330,
  plotLeft = labelWidth + 20,
  plotRight = width - 30;

function rowGroup(svg: d3.Selection<SVGSVGElement, unknown, null, undefined>, d: Difference, y: number) {
  const g = svg.append("g").attr("data-outcome", d.outcome).attr("class", clear(d) ? "clear" : "unclear");
  const label = outcomeLabel(d);
  g.append("text")
    .attr("class", "row-label")
    .attr("x", 4)
    .attr("y", y + 4)
    .text(shortened(label));
  g.append("title").text(
    `${label} (${d.outcome}; ${d.unit}, ${d.measure}): base ${formatNumber(d.base_mean)}, variant ${formatNumber(d.variant_mean)}, n = ${d.n}`,
  );
  return g;
}

// A dot at the difference and, with two members or more, a whisker for its interval; ends beyond
// the axis are clipped to it and marked with an arrow.
function dotAndWhisker(
  g: d3.Selection<SVGGElement, unknown, null, undefined>,
  x: d3.ScaleLinear<number, number>,
  d: Difference,
  value: (v: number) => number,
  y: number,
) {
  const [lo, hi] = x.domain();
  const clamp = (v: number) => Math.max(lo, Math.min(hi, v));
  const colour = clear(d) ? "#b2182b" : "#555";
  if (hasInterval(d)) {
    const a = value(d.low),
      b = value(d.high);
    g.append("line")
      .attr("class", "whisker")
      .attr("x1", x(clamp(a)))
      .attr("x2", x(clamp(b)))
      .attr("y1", y)
      .attr("y2", y)
      .attr("stroke", colour)
      .attr("stroke-width", 2);
    for (const [end, dir] of [
      [a, -1],
      [b, 1],
    ] as const) {
      if ((dir < 0 && end < lo) || (dir > 0 && end > hi)) {
        const tip = x(dir < 0 ? lo : hi);
        g.append("path")
          .attr("class", "clipped")
          .attr("d", `M${tip + 6 * dir},${y} L${tip},${y - 4} L${tip},${y + 4} Z`)
          .attr("fill", colour);
      }
    }
  } else {
    g.append("text").attr("class", "note no-interval").attr("x", plotRight - 2).attr("y", y + 4).attr("text-anchor", "end").text("no interval");
  }
  g.append("circle")
    .attr("class", "dot")
    .attr("cx", x(clamp(value(d.difference))))
    .attr("cy", y)
    .attr("r", 4)
    .attr("fill", colour);
}

// One axis for all: the change in % of the base's mean. Outcomes whose base is 0 have no
// relative change and say so; the axis spans the largest change shown, at most ±1000 %.
function drawRelative(body: HTMLElement, rows: Difference[]): void {
  const rowH = 22,
    top = 46;
  const shown = rows.filter((d) => d.base_mean !== 0);
  let span = 0;
  for (const d of shown) {
    span = Math.max(span, Math.abs(relative(d.difference, d)));
    if (hasInterval(d)) span = Math.max(span, Math.abs(relative(d.low, d)), Math.abs(relative(d.high, d)));
  }
  span = Math.min(Math.max(span, 1), 1000);
  const x = d3.scaleLinear().domain([-span, span]).range([plotLeft, plotRight]).nice();
  const svg = d3
    .select(body)
    .append("svg")
    .attr("id", "compare-chart")
    .attr("data-scale", "relative")
    .attr("viewBox", `0 0 ${width} ${rows.length * rowH + top + 8}`)
    .attr("class", "chart");
  svg
    .append("g")
    .attr("id", "compare-axis")
    .attr("transform", `translate(0,${top - 10})`)
    .call(d3.axisTop(x).ticks(8).tickFormat((v) => `${(v as number) > 0 ? "+" : ""}${v} %`));
  svg.append("text").attr("class", "axis-label").attr("x", 4).attr("y", top - 14).text("variant − base, in % of the base →");
  svg.append("line").attr("x1", x(0)).attr("x2", x(0)).attr("y1", top - 10).attr("y2", rows.length * rowH + top).attr("stroke", "#aaa");
  rows.forEach((d, i) => {
    const y = top + i * rowH + 8;
    const g = rowGroup(svg, d, y);
    if (d.base_mean === 0) {
      g.append("text").attr("class", "note").attr("x", plotLeft).attr("y", y + 4).text(`base is 0: no relative change (difference ${signed(d.difference)})`);
      return;
    }
    dotAndWhisker(g, x, d, (v) => relative(v, d), y);
  });
}

// Each outcome its own axis in its own units, from the smallest to the largest of 0, the
// difference and its interval, with the ends and 0 labelled.
function drawOwnAxes(body: HTMLElement, rows: Difference[]): void {
  const rowH = 34,
    top = 10;
  const svg = d3
    .select(body)
    .append("svg")
    .attr("id", "compare-chart")
    .attr("data-scale", "own")
    .attr("viewBox", `0 0 ${width} ${rows.length * rowH + top + 8}`)
    .attr("class", "chart");
  rows.forEach((d, i) => {
    const y = top + i * rowH + 10;
    const g = rowGroup(svg, d, y);
    const values = hasInterval(d) ? [0, d.low, d.high, d.difference] : [0, d.difference];
    let lo = Math.min(...values),
      hi = Math.max(...values);
    if (lo === hi) hi = lo + 1;
    const x = d3.scaleLinear().domain([lo, hi]).range([plotLeft, plotRight]).nice(4);
    const axis = g.append("g").attr("class", "own-axis").attr("transform", `translate(0,${y + 8})`);
    axis.call(d3.axisBottom(x).ticks(4).tickSize(3).tickFormat((v) => formatNumber(v as number)));
    g.append("line").attr("x1", x(0)).attr("x2", x(0)).attr("y1", y - 8).attr("y2", y + 8).attr("stroke", "#aaa");
    dotAndWhisker(g, x, d, (v) => v, y);
  });
}

// The numbers in full (nothing clipped): the means, the difference with its interval, the
// relative change, and the chosen share of the spread.
function table(rows: Difference[], c: Comparison, spread: Spread): HTMLTableElement {
  const t = element("table", { id: "compare-table" });
  const head = element("tr");
  for (const h of [
    "outcome",
    "unit",
    "base",
    "variant",
    "difference",
    "90 % interval",
    "relative to the base",
    spread === "parameters" ? "share of the spread from the parameter draws" : "share of the spread from chance",
  ])
    head.append(element("th", {}, h));
  t.append(head);
  for (const d of rows) {
    const tr = element("tr", { "data-outcome": d.outcome });
    const name = element("td", { title: d.outcome }, outcomeLabel(d));
    tr.append(
      name,
      element("td", {}, d.unit),
      element("td", {}, formatNumber(d.base_mean)),
      element("td", {}, formatNumber(d.variant_mean)),
      element("td", {}, signed(d.difference)),
      element("td", { class: "interval" }, hasInterval(d) ? `[${formatNumber(d.low)}, ${formatNumber(d.high)}]` : "no interval (one member)"),
      element("td", {}, d.base_mean === 0 ? "base is 0" : `${signed(relative(d.difference, d))} %`),
      element("td", { class: "spread" }, spreadText(d, c, spread)),
    );
    t.append(tr);
  }
  return t;
}
