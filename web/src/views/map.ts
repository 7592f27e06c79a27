// The map of the theatre: neighbours, regions coloured by a chosen regional series at the slider's
// date, cercle outlines, the borders of the theatre's states, towns, camps and bases, and the
// month's events as points, filterable by type and actor. Play steps the slider through the run.
// Choosing an operation outlines the regions of its area and its bases, and names the states its
// area spans, so an operation that crosses the theatre's borders shows as such.
import * as d3 from "d3";
import type { EventList, GeoFeature, MapLayers, Operation, RunInfo, SeriesData, SeriesInfo } from "../data";
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
  layers.features.forEach(windForD3);
  const events = await get<EventList>(`/api/runs/${run.id}/events`);
  const operations = await get<Operation[]>(`/api/runs/${run.id}/operations`).catch(() => [] as Operation[]);
  const regions = layers.features.filter((f) => f.properties.layer === "region");
  const states = layers.features.filter((f) => f.properties.layer === "state");
  const stateName = new Map(states.map((f) => [String(f.properties.country), String(f.properties.name)]));
  const countryOf = new Map(regions.map((f) => [String(f.properties.name), String(f.properties.country ?? "")]));

  let metric = preferredMetrics.find((m) => regional.some((s) => s.name === m)) ?? regional[0].name;
  let eventType = "";
  let actor = "";
  let operationId = "";
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
  // Operations with an area of regions or with bases: those the map can show.
  const mapped = operations.filter(
    (o) => (o.area?.regions.length ?? 0) > 0 || layers.features.some((f) => f.properties.operation === o.id),
  );
  const operationSelect = select(
    "Area of",
    "map-operation",
    [{ value: "", text: "no operation" }, ...mapped.map((o) => ({ value: o.id, text: o.short || o.name }))],
    "",
    (v) => {
      operationId = v;
      showOperation();
    },
  );
  controls.append(metricSelect, slider, dateLabel, play, typeSelect, actorSelect, operationSelect);
  const status = element("p", { id: "map-status", class: "status" });
  const operationStatus = element("p", { id: "map-operation-status", class: "status" });
  root.append(controls, status, operationStatus);

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
  drawLayer("state", "state-ground");  // what of a state the theatre leaves out shows as land, not sea
  const regionPaths = drawLayer("region", "regions").attr("data-region", (f) => String(f.properties.name));
  regionPaths.append("title");
  drawLayer("cercle", "cercles");
  // The theatre's states' borders, over their regions.
  drawLayer("state", "states")
    .attr("data-country", (f) => String(f.properties.country))
    .append("title")
    .text((f) => `${f.properties.name} (${f.properties.country})`);

  const pointLayer = (layers_: string[], cls: string, symbol: d3.SymbolType, size: number) => {
    const points = layers.features.filter((f) => layers_.includes(f.properties.layer));
    const paths = svg
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
      .attr("d", d3.symbol(symbol, size)());
    paths.append("title").text((f) => label(f));
    return paths;
  };
  pointLayer(["town"], "towns", d3.symbolCircle, 18);
  pointLayer(["camp"], "camps", d3.symbolTriangle, 40);
  const basePoints = pointLayer(["base", "operation_base"], "bases", d3.symbolSquare, 36).attr("data-operation", (f) =>
    String(f.properties.operation ?? ""),
  );
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

  // The chosen operation's area: its regions outlined, its bases picked out, the states it spans
  // named (those outside the theatre by their code).
  function showOperation(): void {
    const op = mapped.find((o) => o.id === operationId);
    const area = new Set(op?.area?.regions ?? []);
    regionPaths.classed("in-area", (f) => area.has(String(f.properties.name)));
    regionPaths.filter(".in-area").raise();  // so no neighbour's outline covers the area's
    basePoints
      .classed("selected", (f) => op !== undefined && f.properties.operation === op.id)
      .classed("dimmed", (f) => op !== undefined && f.properties.operation !== op.id);
    if (!op) {
      operationStatus.textContent = "";
      operationStatus.dataset.countries = "";
      return;
    }
    const inTheatre = [...new Set([...area].map((r) => countryOf.get(r) ?? "").filter((c) => c !== ""))];
    const baseCountries = layers.features
      .filter((f) => f.properties.operation === op.id)
      .map((f) => regionAt(f))
      .filter((c) => c !== "");
    const spanned = [...new Set([...inTheatre, ...baseCountries])].sort();
    const outside = (op.area?.countries ?? []).filter((c) => !spanned.includes(c) && !stateName.has(c));
    const names = spanned.map((c) => stateName.get(c) ?? c);
    const crossing = spanned.length > 1 ? `crosses the borders of ${spanned.length} states of the theatre` : "within one state";
    operationStatus.textContent =
      `${op.short || op.name}: ${crossing} (${names.join(", ")})` +
      (area.size > 0 ? `; area: ${[...area].join(", ")}` : "") +
      (outside.length > 0 ? `; also outside the theatre: ${outside.join(", ")}` : "");
    operationStatus.dataset.countries = spanned.join(",");
  }

  // The theatre state whose region contains a point, or "" (by the map's own outlines).
  function regionAt(f: GeoFeature): string {
    const point = f.geometry.coordinates as [number, number];
    const region = regions.find((r) => d3.geoContains(r as unknown as d3.GeoPermissibleObjects, point));
    return region ? String(region.properties.country ?? "") : "";
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
      ...(states.length > 0 ? ([["state", "state border"]] as [string, string][]) : []),
    ];
    keys.forEach(([cls, text], k) => {
      const g = legend.append("g").attr("transform", `translate(8,${steps * 18 + 20 + k * 18})`).attr("class", `key-${cls}`);
      const symbol = cls === "camp" ? d3.symbolTriangle : cls === "base" ? d3.symbolSquare : d3.symbolCircle;
      if (cls === "state") g.append("line").attr("x1", -7).attr("x2", 7);
      else g.append("path").attr("d", d3.symbol(symbol, 40)());
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
  showOperation();
  dateIndex = Math.floor(series.dates.length / 2);
  slider.value = String(dateIndex);
  draw();
}

// d3 draws polygons on the sphere, where winding says which side is inside: it wants outer rings
// clockwise, the reverse of RFC 7946 (which map.geojson follows). A polygon that d3 would read as
// more than a hemisphere is wound the other way, so it is reversed.
function windForD3(f: GeoFeature): void {
  const g = f.geometry as { type: string; coordinates: number[][][][] | number[][][] };
  const polygons = g.type === "MultiPolygon" ? (g.coordinates as number[][][][]) : g.type === "Polygon" ? [g.coordinates as number[][][]] : [];
  for (const rings of polygons) {
    if (d3.geoArea({ type: "Polygon", coordinates: rings } as d3.GeoPermissibleObjects) > 2 * Math.PI) rings.forEach((r) => r.reverse());
  }
}

function label(f: GeoFeature): string {
  const p = f.properties;
  if (p.layer === "operation_base")
    return `${p.operation_name} ${p.kind} at ${p.site}${p.from ? " from " + p.from : ""}${p.to ? " to " + p.to : ""}`;
  return `${p.name} (${p.layer})`;
}
