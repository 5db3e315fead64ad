/** Issue 16: what a DPO prints is readable. Headless Chromium (Debian's /usr/bin/chromium) prints the
 *  two largest seed reports (banzaicloud, senbilcloud: ~1800 x 1300 px maps, whose text would print
 *  at 4-5 pt fitted to one page) and a small one: A4 landscape; the map in page-sized parts at a
 *  scale that keeps its smallest text at 7 pt or more, covering the whole map; then the findings and
 *  the record as text of 9 pt or more; no control printed; on screen, nothing changes.
 *  Skipped with a message when chromium is missing; the PDF text checks need poppler's pdftotext
 *  and pdfinfo (.ci/run installs poppler-utils) and are skipped without them. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { checkSource, type CheckResult } from "../../src/check/index.js";
import { renderReport } from "../../src/report/index.js";

const chromiumPath = "/usr/bin/chromium";
const haveChromium = existsSync(chromiumPath);
if (!haveChromium) console.warn(`test/browser/report-print.test.ts: SKIPPED, no ${chromiumPath} (apt-get install chromium; .ci/run does)`);
const havePoppler = existsSync("/usr/bin/pdftotext") && existsSync("/usr/bin/pdfinfo");
if (haveChromium && !havePoppler) console.warn("test/browser/report-print.test.ts: the PDF text checks are SKIPPED, no pdftotext/pdfinfo (apt-get install poppler-utils)");

const root = resolve(".");
const seeds = ["banzaicloud", "senbilcloud", "cieloweb"];
const dir = mkdtempSync(join(tmpdir(), "flowmap-print-"));
const results = new Map<string, CheckResult>();
const urls = new Map<string, string>();
let browser: Browser;

/** A4 landscape less the print stylesheet's 10 mm margins, in CSS px (96 per inch). */
const page = { width: (277 / 25.4) * 96, height: (190 / 25.4) * 96 };

async function open(name: string): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await p.goto(urls.get(name)!);
  await p.waitForSelector("html[data-ready]", { timeout: 10_000 });
  return p;
}

