// Opens standoff reports in headless Chromium and checks them (run by scripts/browser-test.sh).
//
//   node tests/browser/check.mjs OUTDIR MODEL...
//
// For each MODEL the report is OUTDIR/<name>.html (name: the file stem, `classics-` prefixed for
// models/classics). Checks: no console errors, no page errors, no request leaving the file; every
// section and chart present (by id; a skipped part says why); moving sliders to grid points shows
// the equilibria `standoff solve MODEL --set NAME=VALUE --format json` gives there. Saves a
// full-page screenshot OUTDIR/<name>.png. Environment: STANDOFF (the binary), CHROMIUM.
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import path from "node:path";

const [outDir, ...models] = process.argv.slice(2);
const standoff = process.env.STANDOFF || "target/release/standoff";
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
let failures = 0;
const fail = (model, msg) => { failures++; console.error(`FAIL ${model}: ${msg}`); };

function reportName(model) {
  const stem = path.basename(model).replace(/\.(toml|nfg|efg)$/, "");
  return model.includes("classics/") ? `classics-${stem}` : stem;
}

function strategyText(labels, probs) {
  const one = probs.indexOf("1");
  if (one >= 0) return labels[one];
  return probs.map((p, s) => [p, s]).filter(([p]) => !p.startsWith("-") && p !== "0")
    .map(([p, s]) => `${labels[s]} ${p}`).join(", ");
}

