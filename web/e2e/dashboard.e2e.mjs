// End-to-end test of the dashboard in headless Chromium (Debian's), driven by playwright-core:
// `peacesim serve` on two real runs and observed data, then the static report. It moves the map's
// slider, switches its metric, filters events, plays, opens every view and checks that what the
// page shows changes accordingly, and that the page asks nothing of any other host. Then a run of
// the Sahel scenario: three states with their borders, and operations whose areas cross them.
// Usage: node e2e/dashboard.e2e.mjs PEACESIM_BINARY SOURCE_DIR WORK_DIR [SCREENSHOT.png]
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const [binary, sourceDir, work, screenshot] = process.argv.slice(2);
if (!binary || !sourceDir || !work) {
  console.error("usage: node e2e/dashboard.e2e.mjs PEACESIM_BINARY SOURCE_DIR WORK_DIR [SCREENSHOT.png]");
  process.exit(2);
}
const chromiumPath = process.env.PEACESIM_CHROMIUM ?? "/usr/bin/chromium";

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const base = path.join(work, "base");
const variant = path.join(work, "france_leaves_early");
const observed = path.join(sourceDir, "data/observed/acled_mali_aggregates_by_admin1_month_1997-2016.csv");
const short = ["--set", "calendar.end=2014-12-31", "--scale", "500", "-q"];
console.log("e2e: two runs of the Mali scenario to 2014 (base and France leaving early)");
execFileSync(binary, ["run", path.join(sourceDir, "scenarios/mali/mali.yaml"), ...short, "--out", base]);
execFileSync(binary, ["run", path.join(sourceDir, "scenarios/mali/variants/q2_france_leaves_early.yaml"), ...short, "--out", variant]);
const sahel = path.join(work, "sahel");
console.log("e2e: a run of the Sahel scenario to 2014");
execFileSync(binary, ["run", path.join(sourceDir, "scenarios/sahel/sahel.yaml"), ...short, "--out", sahel]);

// A backtest report of the shape `peacesim backtest --out` writes (made up, small: the view is
// tested, not the model): one origin, two metrics, the model beating the best baseline on one.
const backtest = path.join(work, "backtest.json");
writeFileSync(
  backtest,
  JSON.stringify({
    kind: "backtest",
    origins: [
      {
        origin: "2013-12-31",
        scored_years: [2014],
        discrepancy: {
          members: 20,
          hindcast_origins: [{ origin: "2012-12-31", cells: 40 }],
          sigma: {
            fatalities: { "1": { sigma: 0.5, cells: 18, used: true } },
            idps_year_end: { "1": { sigma: 0.9, cells: 2, used: false } },
          },
        },
        scores: {
          metrics: [
            { name: "national deaths", group: "violence", better: "lower", model: 0.5, persistence: 0.9, mean3: 0.7, nb: null,
              best_baseline: "mean3", model_beats_best: true,
              model_resampled: { sd: 0.04, p5: 0.44, p95: 0.57, beats_best_share: 0.97 } },
            { name: "IDPs", group: "displacement", better: "lower", model: 1.5, persistence: 0.2, mean3: 0.4, nb: 0.3,
              best_baseline: "persistence", model_beats_best: false },
          ],
          verdict: { metrics_judged: 2, model_beats_best_baseline: 1, not_beaten: ["IDPs"] },
        },
        patterns: [{ id: "p1", text: "a pattern", holds_in: 3, runs: 4, share: 0.75 }],
      },
    ],
  }),
);

function serve(args = [base, variant, "--observed", observed, "--backtest", backtest]) {
  return new Promise((resolve, reject) => {
    const server = spawn(binary, ["serve", ...args, "--port", "0"]);
    let out = "";
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolve({ server, url: `http://127.0.0.1:${m[1]}/` });
    });
    server.stderr.on("data", (chunk) => process.stderr.write(chunk));
    server.on("exit", (code) => reject(new Error(`peacesim serve exited with ${code}: ${out}`)));
  });
}

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});

// Every request the page makes must go to `allowed` (the server) or be inline (data:, file:).
function watchRequests(page, allowed) {
  const foreign = [];
  page.on("request", (r) => {
    const u = r.url();
    if (!(u.startsWith(allowed) || u.startsWith("data:") || u.startsWith("file:") || u.startsWith("about:"))) foreign.push(u);
  });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  return { foreign, errors };
}

const regionValues = (page) =>
  page.$$eval("#map .regions path", (paths) => paths.map((p) => `${p.dataset.region}=${p.dataset.value}`).join(";"));
const ready = (page, view) => page.waitForSelector(`#view-${view}[data-ready=true]`, { timeout: 30000 });

