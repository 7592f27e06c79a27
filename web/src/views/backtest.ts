// A backtest's report (`serve --backtest`): per origin, every metric of the model beside the three
// frozen baselines (the best baseline in italics, the model in bold where it beats it), the
// verdict, and the share of runs in which each pattern holds (docs/validation.md).
import type { Backtest, BacktestDiscrepancy, BacktestMetric, BacktestOrigin } from "../data";
import { element } from "../charts";

const BASELINES: [keyof BacktestMetric, string][] = [
  ["persistence", "persistence"],
  ["mean3", "mean of 3 years"],
  ["nb", "NB regression"],
];

function figure(x: number | null): string {
  return x === null || x === undefined ? "–" : x.toFixed(3);
}

function metricRow(m: BacktestMetric): HTMLTableRowElement {
  const tr = element("tr");
  tr.append(element("td", {}, m.name));
  const model = element("td", { class: "model" });
  if (m.model_beats_best) model.append(element("b", {}, figure(m.model)));
  else model.textContent = figure(m.model);
  // How much of the score is the ensemble's draw: ± its sd over resamples of the members.
  const r = m.model_resampled;
  if (r) {
    const share = r.beats_best_share === null ? "" : `; beats the best baseline in ${Math.round(r.beats_best_share * 100)} % of them`;
    model.append(
      element("span", { class: "sd", title: `standard deviation over resamples of the members${share}` }, ` ± ${r.sd.toFixed(3)}`),
    );
  }
  tr.append(model);
  for (const [key] of BASELINES) {
    const td = element("td", { class: String(key) });
    const text = figure(m[key] as number | null);
    if (m.best_baseline === key) td.append(element("i", {}, text));
    else td.textContent = text;
    tr.append(td);
  }
  return tr;
}

// What widened the model's intervals, when a discrepancy did: the σ used for each quantity at each
// lead, and the hindcasts they come from.
function discrepancyNote(d: BacktestDiscrepancy): HTMLElement {
  const parts: string[] = [];
  for (const [quantity, byLead] of Object.entries(d.sigma)) {
    const used = Object.entries(byLead).filter(([, e]) => e.used !== false);
    if (used.length === 0) continue;
    parts.push(`${quantity}: ${used.map(([lead, e]) => `σ ${e.sigma.toFixed(2)} at ${lead} year${lead === "1" ? "" : "s"}`).join(", ")}`);
  }
  const from = d.hindcast_origins.map((h) => h.origin).join(", ");
  return element(
    "p",
    { class: "discrepancy" },
    `The model's intervals (CRPS, coverage) include a model discrepancy on ln(1 + x), estimated from hindcasts of ` +
      `${d.members} members from ${from}: ${parts.length ? parts.join("; ") : "none large enough to use"}. ` +
      `Its point forecasts are the members' mean, unchanged.`,
  );
}

function originSection(o: BacktestOrigin, index: number): HTMLElement {
  const section = element("section", { class: "backtest-origin", "data-origin": o.origin });
  const years = o.scored_years?.length ? `, scored on ${o.scored_years[0]}–${o.scored_years[o.scored_years.length - 1]}` : "";
  section.append(element("h3", {}, `Origin ${o.origin}${years}`));
  if (o.discrepancy) section.append(discrepancyNote(o.discrepancy));
  const table = element("table", { id: `backtest-metrics-${index}`, class: "backtest-metrics" });
  const head = element("tr");
  head.append(...["metric", "model", ...BASELINES.map(([, text]) => text)].map((h) => element("th", {}, h)));
  table.append(head);
  for (const m of o.scores.metrics) table.append(metricRow(m));
  section.append(table);
  const v = o.scores.verdict;
  section.append(
    element(
      "p",
      { class: "verdict" },
      `The model beats the best baseline on ${v.model_beats_best_baseline} of ${v.metrics_judged} metrics` +
        (v.not_beaten?.length ? `; not on: ${v.not_beaten.join(", ")}` : "") +
        ". Best baseline in italics, the model in bold where it beats it" +
        (o.scores.metrics.some((m) => m.model_resampled) ? "; ± its spread from which members the ensemble drew." : "."),
    ),
  );
  if (o.patterns.length > 0) {
    const list = element("ul", { class: "backtest-patterns" });
    for (const p of o.patterns) {
      const share = `${Math.round(p.share * 100)} %`;
      list.append(element("li", {}, `${p.text}: holds in ${p.holds_in} of ${p.runs} runs (${share})`));
    }
    section.append(element("h4", {}, "Patterns"), list);
  }
  return section;
}

export function backtestSection(b: Backtest): HTMLElement {
  const root = element("div", { id: "backtest" });
  root.append(element("h2", {}, "Backtest: blind forecasts against frozen baselines"));
  b.origins.forEach((o, i) => root.append(originSection(o, i)));
  return root;
}
