// The map of the theatre: neighbours, regions coloured by a chosen regional series at the slider's
// date, cercle outlines, towns, camps and bases, and the month's events as points, filterable by
// type and actor. Play steps the slider through the run.
import * as d3 from "d3";
import type { EventList, GeoFeature, MapLayers, RunInfo, SeriesData, SeriesInfo } from "../data";
import { get } from "../data";
import { element, formatNumber, message, select } from "../charts";

const preferredMetrics = ["fatalities_battles", "events_battles", "civilians_killed", "state_authority"];

export async function renderMap(root: HTMLElement, run: RunInfo): Promise<void> {
  let layers: MapLayers;
  try {
    layers = await get<MapLayers>(`/api/runs/${run.id}/map`);
  } catch (e) {
    message(root, `No map for this run: ${(e as Error).message}`);
    return;
  }
  const catalogue = await get<SeriesInfo[]>(`/api/runs/${run.id}/series`);
  const regional = catalogue.filter((s) => s.regions.length > 1);
  if (regional.length === 0) {
    message(root, "This run has no series by region to colour the map with.");
    return;
  }
  const events = await get<EventList>(`/api/runs/${run.id}/events`);
  const regions = layers.features.filter((f) => f.properties.layer === "region");

  let metric = preferredMetrics.find((m) => regional.some((s) => s.name === m)) ?? regional[0].name;
  let eventType = "";
  let actor = "";
  let dateIndex = 0;
  let series: SeriesData = { name: "", dates: [], members: 1, regions: {} };
  let timer: ReturnType<typeof setInterval> | null = null;

  const controls = element("div", { class: "controls" });
  const metricSelect = select(
    "Colour regions by",
    "map-metric",
    regional.map((s) => ({ value: s.name, text: s.name })),
    metric,
    async (value) => {
      metric = value;
      await loadSeries();
      draw();
    },
  );
  const slider = element("input", { id: "map-slider", type: "range", min: "0", max: "0", value: "0", step: "1" });
  const dateLabel = element("span", { id: "map-date", class: "date" });
  const play = element("button", { id: "map-play", type: "button" }, "Play");
  const typeSelect = select(
    "Events",
    "event-type",
    [{ value: "", text: "all types" }, ...events.types.map((t) => ({ value: t, text: t }))],
    "",
    (v) => {
      eventType = v;
      draw();
    },
  );
  const actorSelect = select(
    "by",
    "event-actor",
    [{ value: "", text: "any actor" }, ...events.actors.map((a) => ({ value: a, text: a }))],
    "",
    (v) => {
      actor = v;
      draw();
    },
  );
  controls.append(metricSelect, slider, dateLabel, play, typeSelect, actorSelect);
  const status = element("p", { id: "map-status", class: "status" });
  root.append(controls, status);

  const width = 900,
    height = 640;
  const svg = d3.select(root).append("svg").attr("id", "map").attr("viewBox", `0 0 ${width} ${height}`).attr("class", "map");
  const regionCollection = { type: "FeatureCollection", features: regions } as d3.ExtendedFeatureCollection;
  const projection = d3.geoMercator().fitExtent(
    [
      [20, 20],
      [width - 200, height - 20],
    ],
    regionCollection,
  );
  const path = d3.geoPath(projection);
  const drawLayer = (layer: string, cls: string) =>
    svg
      .append("g")
      .attr("class", cls)
      .selectAll("path")
      .data(layers.features.filter((f) => f.properties.layer === layer))
      .join("path")
      .attr("d", (f) => path(f as unknown as d3.GeoPermissibleObjects) ?? "");
  drawLayer("neighbour", "neighbours").append("title").text((f) => String(f.properties.name));
  const regionPaths = drawLayer("region", "regions").attr("data-region", (f) => String(f.properties.name));
  regionPaths.append("title");
  drawLayer("cercle", "cercles");

  const pointLayer = (layers_: string[], cls: string, symbol: d3.SymbolType, size: number) => {
    const points = layers.features.filter((f) => layers_.includes(f.properties.layer));
    svg
      .append("g")
      .attr("class", cls)
      .selectAll("path")
      .data(points)
      .join("path")
      .attr("transform", (f) => {
        const [lon, lat] = f.geometry.coordinates as [number, number];
        const [px, py] = projection([lon, lat]) ?? [0, 0];
        return `translate(${px},${py})`;
      })
      .attr("d", d3.symbol(symbol, size)())
      .append("title")
      .text((f) => label(f));
  };
  pointLayer(["town"], "towns", d3.symbolCircle, 18);
  pointLayer(["camp"], "camps", d3.symbolTriangle, 40);
  pointLayer(["base", "operation_base"], "bases", d3.symbolSquare, 36);
  const eventLayer = svg.append("g").attr("class", "events");
  const legend = svg.append("g").attr("class", "legend").attr("transform", `translate(${width - 180},30)`);

  async function loadSeries(): Promise<void> {
    series = await get<SeriesData>(`/api/runs/${run.id}/series/${encodeURIComponent(metric)}`);
    slider.max = String(series.dates.length - 1);
    dateIndex = Math.min(dateIndex, series.dates.length - 1);
    slider.value = String(dateIndex);
  }

  function draw(): void {
    const date = series.dates[dateIndex];
    const previous = dateIndex > 0 ? series.dates[dateIndex - 1] : "";
    dateLabel.textContent = date;
    const names = regions.map((f) => String(f.properties.name));
    const all = names.flatMap((n) => series.regions[n]?.values ?? []);
    const max = d3.max(all) ?? 0;
    const color = d3.scaleSequential(d3.interpolateYlOrRd).domain([0, max > 0 ? max : 1]);
    regionPaths
      .attr("fill", (f) => {
        const v = series.regions[String(f.properties.name)]?.values[dateIndex];
        return v === undefined ? "#eee" : color(v);
      })
      .attr("data-value", (f) => String(series.regions[String(f.properties.name)]?.values[dateIndex] ?? ""))
      .select("title")
      .text((f) => {
        const v = series.regions[String(f.properties.name)]?.values[dateIndex];
        return `${f.properties.name}: ${v === undefined ? "no value" : formatNumber(v)} (${metric}, ${date})`;
      });
    // The events of the period that ends on the slider's date.
    const shown = events.events.filter(
      (e) =>
        e.date > previous &&
        e.date <= date &&
        (eventType === "" || e.type === eventType) &&
        (actor === "" || e.actor1 === actor || e.actor2 === actor),
    );
    eventLayer
      .selectAll("circle")
      .data(shown, (e) => (e as { id: string }).id)
      .join("circle")
      .attr("cx", (e) => (projection([e.lon, e.lat]) ?? [0, 0])[0])
      .attr("cy", (e) => (projection([e.lon, e.lat]) ?? [0, 0])[1])
      .attr("r", (e) => 2.5 + Math.sqrt(e.fatalities))
      .selectAll("title")
      .data((e) => [e])
      .join("title")
      .text((e) => `${e.date} ${e.type} (${e.sub_type}): ${e.actor1}${e.actor2 ? " vs " + e.actor2 : ""}, ${e.location}, ${e.fatalities} killed`);
    status.textContent = `${metric} on ${date}: national ${formatNumber(series.regions[series.national ?? ""]?.values[dateIndex] ?? d3.sum(names, (n) => series.regions[n]?.values[dateIndex] ?? 0))}; ${shown.length} events shown`;
    status.dataset.events = String(shown.length);
    drawLegend(color, max);
  }

  function drawLegend(color: d3.ScaleSequential<string>, max: number): void {
    legend.selectAll("*").remove();
    legend.append("text").attr("y", -8).text(metric);
    const steps = 6;
    for (let k = 0; k < steps; ++k) {
      const v = (max * k) / (steps - 1);
      legend.append("rect").attr("y", k * 18).attr("width", 16).attr("height", 16).attr("fill", color(v));
      legend.append("text").attr("x", 22).attr("y", k * 18 + 12).text(formatNumber(v));
    }
    const keys: [string, string][] = [
      ["town", "town"],
      ["camp", "refugee camp"],
      ["base", "operation base"],
      ["event", "event (size: deaths)"],
    ];
    keys.forEach(([cls, text], k) => {
      const g = legend.append("g").attr("transform", `translate(8,${steps * 18 + 20 + k * 18})`).attr("class", `key-${cls}`);
      const symbol = cls === "camp" ? d3.symbolTriangle : cls === "base" ? d3.symbolSquare : d3.symbolCircle;
      g.append("path").attr("d", d3.symbol(symbol, 40)());
      g.append("text").attr("x", 14).attr("y", 4).text(text);
    });
  }

  slider.addEventListener("input", () => {
    dateIndex = Number(slider.value);
    draw();
  });
  play.addEventListener("click", () => {
    if (timer) {
      clearInterval(timer);
      timer = null;
      play.textContent = "Play";
      return;
    }
    play.textContent = "Pause";
    timer = setInterval(() => {
      if (!root.isConnected || dateIndex >= series.dates.length - 1) {
        if (timer) clearInterval(timer);
        timer = null;
        play.textContent = "Play";
        return;
      }
      dateIndex += 1;
      slider.value = String(dateIndex);
      draw();
    }, 250);
  });

  await loadSeries();
  dateIndex = Math.floor(series.dates.length / 2);
  slider.value = String(dateIndex);
  draw();
}

function label(f: GeoFeature): string {
  const p = f.properties;
  if (p.layer === "operation_base")
    return `${p.operation_name} ${p.kind} at ${p.site}${p.from ? " from " + p.from : ""}${p.to ? " to " + p.to : ""}`;
  return `${p.name} (${p.layer})`;
}