async function checkMap(page) {
  await ready(page, "map");
  const regions = await page.$$eval("#map .regions path", (p) => p.length);
  assert.ok(regions >= 9, `the map draws Mali's regions (${regions})`);
  for (const layer of ["neighbours", "cercles", "towns", "camps", "bases"])
    assert.ok((await page.$$(`#map .${layer} path`)).length > 0, `the map draws ${layer}`);
  assert.deepEqual(await page.$$eval("#map .states path", (p) => p.map((e) => e.dataset.country)), ["MLI"], "Mali's border");

  // The slider: another date, other values.
  const date0 = await page.textContent("#map-date");
  const values0 = await regionValues(page);
  await page.$eval("#map-slider", (s) => {
    s.value = String(Number(s.max) - 1);
    s.dispatchEvent(new Event("input"));
  });
  const date1 = await page.textContent("#map-date");
  const values1 = await regionValues(page);
  assert.notEqual(date1, date0, "moving the slider changes the date shown");
  assert.notEqual(values1, values0, "moving the slider changes the regions' values");

  // The metric: other values, and the status names the new metric.
  const before = await page.textContent("#map-status");
  const metrics = await page.$$eval("#map-metric option", (o) => o.map((x) => x.value));
  const current = await page.$eval("#map-metric", (s) => s.value);
  const other = metrics.find((m) => m.startsWith("state_authority") && m !== current) ?? metrics.find((m) => m !== current);
  await page.selectOption("#map-metric", other);
  await page.waitForFunction((m) => document.querySelector("#map-status")?.textContent?.startsWith(m), other);
  const after = await page.textContent("#map-status");
  assert.notEqual(after, before, "switching the metric changes the status line");
  assert.notEqual(await regionValues(page), values1, "switching the metric recolours the regions");

  // Events: all types, then one type only: never more, and the filter applies to what is drawn.
  await page.$eval("#map-slider", (s) => {
    s.value = String(Math.floor(Number(s.max) * 0.6));
    s.dispatchEvent(new Event("input"));
  });
  const all = Number(await page.getAttribute("#map-status", "data-events"));
  const drawn = (await page.$$("#map .events circle")).length;
  assert.equal(drawn, all, "every event of the month is drawn");
  const types = await page.$$eval("#event-type option", (o) => o.map((x) => x.value).filter(Boolean));
  assert.ok(types.length > 1, "events have several types");
  let sum = 0;
  for (const t of types) {
    await page.selectOption("#event-type", t);
    sum += Number(await page.getAttribute("#map-status", "data-events"));
  }
  assert.equal(sum, all, "the events by type add up to all events");
  await page.selectOption("#event-type", "");

  // Play advances the date.
  await page.$eval("#map-slider", (s) => {
    s.value = "0";
    s.dispatchEvent(new Event("input"));
  });
  const start = await page.textContent("#map-date");
  await page.click("#map-play");
  await page.waitForFunction((d) => document.querySelector("#map-date")?.textContent !== d, start, { timeout: 5000 });
  await page.click("#map-play");
  console.log(`e2e: map ok (${regions} regions, ${metrics.length} metrics, ${all} events in a month, ${types.length} types)`);
}