/** The map's natural size, from the SVG the page holds. */
function mapSize(html: string): { width: number; height: number } {
  const json = /<script type="application\/json" id="report-map">([\s\S]*?)<\/script>/.exec(html)![1]!;
  const svg = JSON.parse(json) as string;
  const m = /<svg[^>]*\swidth="(\d+(?:\.\d+)?)"\s+height="(\d+(?:\.\d+)?)"/.exec(svg)!;
  return { width: Number(m[1]), height: Number(m[2]) };
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 << 20 });
  expect(r.status, `${cmd} ${args.join(" ")}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

describe.skipIf(!haveChromium)("the printed report (Chromium, A4 landscape)", () => {
  beforeAll(async () => {
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    for (const name of seeds) {
      const result = checkSource(`models/${name}.flow`, readFileSync(join(root, `models/${name}.flow`), "utf8"));
      results.set(name, result);
      const file = join(dir, `${name}.html`);
      writeFileSync(file, await renderReport(result));
      urls.set(name, pathToFileURL(file).href);
    }
  }, 120_000);
  afterAll(async () => { await browser?.close(); });

  for (const name of seeds) {
    it(`${name}: printed, the map is in page-sized parts whose smallest text is 7 pt or more, covering all of it; no control is printed`, async () => {
      const p = await open(name);
      const { width, height } = mapSize(readFileSync(join(dir, `${name}.html`), "utf8"));
      // On screen the printed map is not there (no tab stop, nothing for a screen reader, no wait).
      expect(await p.$$eval(".print-map", (els) => els.length)).toBe(0);
      // A filter on screen narrows the lists there; the printed copy is the whole report.
      await p.selectOption("#f-severity", "error");
      await p.emulateMedia({ media: "print" });
      await p.waitForSelector(".print-part", { state: "attached", timeout: 5_000 });
      const parts = await p.$$eval(".print-part", (figures) => figures.map((f) => {
        const svg = f.querySelector("svg")!;
        const [x, y, w, h] = svg.getAttribute("viewBox")!.split(" ").map(Number) as [number, number, number, number];
        const fonts = [...svg.querySelectorAll("[font-size]")].map((e) => parseFloat(e.getAttribute("font-size")!)).filter((v) => v > 0);
        const box = svg.getBoundingClientRect();
        return { x, y, w, h, smallest: Math.min(...fonts), printedWidth: box.width, printedHeight: box.height, figureHeight: f.getBoundingClientRect().height };
      }));
      expect(parts.length).toBeGreaterThan(1); // fitted to one page, these maps' text is under 7 pt
      for (const part of parts) {
        const scale = part.printedWidth / part.w;
        expect(part.printedHeight / part.h).toBeCloseTo(scale, 2);
        expect(part.smallest * scale * 0.75, "smallest printed text, pt").toBeGreaterThanOrEqual(7);
        expect(part.printedWidth).toBeLessThanOrEqual(page.width);
        expect(part.figureHeight).toBeLessThanOrEqual(page.height);
      }
      // Together the parts show the whole map: its corners and every edge.
      expect(Math.min(...parts.map((q) => q.x))).toBe(0);
      expect(Math.min(...parts.map((q) => q.y))).toBe(0);
      // (Parts are whole pixels: a map 1102.5 wide is covered to 1103.)
      const right = Math.max(...parts.map((q) => q.x + q.w));
      const bottom = Math.max(...parts.map((q) => q.y + q.h));
      expect(right).toBeGreaterThanOrEqual(width);
      expect(right).toBeLessThan(width + 1);
      expect(bottom).toBeGreaterThanOrEqual(height);
      expect(bottom).toBeLessThan(height + 1);
      const xs = [...new Set(parts.map((q) => q.x))].sort((a, b) => a - b);
      const w = parts[0]!.w;
      xs.forEach((x, i) => { if (i) expect(x).toBeLessThanOrEqual(xs[i - 1]! + w); });
      // Nothing interactive prints; the findings and the record do, every one of them.
      const printedControls = await p.$$eval("button, select, input, #map-viewport, nav.sections, #filter-status", (els) => els.filter((e) => e.getClientRects().length > 0).length);
      expect(printedControls).toBe(0);
      const r = results.get(name)!;
      expect(await p.$$eval("#findings li.finding", (els) => els.filter((e) => e.getClientRects().length > 0).length)).toBe(r.diagnostics.length + r.accepted.length);
      expect(await p.$$eval("table.register tbody tr", (els) => els.every((e) => e.getClientRects().length > 0))).toBe(true);
      await p.emulateMedia({ media: "screen" });
      expect(await p.isVisible("#map-viewport")).toBe(true);
      expect(await p.$$eval(".print-map", (els) => els.map((e) => getComputedStyle(e).display))).toEqual(["none"]);
      await p.close();
    });
  }

  it.skipIf(!havePoppler)("banzaicloud's PDF: A4 landscape; the map's parts on pages of their own with the numbered list drawn on them, then every finding and the record as text of 9 pt or more", async () => {
    const p = await open("banzaicloud");
    const pdf = join(dir, "banzaicloud.pdf");
    writeFileSync(pdf, await p.pdf({ preferCSSPageSize: true }));
    const partCount = await p.$$eval(".print-part", (els) => els.length);
    await p.close();
    const info = run("pdfinfo", [pdf]);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
    expect([Math.round(Number(size[1])), Math.round(Number(size[2]))]).toEqual([842, 595]); // A4 landscape
    const text = (n: number) => run("pdftotext", ["-layout", "-f", String(n), "-l", String(n), pdf, "-"]);
    const texts = Array.from({ length: pages }, (_, i) => text(i + 1));
    expect(texts[0]).toContain("Banzai Cloud");
    expect(texts[0]).toMatch(new RegExp(`Printed: Map: ${partCount} pages .* its smallest text \\d+\\.\\d pt`, "s"));
    for (let i = 1; i <= partCount; i++) expect(texts[i]!.trimStart().startsWith(`Map, part ${i} of ${partCount}`), `page ${i + 1}`).toBe(true);
    // The list the map's numbers refer to is printed with the map.
    expect(texts.slice(1, partCount + 1).join("\n")).toContain("Findings (numbers as on the map)");
    const firstFindings = partCount + 1;
    expect(texts[firstFindings]!.trimStart()).toMatch(/^Findings \(\d+/);
    const after = texts.slice(firstFindings).join("\n");
    const r = results.get("banzaicloud")!;
    const where = (d: { span: { file: string; line: number; column: number } }) => `${d.span.file}:${d.span.line}:${d.span.column}`;
    for (const d of r.diagnostics) expect(after, d.code).toContain(where(d));
    expect(after).toContain("Record of processing");
    // Every row of the record, each a block that starts with its activity.
    const rows = [...readFileSync(join(dir, "banzaicloud.html"), "utf8").matchAll(/<tr data-purpose=/g)].length;
    expect([...after.matchAll(/Activity ref\./g)].length).toBe(rows);
    // Text sizes: a word's box is at least 1.1 of its font size (ascent + descent) in these fonts.
    const heights = (from: number, to: number) => [...run("pdftotext", ["-bbox", "-f", String(from), "-l", String(to), pdf, "-"])
      .matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">/g)].map((m) => Number(m[2]) - Number(m[1]));
    const mapWords = heights(2, partCount + 1);
    const textWords = heights(firstFindings + 1, pages);
    expect(mapWords.length).toBeGreaterThan(500);
    expect(Math.min(...mapWords) / 1.1, "map text, pt").toBeGreaterThanOrEqual(7);
    expect(Math.min(...textWords) / 1.1, "findings and record text, pt").toBeGreaterThanOrEqual(9);
  });
});
