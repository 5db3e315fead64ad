/** Issue 16 item 1, in a real browser: headless Chromium (Debian's /usr/bin/chromium) opens each
 *  seed report from file:// and is driven like a person would: filters, clicks, the keyboard.
 *  Skipped with a message only when no chromium is installed (CI installs it: .ci/run).
 *  FLOWMAP_SCREENSHOTS=1 also writes docs/screenshots/<seed>.png, the reviewed references. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { checkSource, type CheckResult } from "../../src/check/index.js";
import { renderReport } from "../../src/report/index.js";
import { hostileCorpus, hostileModel } from "../data/hostile.js";
import { visible } from "../../src/util/visible.js";
import { overviewFromSystems } from "../../src/report/index.js";
import { seedCopiesModel } from "../../bench/seed-corpus.js";

const chromiumPath = "/usr/bin/chromium";
const haveChromium = existsSync(chromiumPath);
if (!haveChromium) console.warn(`test/browser/report.test.ts: SKIPPED, no ${chromiumPath} (apt-get install chromium; .ci/run does)`);

const root = resolve(".");
const seeds = readdirSync(join(root, "models")).filter((f) => f.endsWith(".flow")).map((f) => f.replace(/\.flow$/, "")).sort();
const dir = mkdtempSync(join(tmpdir(), "flowmap-browser-"));
const results = new Map<string, CheckResult>();
const urls = new Map<string, string>();

let browser: Browser;

/** A page that records what it asks the network for and what it logs. */
async function open(name: string, viewport = { width: 1400, height: 1000 }) {
  const page = await browser.newPage({ viewport });
  const requests: string[] = [];
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("dialog", (d) => { dialogs.push(d.message()); void d.dismiss(); });
  await page.goto(urls.get(name)!);
  await page.waitForSelector("html[data-ready]", { timeout: 10_000 });
  return { page, requests, problems, dialogs };
}

const shownCount = (page: Page, selector: string) => page.$$eval(selector, (els) => els.filter((e) => !e.classList.contains("dim") && !(e as HTMLElement).hidden).length);