async function checkViews(page, withServer) {
  await page.click("button[data-view=series]");
  await ready(page, "series");
  assert.ok(await page.$("#series-chart path.line"), "the series view draws a line");
  const d0 = await page.getAttribute("#series-chart path.line", "d");
  const names = await page.$$eval("#series-name option", (o) => o.map((x) => x.value));
  await page.selectOption("#series-name", names.find((n) => n.startsWith("internally_displaced")) ?? names[1]);
  await page.waitForFunction((d) => document.querySelector("#series-chart path.line")?.getAttribute("d") !== d, d0);
  // Observed events by region, drawn over the run's own yearly figures, with the backtest's origin.
  await page.selectOption("#series-name", "observed:violent_events");
  await page.waitForSelector("#series-chart path.observed");
  assert.ok((await page.$$("#series-chart path.simulated-yearly")).length > 0, "the run's yearly events beside the observed");
  assert.equal(await page.getAttribute("#series-chart g.mark", "data-date"), "2013-12-31", "the origin is marked");

  await page.click("button[data-view=operations]");
  await ready(page, "operations");
  assert.ok((await page.$$("#strength-chart path.line")).length >= 3, "strength lines of several operations");
  assert.ok((await page.$$("#operations-timeline rect.period")).length >= 3, "deployment periods of several operations");

  await page.click("button[data-view=network]");
  await ready(page, "network");
  const links = (await page.$$("#network line")).length;
  assert.ok(links > 5, `the network has links (${links})`);
  await page.click("#network-kinds input[value=authorizes]");
  const fewer = (await page.$$("#network line")).length;
  assert.ok(fewer < links, "hiding a kind of link removes its links");

  await page.click("button[data-view=compare]");
  await ready(page, "compare");
  const rows = (await page.$$("#compare-chart g[data-outcome]")).length;
  assert.ok(rows > 3, `the comparison shows outcomes (${rows})`);
  // A forest plot on one axis of relative change: the dots sit where their size puts them, not at
  // three places (left, centre, right); rows read as words, not series names; one member a side
  // has no interval, and says so; the numbers are in a table, whole.
  assert.ok((await page.$$("#compare-axis .tick")).length >= 3, "the shared axis has ticks");
  const xs = await page.$$eval("#compare-chart circle.dot", (c) => c.map((e) => Number(e.getAttribute("cx")).toFixed(1)));
  assert.ok(new Set(xs).size > 3, `the dots are placed by size (${new Set(xs).size} distinct positions of ${xs.length})`);
  const labels = await page.$$eval("#compare-chart text.row-label", (t) => t.map((e) => e.textContent));
  assert.ok(labels.length === rows && labels.every((l) => !/^[a-z0-9]+(_[a-z0-9]+)+$/.test(l)), `readable labels: ${labels.join(" | ")}`);
  assert.equal((await page.$$("#compare-chart .no-interval")).length + (await page.$$("#compare-chart g[data-outcome] text.note:not(.no-interval)")).length, rows, "no interval with one member (or no relative change from a base of 0)");
  assert.equal((await page.$$("#compare-chart line.whisker")).length, 0, "no whisker drawn for one member");
  assert.match(await page.textContent("#compare-status"), /no interval/);
  assert.equal((await page.$$("#compare-table tr[data-outcome]")).length, rows, "a table row an outcome");
  assert.ok((await page.$$eval("#compare-table td.interval", (t) => t.map((e) => e.textContent))).every((t) => t === "no interval (one member)"));
  await page.selectOption("#compare-spread", "chance");
  await page.waitForFunction(() => /from chance/.test(document.querySelector("#compare-table th:last-child")?.textContent ?? ""));
  await page.selectOption("#compare-scale", "own");
  await page.waitForSelector("#compare-chart[data-scale=own]");
  assert.equal((await page.$$("#compare-chart g.own-axis")).length, rows, "each outcome on its own axis");
  await page.selectOption("#compare-filter", "all");
  await page.waitForFunction((n) => document.querySelectorAll("#compare-chart g[data-outcome]").length > n, rows);

  await page.click("button[data-view=validation]");
  await ready(page, "validation");
  const cells = (await page.$$("#validation-chart circle")).length;
  assert.ok(cells >= 9, `the validation view plots region-years (${cells})`);
  assert.ok((await page.$$("#validation-metrics tr")).length > 2, "the validation metrics table");
  // The backtest: one row a metric, the best baseline in italics, the model in bold where it wins.
  assert.equal((await page.$$("#backtest-metrics-0 tr")).length, 3, "the backtest's table has its two metrics");
  assert.deepEqual(await page.$$eval("#backtest-metrics-0 td i", (e) => e.map((x) => x.parentElement.className)), ["mean3", "persistence"]);
  assert.equal((await page.$$("#backtest-metrics-0 td.model b")).length, 1, "the model in bold where it beats the best");
  // Its spread over resamples of the members where the report has it, and none where it has not.
  assert.deepEqual(await page.$$eval("#backtest-metrics-0 td.model .sd", (e) => e.map((x) => x.textContent)), [" ± 0.040"]);
  assert.match(await page.getAttribute("#backtest-metrics-0 td.model .sd", "title"), /in 97 % of them/);
  assert.match(await page.textContent("#backtest .verdict"), /beats the best baseline on 1 of 2/);
  // A discrepancy's note: the σ used, not those from too few cells.
  const note = await page.textContent("#backtest .discrepancy");
  assert.match(note, /hindcasts of 20 members from 2012-12-31: fatalities: σ 0\.50 at 1 year\./);
  assert.doesNotMatch(note, /idps/);
  assert.match(await page.textContent("#backtest .backtest-patterns"), /holds in 3 of 4 runs \(75 %\)/);
  console.log(`e2e: views ok (${withServer ? "served" : "report"}: ${links} links, ${rows} headline outcomes, ${cells} region-years)`);
}