// The rows `standoff solve --format json` implies, in the report's words.
function expectedRows(json) {
  return json.equilibria.map((e) => {
    if (e.behavior) {
      const rows = [];
      e.behavior.forEach((sets, i) => sets.forEach((probs, h) => {
        const set = json.game.infosets[i][h];
        const t = strategyText(set.actions, probs);
        rows.push([json.game.players[i], set.name, e.unreached[i][h] ? `(unreached) ${t}` : t]);
      }));
      return { rows, payoffs: e.payoffs };
    }
    const rows = e.profile.map((probs, i) => [json.game.players[i], strategyText(json.game.strategies[i], probs), e.payoffs[i]]);
    return { rows, payoffs: e.payoffs };
  });
}

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
for (const model of models) {
  const name = reportName(model);
  const file = path.resolve(outDir, `${name}.html`);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("request", (r) => { const u = r.url(); if (!u.startsWith("file:") && !u.startsWith("data:")) errors.push(`network request: ${u}`); });
  await page.goto(`file://${file}`, { waitUntil: "load" });

  // Sections and charts.
  const settings = await page.locator("section.setting").count();
  // A Gambit file has no parameters: its explorer is a line saying why.
  const gambit = /\.(nfg|efg)$/.test(model);
  const ids = ["overview", "findings", "parameters", "scenarios", "regimes", "comparison", "explorer", "explorer-output"];
  if (!gambit) ids.push("explorer-controls", "explorer-data");
  for (let k = 0; k < settings; k++) ids.push(`setting-${k}`, `equilibria-${k}`, `class-${k}`, `region-${k}`, `chart-${k}`, `correlated-${k}`);
  if (model.includes("attrition")) ids.push("attrition", "attrition-chart");
  if (settings < 1) fail(model, "no setting section");
  for (const id of ids) {
    if ((await page.locator(`[id="${id}"]`).count()) !== 1) fail(model, `missing #${id}`);
  }
  let charts = 0;
  for (const fig of await page.locator("figure.chart").all()) {
    const box = await fig.locator("svg").first().boundingBox();
    if (!box || box.width < 200 || box.height < 100) fail(model, `chart ${await fig.getAttribute("id")} not rendered`);
    charts++;
  }
  const skipped = await page.locator("p.skipped").count();
  for (const p of await page.locator("p.skipped").all()) {
    if (!(await p.textContent()).trim()) fail(model, "a skipped part does not say why");
  }

  // The explorer shows what `standoff solve --set ...` gives; `sets` are NAME=VALUE strings.
  async function compareShown(sets, what) {
    const tables = await page.locator("#explorer-output table.explorer-eq").evaluateAll((ts) =>
      ts.map((t) => [...t.querySelectorAll("tbody tr")].map((r) => [...r.querySelectorAll("td")].map((c) => c.textContent))));
    const args = ["solve", model, ...sets.flatMap((a) => ["--set", a]), "--format", "json"];
    const json = JSON.parse(execFileSync(standoff, args, { encoding: "utf8" }));
    const expected = expectedRows(json);
    const n = Math.min(expected.length, 12);
    if (tables.length !== n) { fail(model, `${what}: ${tables.length} equilibria shown, solve gives ${expected.length}`); return false; }
    for (let i = 0; i < n; i++) {
      const want = expected[i].rows;
      const got = tables[i].map((r) => r.slice());
      if (!json.equilibria[i].behavior) got.forEach((r) => { r[2] = r[2].split(" (")[0]; });
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        fail(model, `${what}, equilibrium ${i + 1}: shown ${JSON.stringify(got)}, solve gives ${JSON.stringify(want)}`);
      }
    }
    const lines = await page.locator("#explorer-output p.eq-line").allTextContents();
    for (const e of json.equilibria.slice(0, n)) {
      if (e.behavior) {
        const pays = `Payoffs: ${json.game.players.map((pl, i) => `${pl} ${e.payoffs[i]}`).join(", ")}`;
        const ok = lines.some((l) => l.replace(/ \([-0-9.]+\)/g, "") === pays);
        if (!ok) fail(model, `${what}: no line "${pays}" in the explorer`);
      }
    }
    return true;
  }
  const setSlider = (id, v) => page.evaluate(([id, v]) => {
    const s = document.getElementById(id);
    s.value = String(v);
    s.dispatchEvent(new Event("input", { bubbles: true }));
  }, [id, v]);

  // The explorer: for a few parameters, a grid point other than the default.
  const explorerData = await page.locator("#explorer-data");
  const data = (await explorerData.count()) === 1 ? JSON.parse(await explorerData.textContent()) : { params: [] };
  let moved = 0;
  if (data.product) {
    // Product grid: move two sliders together and compare with solve --set A=.. --set B=..
    const axes = data.product.params;
    for (const [p, q] of [[0, axes.length - 1], [1, axes.length - 2]]) {
      if (p === q || p < 0 || q < 0 || p >= axes.length || q >= axes.length) continue;
      const kp = (axes[p].default + 1 + Math.floor(axes[p].values.length / 3)) % axes[p].values.length;
      const kq = (axes[q].default + 1 + Math.floor(axes[q].values.length / 2)) % axes[q].values.length;
      await setSlider(`slider-${axes[p].name}`, kp);
      await setSlider(`slider-${axes[q].name}`, kq);
      const sets = [`${axes[p].name}=${axes[p].values[kp]}`, `${axes[q].name}=${axes[q].values[kq]}`];
      const shown = (await page.locator("#explorer-point").getAttribute("data-set")).split(" ");
      const want = axes.map((a, r) => `${a.name}=${a.values[r === p ? kp : r === q ? kq : a.default]}`);
      if (JSON.stringify(shown) !== JSON.stringify(want)) { fail(model, `sliders ${sets.join(", ")}: shows ${shown.join(" ")}, expected ${want.join(" ")}`); continue; }
      if (await compareShown(sets, sets.join(", "))) moved += 2;
      // Back to the defaults for the next pair.
      await setSlider(`slider-${axes[p].name}`, axes[p].default);
      await setSlider(`slider-${axes[q].name}`, axes[q].default);
    }
  }
  const picks = data.product ? [] : [...new Set([0, Math.floor(data.params.length / 2), data.params.length - 1])].filter((p) => p >= 0 && p < data.params.length);
  for (const p of picks) {
    const param = data.params[p];
    if (param.values.length < 2) continue;
    const k = (param.default + Math.max(1, Math.floor(param.values.length / 3))) % param.values.length;
    await setSlider(`slider-${param.name}`, k);
    const shown = await page.locator("#explorer-point").getAttribute("data-value");
    const shownParam = await page.locator("#explorer-point").getAttribute("data-param");
    const value = param.values[k];
    if (shown !== value || shownParam !== param.name) { fail(model, `slider ${param.name}: shows ${shownParam}=${shown}, expected ${value}`); continue; }
    if (await compareShown([`${param.name}=${value}`], `${param.name}=${value}`)) moved++;
  }
  await page.screenshot({ path: path.resolve(outDir, `${name}.png`), fullPage: true });
  if (name === "standoff") {
    await page.locator("#setting-0").screenshot({ path: path.resolve(outDir, "standoff-setting.png") });
    await page.locator("#explorer").screenshot({ path: path.resolve(outDir, "standoff-explorer.png") });
  }
  for (const e of errors) fail(model, e);
  console.log(`ok ${model}: ${settings} settings, ${charts} charts, ${skipped} skipped parts, ${moved} sliders checked against solve --set${data.product ? " (product grid)" : ""}`);
  await page.close();
}
await browser.close();
if (failures > 0) { console.error(`${failures} failure(s)`); process.exit(1); }
