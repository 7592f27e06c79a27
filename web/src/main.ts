// The dashboard: a run picker, tabs for the views, and the view of the chosen run. Data come from
// `peacesim serve`'s API, or from the page itself in a report (data.ts).
import "./style.css";
import type { RunDetail, RunInfo } from "./data";
import { get, isReport } from "./data";
import { element, message } from "./charts";
import { renderMap } from "./views/map";
import { renderSeries } from "./views/series";
import { renderOperations } from "./views/operations";
import { renderNetwork } from "./views/network";
import { renderCompare } from "./views/compare";
import { renderValidation } from "./views/validation";

type View = (root: HTMLElement, run: RunInfo, runs: RunInfo[]) => Promise<void>;

const views: [string, string, View][] = [
  ["map", "Map", (root, run) => renderMap(root, run)],
  ["series", "Time series", (root, run) => renderSeries(root, run)],
  ["operations", "Operations", (root, run) => renderOperations(root, run)],
  ["network", "Network", (root, run) => renderNetwork(root, run)],
  ["compare", "Comparison", (root, run, runs) => renderCompare(root, runs, run)],
  ["validation", "Validation", (root, run) => renderValidation(root, run)],
];

async function main(): Promise<void> {
  const runSelect = document.getElementById("run-select") as HTMLSelectElement;
  const info = document.getElementById("run-info")!;
  const tabs = document.getElementById("tabs")!;
  const view = document.getElementById("view")!;
  const runs = await get<RunInfo[]>("/api/runs");
  if (runs.length === 0) {
    message(view, "No runs were given.");
    return;
  }
  for (const r of runs) runSelect.append(element("option", { value: r.id }, `${r.name} (${r.kind})`));
  let current = views[0][0];
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.get("view") && views.some((v) => v[0] === params.get("view"))) current = params.get("view")!;
  if (params.get("run") && runs.some((r) => r.id === params.get("run"))) runSelect.value = params.get("run")!;

  let generation = 0;
  async function show(): Promise<void> {
    const mine = ++generation;
    const run = runs.find((r) => r.id === runSelect.value) ?? runs[0];
    location.hash = `view=${current}&run=${run.id}`;
    for (const button of tabs.querySelectorAll("button")) button.classList.toggle("active", button.dataset.view === current);
    const detail = await get<RunDetail>(`/api/runs/${run.id}`);
    if (mine !== generation) return;
    info.textContent = `${run.title ?? run.name} · ${run.start} to ${run.end} · ${
      run.kind === "ensemble" ? `${run.members} members` : `seed ${run.seed}`
    } · peacesim ${detail.manifest.peacesim_version ?? "?"}${isReport() ? " · static report" : ""}`;
    const root = element("section", { id: `view-${current}` });
    view.replaceChildren(root);
    try {
      await views.find((v) => v[0] === current)![2](root, run, runs);
    } catch (e) {
      message(root, `Cannot show this view: ${(e as Error).message}`);
    }
    root.dataset.ready = "true";
  }
  for (const [id, title] of views) {
    const button = element("button", { type: "button", "data-view": id }, title);
    button.addEventListener("click", () => {
      current = id;
      void show();
    });
    tabs.append(button);
  }
  runSelect.addEventListener("change", () => void show());
  await show();
}

void main().catch((e: Error) => message(document.getElementById("view")!, `The dashboard cannot start: ${e.message}`));