describe.skipIf(!haveChromium)("the HTML report in Chromium", () => {
  beforeAll(async () => {
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    const inputs: [string, string, string][] = [
      ...seeds.map((s) => [s, `models/${s}.flow`, readFileSync(join(root, `models/${s}.flow`), "utf8")] as [string, string, string]),
      ["hostile", "hostile.flow", hostileModel()],
      // Two renamed copies of the five seeds: 58 systems, over overviewFromSystems.
      ["big", "big.flow", seedCopiesModel(2).text],
    ];
    for (const [name, path, text] of inputs) {
      const result = checkSource(path, text);
      results.set(name, result);
      const file = join(dir, `${name}.html`);
      writeFileSync(file, await renderReport(result));
      urls.set(name, pathToFileURL(file).href);
    }
  }, 120_000);
  afterAll(async () => { await browser?.close(); });

  for (const name of seeds) {
    it(`${name}: loads offline with no console error and no request but the file; every system and flow is on the map`, async () => {
      const { page, requests, problems } = await open(name);
      if (process.env.FLOWMAP_SCREENSHOTS === "1") {
        mkdirSync(join(root, "docs/screenshots"), { recursive: true });
        await page.screenshot({ path: join(root, `docs/screenshots/${name}.png`) });
      }
      const r = results.get(name)!;
      expect(problems).toEqual([]);
      expect(requests).toEqual([urls.get(name)]);
      expect(await page.$$eval("#map-viewport svg g.system[role=button]", (els) => els.length)).toBe(r.model.systems.length);
      const flows = await page.$$eval("#map-viewport svg [data-flows]", (els) => [...new Set(els.flatMap((e) => e.getAttribute("data-flows")!.split(" ")))].length);
      expect(flows).toBe(r.model.flows.length);
      expect(await page.textContent("#filter-status")).toBe(`Showing everything: ${r.model.flows.length} flows, ${r.model.systems.length} systems, ${r.diagnostics.length + r.accepted.length} findings.`);
      expect(await page.getAttribute("#map-viewport svg", "role")).toBe("group");
      // The hint says whether part of the map is out of view, and is right.
      const overflow = await page.$eval("#map-viewport", (v) => v.scrollWidth > v.clientWidth + 2 || v.scrollHeight > v.clientHeight + 2);
      expect(await page.textContent("#map-overflow")).toBe(overflow ? "Part of the map is outside the view: drag or scroll, or Fit." : "");
      await page.click("#zoom-fit");
      expect(await page.textContent("#map-overflow")).toBe("");
      expect(await page.textContent("#map-viewport svg > title")).toBeTruthy();
      await page.close();
    });

    it(`${name}: filters change what is shown (transfers only, purpose, severity, data, country)`, async () => {
      const { page, problems } = await open(name);
      const r = results.get(name)!;
      const allFlows = await shownCount(page, "#map-viewport svg g.flow");
      await page.check("#f-transfers");
      const transferFlows = new Set(r.transfers.map((t) => t.flow));
      const expected = await page.$$eval("#map-viewport svg g.flow", (els) => els.map((e) => e.getAttribute("data-flows")!));
      const transferEdges = expected.filter((list) => list.split(" ").some((i) => transferFlows.has(r.model.flows[Number(i)]!.id))).length;
      expect(await shownCount(page, "#map-viewport svg g.flow")).toBe(transferEdges);
      expect(await page.textContent("#filter-status")).toMatch(/^Showing \d+ of \d+ flows/);
      await page.uncheck("#f-transfers");
      expect(await shownCount(page, "#map-viewport svg g.flow")).toBe(allFlows);

      const purpose = r.model.purposes[0]!;
      await page.selectOption("#f-purpose", purpose.id);
      expect(await shownCount(page, "table.register tbody tr")).toBe(1);
      expect(await page.textContent("table.register tbody tr:not([hidden]) th")).toBe(purpose.id);
      const serving = r.model.flows.filter((f) => f.purposes.some((p) => p.id === purpose.id)).length;
      const status = (await page.textContent("#filter-status"))!;
      expect(status).toContain(`Showing ${serving} of ${r.model.flows.length} flows`);
      await page.selectOption("#f-purpose", "");

      await page.selectOption("#f-severity", "error");
      const errors = r.diagnostics.filter((d) => d.severity === "error").length;
      expect(await shownCount(page, "#findings li.finding")).toBe(errors);
      expect(await page.$$eval("#findings li.finding:not([hidden])", (els) => els.every((e) => e.classList.contains("sev-error")))).toBe(true);
      await page.click("button[type=reset]");
      await page.waitForFunction(() => document.querySelector("#filter-status")!.textContent!.startsWith("Showing everything"));

      const special = r.model.data.some((d) => d.special);
      if (special) {
        await page.selectOption("#f-data", "special:any");
        const carrying = r.model.flows.filter((f) => f.data.some((d) => r.model.data.find((x) => x.id === d.id)?.special)).length;
        expect(await page.textContent("#filter-status")).toContain(`Showing ${carrying} of`);
        await page.selectOption("#f-data", "");
      }
      const countries = await page.$$eval("#f-place option[value^='country:']", (els) => els.map((e) => (e as HTMLOptionElement).value));
      if (countries.length) {
        const code = countries[0]!.slice("country:".length);
        await page.selectOption("#f-place", countries[0]!);
        const places = await page.$$eval("#map-viewport svg g.place", (els) => els.map((e) => ({ country: e.getAttribute("data-country"), dim: e.classList.contains("dim") })));
        for (const p of places) expect(p.dim, `${code}: place ${p.country}`).toBe(p.country !== code);
        const there = (id: string) => r.model.systems.find((s) => s.id === id)!.locations.some((l) => l.code === code);
        const touching = r.model.flows.filter((f) => there(f.from.id) || there(f.to.id)).length;
        expect(await page.textContent("#filter-status")).toContain(`Showing ${touching} of ${r.model.flows.length} flows`);
      }
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  it("clicking a system shows its data, purposes and findings with their source locations; a flow its grounds and verdicts", async () => {
    const { page } = await open("senbilcloud");
    const r = results.get("senbilcloud")!;
    const system = r.model.systems.find((s) => !s.clientSide && s.stores.length)!;
    await page.click(`#map-viewport svg g.system[data-system="${system.id}"]`);
    expect(await page.isVisible("#detail")).toBe(true);
    expect(await page.textContent("#detail-title")).toBe(visible(system.name));
    const body = (await page.textContent("#detail-body"))!;
    expect(body).toContain(`Declared at${system.span.file}:${system.span.line}:${system.span.column}`);
    for (const d of system.stores.flatMap((s) => s.data)) expect(body).toContain(r.model.data.find((x) => x.id === d.id)!.name);
    expect(await page.getAttribute(`#map-viewport svg g.system[data-system="${system.id}"]`, "class")).toContain("selected");

    const t = r.transfers[0]!;
    const index = r.model.flows.findIndex((f) => f.id === t.flow);
    const label = await page.$(`#map-viewport svg g.flow-label[data-flows~="${index}"], #map-viewport svg g.flow[data-flows~="${index}"][role=button]`);
    await label!.click();
    const flowBody = (await page.textContent("#detail-body"))!;
    expect(flowBody).toMatch(/Transfer|Onward transfer/);
    expect(flowBody).toMatch(/adequate|safeguard|derogation|not covered/);
    expect(flowBody).toContain("Transfer grounds");
    if (process.env.FLOWMAP_SCREENSHOTS === "1") await page.screenshot({ path: join(root, "docs/screenshots/senbilcloud-details.png") });
    await page.close();
  });

  it("findings and map are linked both ways", async () => {
    const { page } = await open("senbilcloud");
    const button = await page.$("#findings button.show-on-map");
    const k = Number(await button!.getAttribute("data-finding"));
    await button!.click();
    expect(await page.isVisible("#detail")).toBe(true);
    expect(await page.$$eval("#map-viewport svg .hit", (els) => els.length)).toBeGreaterThan(0);
    // From the panel back to the list: the finding's link focuses its entry.
    const link = await page.$(`#detail-body a[href="#finding-${k}"]`);
    expect(link).not.toBeNull();
    await link!.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`finding-${k}`);
    await page.close();
  });

  it("a finding on a purpose narrows the map, findings and record to that purpose", async () => {
    const { page } = await open("senbilcloud");
    const button = await page.$("#findings button.show-purpose");
    const purpose = (await button!.getAttribute("data-purpose"))!;
    await button!.click();
    expect(await page.inputValue("#f-purpose")).toBe(purpose);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("f-purpose");
    expect(await shownCount(page, "table.register tbody tr")).toBe(1);
    await page.close();
  });

  it("works from the keyboard: Tab reaches the map's systems, Enter opens the details, Escape closes them and returns focus", async () => {
    const { page } = await open("cieloweb");
    await page.focus("#map-viewport");
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => ({ cls: document.activeElement?.getAttribute("class"), label: document.activeElement?.getAttribute("aria-label") }));
    expect(focused.cls).toContain("system");
    expect(focused.label).toMatch(/^System: /);
    await page.keyboard.press("Enter");
    expect(await page.isVisible("#detail")).toBe(true);
    expect(await page.getAttribute("#detail-body", "aria-live")).toBe("polite");
    await page.keyboard.press("Escape");
    expect(await page.isVisible("#detail")).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(focused.label);
    await page.keyboard.press(" ");
    expect(await page.isVisible("#detail")).toBe(true);
    // Zoom from the keyboard on the map itself.
    await page.focus("#map-viewport");
    const before = await page.getAttribute("#map-viewport svg", "width");
    await page.keyboard.press("+");
    expect(Number(await page.getAttribute("#map-viewport svg", "width"))).toBeGreaterThan(Number(before));
    // Landmarks and headings a screen reader lists.
    expect(await page.$$eval("main, nav, header, footer, [role=search], aside", (els) => els.length)).toBeGreaterThanOrEqual(6);
    expect(await page.$$eval("h1", (els) => els.length)).toBe(1);
    await page.close();
  });

  it("a hostile-name model stays text: no dialog, no extra element, the names shown as written (controls escaped)", async () => {
    const { page, problems, dialogs, requests } = await open("hostile");
    expect(problems).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([urls.get("hostile")]);
    // The data, the two maps (it has more than overviewFromSystems systems) and the page script.
    expect(await page.$$eval("script", (els) => els.map((e) => e.id))).toEqual(["report-data", "report-map", "report-overview", ""]);
    expect(await page.$$eval("img, iframe, b, a[href^='javascript'], a[href^='http']", (els) => els.length)).toBe(0);
    await page.click("#view-systems");
    await page.click('#map-viewport svg g.system[data-system="s0"]');
    expect(await page.textContent("#detail-title")).toBe(hostileCorpus.script);
    await page.click('#map-viewport svg g.system[data-system="s1"]');
    expect(await page.textContent("#detail-title")).toBe(hostileCorpus.endText);
    const names = await page.$$eval("#f-purpose option", (els) => els.map((e) => e.textContent));
    expect(names).toContain(hostileCorpus.html);
    expect(names).toContain(visible(hostileCorpus.bidi));
    await page.close();
  });

  it("a big model opens on the overview by place; a place lists its systems, which open on the system-by-system map", async () => {
    const { page, problems, requests } = await open("big");
    const r = results.get("big")!;
    expect(r.model.systems.length).toBeGreaterThan(overviewFromSystems);
    expect(problems).toEqual([]);
    expect(requests).toEqual([urls.get("big")]);
    expect(await page.getAttribute("#view-overview", "aria-pressed")).toBe("true");
    expect(await page.$$eval("#map-viewport > svg", (els) => els.map((e) => e.classList.contains("inactive")))).toEqual([false, true]);
    // Two maps in one page, and still no id twice (the overview's markers and title are renamed).
    const ids = await page.$$eval("[id]", (els) => els.map((e) => e.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(await page.$$eval("#map-viewport > svg:not(.inactive) [marker-end]", (els) => els.every((e) => e.getAttribute("marker-end")!.startsWith("url(#overview-")))).toBe(true);

    const place = (await page.$("#map-viewport > svg:not(.inactive) g.place[role=button]"))!;
    const members = (await place.getAttribute("data-systems"))!.split(" ");
    await place.click();
    expect(await page.$$eval("#detail-body button", (els) => els.length)).toBe(members.length);
    const first = r.model.systems.find((s) => s.id === members[0])!;
    await page.click("#detail-body button >> nth=0");
    expect(await page.getAttribute("#view-systems", "aria-pressed")).toBe("true");
    expect(await page.textContent("#detail-title")).toBe(visible(first.name));
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-system"))).toBe(first.id);

    await page.click("#view-overview");
    const edges = await page.$$eval("#map-viewport > svg:not(.inactive) g.flow-label[role=button]", (els) => els.map((e) => e.getAttribute("data-flows")!.split(" ").length));
    const many = edges.findIndex((n) => n > 4);
    expect(many).toBeGreaterThanOrEqual(0);
    await page.click(`#map-viewport > svg:not(.inactive) g.flow-label[role=button] >> nth=${many}`);
    expect(await page.textContent("#detail-title")).toBe(`${edges[many]} flows`);
    expect(await page.$$eval("#detail-body button", (els) => els.length)).toBe(edges[many]);

    await page.check("#f-transfers");
    const transferIds = new Set(r.transfers.map((t) => t.flow));
    const overviewEdges = await page.$$eval("#map-viewport > svg:not(.inactive) g.flow", (els) => els.map((e) => ({ flows: e.getAttribute("data-flows")!.split(" "), dim: e.classList.contains("dim") })));
    for (const e of overviewEdges) expect(e.dim).toBe(!e.flows.some((i) => transferIds.has(r.model.flows[Number(i)]!.id)));
    await page.close();
  });

  it("the record's cells keep one item per line, as the register writes them", async () => {
    const { page } = await open("senbilcloud");
    const cell = await page.$$eval("table.register tbody td", (tds) => {
      const td = tds.find((t) => (t.textContent ?? "").includes("\n"));
      return { style: td ? getComputedStyle(td).whiteSpace : "none", escaped: tds.some((t) => (t.textContent ?? "").includes("\\n")) };
    });
    // A line break, shown as one (not as the two characters "\n"), in a cell that shows it.
    expect(cell).toEqual({ style: "pre-line", escaped: false });
    await page.close();
  });

  it("a narrow window stacks the details under the map", async () => {
    const { page } = await open("cbline", { width: 700, height: 900 });
    await page.click("#map-viewport svg g.system[role=button]");
    const map = (await page.$("#map-viewport"))!;
    const panel = (await page.$("#detail"))!;
    expect((await panel.boundingBox())!.y).toBeGreaterThan((await map.boundingBox())!.y);
    await page.close();
  });
});
