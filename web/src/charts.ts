// Small d3 helpers the views share: an SVG of a given size, a time chart of lines with optional
// bands (ensemble 5-95 %), number formats and controls.
import * as d3 from "d3";

export const parseDate = (s: string): Date => {
  const [y, m, d] = s.split("-").map(Number);
  return new Date(Date.UTC(y, (m || 1) - 1, d || 1));
};

export const formatNumber = (x: number): string =>
  Math.abs(x) >= 1e6 ? d3.format(".3s")(x).replace("G", "B") : Math.abs(x) >= 100 ? d3.format(",.0f")(x) : d3.format(".3~g")(x);

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text = "",
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
  if (text) e.textContent = text;
  return e;
}

// A labelled <select>; `onChange` gets the chosen value.
export function select(
  label: string,
  id: string,
  options: { value: string; text: string }[],
  chosen: string,
  onChange: (value: string) => void,
): HTMLLabelElement {
  const wrapper = element("label", {}, label + " ");
  const s = element("select", { id });
  for (const o of options) {
    const option = element("option", { value: o.value }, o.text);
    if (o.value === chosen) option.selected = true;
    s.append(option);
  }
  s.addEventListener("change", () => onChange(s.value));
  wrapper.append(s);
  return wrapper;
}

export function message(root: HTMLElement, text: string): void {
  root.append(element("p", { class: "message" }, text));
}

export interface Line {
  label: string;
  dates: Date[];
  values: number[];
  low?: number[];
  high?: number[];
  dashed?: boolean;
  color?: string;
  points?: boolean; // a dot on each value (observations, one a year)
  kind?: string; // a class of its path besides "line" (e.g. "observed")
}

// A vertical line at a date, with its label (an origin of forecasts).
export interface Mark {
  date: Date;
  label: string;
}

// A time chart of lines (and their bands) with axes and a legend.
export function timeChart(root: HTMLElement, lines: Line[], yLabel: string, id = "time-chart", marks: Mark[] = []): void {
  const margin = { top: 16, right: 180, bottom: 30, left: 70 };
  const width = 900,
    height = Math.max(360, margin.top + 16 * lines.length + margin.bottom);  // room for every legend line
  const all = [...lines.flatMap((l) => l.dates), ...marks.map((m) => m.date)];
  const x = d3
    .scaleUtc()
    .domain(d3.extent(all) as [Date, Date])
    .range([margin.left, width - margin.right]);
  const top = d3.max(lines.flatMap((l) => l.high ?? l.values)) ?? 1;
  const y = d3
    .scaleLinear()
    .domain([0, top > 0 ? top : 1])
    .nice()
    .range([height - margin.bottom, margin.top]);
  const color = d3.scaleOrdinal(d3.schemeTableau10);
  const svg = d3
    .select(root)
    .append("svg")
    .attr("id", id)
    .attr("viewBox", `0 0 ${width} ${height}`)
    .attr("class", "chart");
  svg.append("g").attr("transform", `translate(0,${height - margin.bottom})`).call(d3.axisBottom(x).ticks(10));
  svg
    .append("g")
    .attr("transform", `translate(${margin.left},0)`)
    .call(d3.axisLeft(y).ticks(6).tickFormat((v) => formatNumber(Number(v))));
  svg.append("text").attr("x", 4).attr("y", 12).attr("class", "axis-label").text(yLabel);
  lines.forEach((l, i) => {
    const c = l.color ?? color(String(i));
    const idx = d3.range(l.dates.length);
    if (l.low && l.high) {
      const low = l.low,
        high = l.high;
      svg
        .append("path")
        .attr("class", "band")
        .attr("fill", c)
        .attr("opacity", 0.2)
        .attr(
          "d",
          d3
            .area<number>()
            .x((k) => x(l.dates[k]))
            .y0((k) => y(low[k]))
            .y1((k) => y(high[k]))(idx),
        );
    }
    svg
      .append("path")
      .attr("class", l.kind ? `line ${l.kind}` : "line")
      .attr("data-label", l.label)
      .attr("fill", "none")
      .attr("stroke", c)
      .attr("stroke-width", 1.6)
      .attr("stroke-dasharray", l.dashed ? "5 3" : null)
      .attr(
        "d",
        d3
          .line<number>()
          .x((k) => x(l.dates[k]))
          .y((k) => y(l.values[k]))(idx),
      );
    if (l.points) {
      svg
        .append("g")
        .attr("class", l.kind ? `points ${l.kind}` : "points")
        .selectAll("circle")
        .data(idx)
        .join("circle")
        .attr("cx", (k) => x(l.dates[k]))
        .attr("cy", (k) => y(l.values[k]))
        .attr("r", 3)
        .attr("fill", c)
        .append("title")
        .text((k) => `${l.label} ${l.dates[k].toISOString().slice(0, 10)}: ${formatNumber(l.values[k])}`);
    }
    const legend = svg.append("g").attr("transform", `translate(${width - margin.right + 10},${margin.top + i * 16})`);
    legend
      .append("line")
      .attr("x2", 18)
      .attr("y1", 5)
      .attr("y2", 5)
      .attr("stroke", c)
      .attr("stroke-width", 2)
      .attr("stroke-dasharray", l.dashed ? "5 3" : null);
    legend.append("text").attr("x", 24).attr("y", 9).text(l.label);
  });
  for (const m of marks) {
    const g = svg.append("g").attr("class", "mark").attr("data-date", m.date.toISOString().slice(0, 10));
    g.append("line")
      .attr("x1", x(m.date))
      .attr("x2", x(m.date))
      .attr("y1", margin.top)
      .attr("y2", height - margin.bottom)
      .attr("stroke", "#444")
      .attr("stroke-dasharray", "2 3");
    g.append("text").attr("x", x(m.date) + 4).attr("y", margin.top + 10).attr("class", "axis-label").text(m.label);
  }
}