// The Sahel: every region of the three states, their three borders, and an operation's area that
// spans them (Barkhane's) beside one that stays in one state (MINUSMA's).
async function checkSahel(page, screenshotPath) {
  await ready(page, "map");
  const regions = await page.$$eval("#map .regions path", (p) => p.map((e) => e.dataset.region));
  assert.equal(regions.length, 29, `the three states' regions, Diffa left out (${regions.length})`);
  assert.ok(!regions.includes("Diffa") && ["Gao", "Sahel", "Tillabery"].every((r) => regions.includes(r)));
  // No region covers the whole map (a ring wound the wrong way draws the globe less the region).
  const widest = await page.$$eval("#map .regions path", (p) => Math.max(...p.map((e) => e.getBBox().width)));
  assert.ok(widest < 300, `every region drawn as itself, not as the globe less it (widest ${widest} of 900)`);
  const borders = await page.$$eval("#map .states path", (p) => p.map((e) => e.dataset.country).sort());
  assert.deepEqual(borders, ["BFA", "MLI", "NER"], "the three states' borders");
  assert.equal((await page.$$("#map .regions path.in-area")).length, 0, "no area before an operation is chosen");

  await page.selectOption("#map-operation", "barkhane");
  const area = await page.$$eval("#map .regions path.in-area", (p) => p.map((e) => e.dataset.region).sort());
  assert.ok(["Gao", "Sahel", "Tillabery"].every((r) => area.includes(r)), `Barkhane's area crosses borders: ${area}`);
  assert.equal(await page.getAttribute("#map-operation-status", "data-countries"), "BFA,MLI,NER");
  assert.match(await page.textContent("#map-operation-status"), /crosses the borders of 3 states/);
  const selected = await page.$$eval("#map .bases path.selected", (p) => p.map((e) => e.dataset.operation));
  assert.ok(selected.length > 0 && selected.every((o) => o === "barkhane"), "Barkhane's bases picked out");
  if (screenshotPath) {
    await page.screenshot({ path: screenshotPath, fullPage: true });
    console.log(`e2e: Sahel screenshot in ${screenshotPath}`);
  }

  await page.selectOption("#map-operation", "minusma");
  assert.equal(await page.getAttribute("#map-operation-status", "data-countries"), "MLI");
  assert.match(await page.textContent("#map-operation-status"), /within one state/);
  await page.selectOption("#map-operation", "");
  assert.equal((await page.$$("#map .regions path.in-area")).length, 0, "no area once no operation is chosen");

  // The series of one state's regions together: Burkina Faso's 13, and no other.
  await page.click("button[data-view=series]");
  await ready(page, "series");
  const choices = await page.$$eval("#series-region option", (o) => o.map((x) => x.value));
  assert.deepEqual(choices.filter((c) => c.startsWith("state:")).sort(), ["state:BFA", "state:MLI", "state:NER"]);
  await page.selectOption("#series-region", "state:BFA");
  await page.waitForFunction(() => document.querySelectorAll("#series-chart path.line").length === 13);
  const lines = await page.$$eval("#series-chart path.line", (p) => p.map((e) => e.dataset.label));
  assert.ok(lines.includes("Sahel") && lines.includes("Centre") && !lines.includes("Gao"), `Burkina Faso's regions: ${lines}`);
  await page.click("button[data-view=map]");
  console.log(`e2e: Sahel map ok (${regions.length} regions, borders ${borders.join(" ")}, Barkhane over ${area.length} regions; series of one state)`);
}

let served;
let sahelServed;
try {
  served = await serve();
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const watch = watchRequests(page, served.url);
  await page.goto(served.url);
  await checkMap(page);
  if (screenshot) {
    await page.$eval("#map-slider", (s) => {
      s.value = String(Math.floor(Number(s.max) * 0.45));
      s.dispatchEvent(new Event("input"));
    });
    await page.selectOption("#map-metric", "fatalities_battles");
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`e2e: screenshot in ${screenshot}`);
  }
  await checkViews(page, true);
  assert.deepEqual(watch.foreign, [], "the dashboard asks nothing of other hosts");
  assert.deepEqual(watch.errors, [], "no script errors");

  // The report: the same views from one file, with no server.
  const report = path.join(work, "report.html");
  execFileSync(binary, ["report", base, variant, "--observed", observed, "--backtest", backtest, "--out", report, "-q"]);
  assert.ok(existsSync(report));
  const offline = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const watchOffline = watchRequests(offline, "file:");
  await offline.goto("file://" + report);
  await checkMap(offline);
  await checkViews(offline, false);
  assert.deepEqual(watchOffline.foreign, [], "the report asks nothing of any host");
  assert.deepEqual(watchOffline.errors, [], "no script errors in the report");

  sahelServed = await serve([sahel]);
  const sahelPage = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const watchSahel = watchRequests(sahelPage, sahelServed.url);
  await sahelPage.goto(sahelServed.url);
  await checkSahel(sahelPage, screenshot ? screenshot.replace(/\.png$/, "") + "-sahel.png" : undefined);
  assert.deepEqual(watchSahel.errors, [], "no script errors on the Sahel map");
  console.log("e2e: all checks passed");
} finally {
  served?.server.kill("SIGINT");
  sahelServed?.server.kill("SIGINT");
  await browser.close();
}
