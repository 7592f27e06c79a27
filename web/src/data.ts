// Where the dashboard's data comes from: the JSON API of `peacesim serve` (docs/web-api.md), or,
// in a report written by `peacesim report`, the same answers inlined in the page as
// <script type="application/json" id="peacesim-data">{"/api/...": answer, ...}</script>.

export interface RunInfo {
  id: string;
  kind: "run" | "ensemble";
  name: string;
  title?: string;
  model?: string;
  start?: string;
  end?: string;
  seed?: number;
  members: number;
}

export interface RunDetail {
  id: string;
  summary: { label: string; value: string }[];
  manifest: { peacesim_version?: string; scenario?: { name: string; hash: string } };
}

export interface SeriesInfo {
  name: string;
  unit: string;
  kind: string; // flow or gauge
  cadence: string;
  description: string;
  regions: string[];
}

export interface RegionValues {
  values: number[];
  low?: number[];
  high?: number[];
}

export interface SeriesData {
  name: string;
  dates: string[];
  members: number;
  national?: string; // the region that is the whole country (the store's first)
  regions: Record<string, RegionValues>;
}

export interface SimEvent {
  id: string;
  date: string;
  type: string;
  sub_type: string;
  actor1: string;
  actor2: string;
  admin1: string;
  location: string;
  lat: number;
  lon: number;
  fatalities: number;
}

export interface EventList {
  member: number;
  types: string[];
  actors: string[];
  events: SimEvent[];
}

export interface Mandate {
  id: string;
  instrument: string;
  adopted: string;
  tasks: string[];
  military?: number;
}

export interface Budget {
  from: string;
  to: string | null;
  funding: string;
  usd_per_year: number | null;
}

export interface Operation {
  id: string;
  name: string;
  short: string;
  kind: string;
  status: string;
  organizations: string[];
  decided: string | null;
  start: string | null;
  end: string | null;
  mandates: Mandate[];
  budgets: Budget[];
  // Where it acts: countries (ISO3), regions (as the map names them) and the scenario's words.
  // Absent from runs made before the map showed operations' areas.
  area?: { countries: string[]; regions: string[]; text: string };
}

export interface NetworkNode {
  id: string;
  name: string;
  kind: string;
}

export interface NetworkEdge {
  from: string;
  to: string;
  kind: string;
  text: string;
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

export interface Difference {
  outcome: string;
  description?: string; // the series' declared description
  unit: string;
  measure: string;
  base_mean: number;
  variant_mean: number;
  difference: number;
  low: number;
  high: number;
  n: number;
  // With members two to a parameter draw: the share of the differences' variance the draws explain.
  parameter_share?: number | null;
}

export interface Comparison {
  base: { id: string; name: string; members: number };
  variant: { id: string; name: string; members: number };
  paired: boolean;
  parameter_draws?: boolean; // both arms' members come two to a parameter draw
  interval: string;
  differences: Difference[];
}

export interface ValidationRow {
  region: string;
  year: number;
  metric: string;
  simulated: number;
  observed: number;
}

export interface ValidationMetric {
  name: string;
  model: number | null;
  persistence: number | null;
  trend: number | null;
  better_than_baselines: boolean;
}

export interface Validation {
  window: { from: string; to: string };
  rows: ValidationRow[];
  metrics: ValidationMetric[];
}

// The report of `peacesim backtest --out` (served with `serve --backtest`), as far as the
// validation view reads it.
export interface BacktestMetric {
  name: string;
  group: string;
  better: string;
  model: number | null;
  persistence: number | null;
  mean3: number | null;
  nb: number | null;
  best_baseline: string | null;
  model_beats_best: boolean | null;
  // The model's spread over resamples of its members (absent in reports before it, null where the
  // model has no value): its standard deviation and the share of resamples it beats the best baseline.
  model_resampled?: { sd: number; p5: number; p95: number; beats_best_share: number | null } | null;
}

export interface BacktestPattern {
  id: string;
  text: string;
  holds_in: number;
  runs: number;
  share: number;
}

// A model discrepancy (`backtest --discrepancy`): σ on ln(1 + x) by quantity and lead, from
// hindcasts started before the origin.
export interface BacktestDiscrepancy {
  members: number;
  hindcast_origins: { origin: string; cells: number }[];
  sigma: Record<string, Record<string, { sigma: number; cells: number; used?: boolean }>>;
}

export interface BacktestOrigin {
  origin: string;
  scored_years?: number[];
  discrepancy?: BacktestDiscrepancy | null;
  scores: {
    metrics: BacktestMetric[];
    verdict: { metrics_judged: number; model_beats_best_baseline: number; not_beaten?: string[] };
  };
  patterns: BacktestPattern[];
}

export interface Backtest {
  runs?: number;
  origins: BacktestOrigin[];
}

// Observed figures beside a run's (`serve --observed`), by region, year by year.
export interface DatedValue {
  date: string;
  value: number;
}

export interface ObservedQuantity {
  label: string;
  measure: string;
  model_series: boolean;
  observed: Record<string, DatedValue[]>;
  simulated: Record<string, DatedValue[]>;
}

export interface ObservedSeries {
  national: string;
  window: { from: string; to: string };
  origins: { date: string; label: string }[];
  series: Record<string, ObservedQuantity>;
}

export interface GeoFeature {
  type: "Feature";
  properties: Record<string, string | number | undefined> & { layer: string };
  geometry: { type: string; coordinates: unknown };
}

export interface MapLayers {
  type: "FeatureCollection";
  features: GeoFeature[];
}

let inlined: Record<string, unknown> | null | undefined;

function inlineData(): Record<string, unknown> | null {
  if (inlined === undefined) {
    const element = document.getElementById("peacesim-data");
    inlined = element?.textContent ? (JSON.parse(element.textContent) as Record<string, unknown>) : null;
  }
  return inlined;
}

// True in a static report: there is no server to ask.
export function isReport(): boolean {
  return inlineData() !== null;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const cache = new Map<string, Promise<unknown>>();

// One answer of the API, by path; each path is asked once per page.
export function get<T>(path: string): Promise<T> {
  const data = inlineData();
  if (data) {
    if (path in data) return Promise.resolve(data[path] as T);
    return Promise.reject(new ApiError(`not in this report (${path})`, 404));
  }
  let answer = cache.get(path);
  if (!answer) {
    answer = fetch(path).then(async (response) => {
      const body = (await response.json()) as { error?: string };
      if (!response.ok) throw new ApiError(body.error ?? response.statusText, response.status);
      return body;
    });
    cache.set(path, answer);
  }
  return answer as Promise<T>;
}
