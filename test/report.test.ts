/** Issue 16 item 1: the HTML report. The serializer's escaping, the JSON that cannot leave its
 *  script element, the CSP hashes, determinism, hostile text, the facts it links, and the CLI.
 *  What a browser does with the page is test/browser/report.test.ts. */
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { Script } from "node:vm";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkSource } from "../src/check/index.js";
import { buildRegister } from "../src/register/index.js";
import { renderMap } from "../src/render/index.js";
import { escapeHtml, h, rawElement, serialize } from "../src/report/html.js";
import { reportData, reportHtml, renderReport, scriptJson } from "../src/report/index.js";
import { reportScript, reportStyle } from "../src/report/assets.js";
import { assetsModulePath, reportAssetsModule } from "../scripts/gen-report-assets.js";
import { hostileCorpus, hostileFiles, hostileModel, rawHostile } from "./data/hostile.js";
import { visible } from "../src/util/visible.js";
import { transferFactsAsOf } from "../src/legal/gdpr-transfers.js";
import { eprivacyAsOf } from "../src/legal/eprivacy.js";

const root = resolve(".");
const bundle = join(root, "dist/flowmap.mjs");
const seed = (name: string) => checkSource(`models/${name}.flow`, readFileSync(join(root, `models/${name}.flow`), "utf8"));

/** The decoded value of escaped text, with only the references escapeHtml writes. */
function unescape(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e]!);
}

describe("the HTML serializer", () => {
  it("escapes every hostile string in text and attribute values so that it cannot open a tag, end an attribute or start a reference", () => {
    for (const [name, s] of Object.entries(hostileCorpus)) {
      const out = serialize(h("p", { title: s }, s));
      const m = /^<p title="([^"]*)">([^<]*)<\/p>\n$/.exec(out);
      expect(m, name).not.toBeNull();
      for (const part of [m![1]!, m![2]!]) {
        expect(part, name).not.toMatch(/[<>"']/);
        expect(part.replace(/&(amp|lt|gt|quot|#39);/g, ""), name).not.toContain("&");
        expect(unescape(part), name).toBe(s);
      }
    }
    expect(escapeHtml(`<a href="x">'&amp;'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;amp;&#39;&lt;/a&gt;");
  });

  it("refuses what code must never write: bad names, event handlers, style attributes, raw text that could end its element", () => {
    expect(() => h("scr ipt")).toThrow(/bad element name/);
    expect(() => h("script")).toThrow(/bad element name/); // scripts only through rawElement
    expect(() => h("p", { "x y": "1" })).toThrow(/bad attribute name/);
    expect(() => h("p", { onclick: "x()" })).toThrow(/event handler/);
    expect(() => h("p", { style: "color:red" })).toThrow(/style attribute/);
    expect(() => h("meta", {}, "text")).toThrow(/cannot have children/);
    for (const bad of ["a</script>b", "a</SCRIPT b", "</style>", "<!-- x", "x<script>"]) expect(() => rawElement("script", {}, bad), bad).toThrow(/end it early/);
    expect(serialize(rawElement("script", {}, "if (a < b && c > d) x();"))).toBe("<script>if (a < b && c > d) x();</script>\n");
    expect(serialize(h("input", { type: "checkbox", checked: true, disabled: false }))).toBe('<input type="checkbox" checked="">');
  });

  it("writes JSON that no string can break out of, and that parses back to the same value", () => {
    const value = { all: Object.values(hostileCorpus), sep: "\u2028\u2029", end: "</script><!--<script>" };
    const json = scriptJson(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
    expect(() => rawElement("script", { type: "application/json" }, json)).not.toThrow();
  });
});

describe("the report of a model", () => {
  let html: string;
  let hostileHtml: string;
  beforeAll(async () => {
    html = await renderReport(seed("senbilcloud"));
    hostileHtml = await renderReport(checkSource("hostile.flow", hostileModel()));
  });

  const scripts = (page: string) => [...page.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({ attrs: m[1]!, text: m[2]! }));
  const hash = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

  it("is locked down by a CSP that allows exactly its one inline script and stylesheet, and loads nothing", () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!.replace(/&#39;/g, "'");
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const [data, map, code] = scripts(html);
    expect(scripts(html)).toHaveLength(3);
    expect(data!.attrs).toBe(' type="application/json" id="report-data"');
    expect(map!.attrs).toBe(' type="application/json" id="report-map"');
    expect(code!.attrs).toBe("");
    expect(code!.text).toBe(reportScript);
    expect(style).toBe(reportStyle);
    expect(csp).toBe(`default-src 'none'; script-src ${hash(code!.text)}; style-src ${hash(style)}; img-src 'none'; base-uri 'none'; form-action 'none'`);
    // Nothing to fetch: no src, no link, no url(), no absolute URL in an href.
    expect(html).not.toMatch(/\ssrc=|<link|<iframe|<img|<object|<embed|@import/i);
    expect([...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]).filter((u) => !u!.startsWith("#"))).toEqual([]);
    expect(reportStyle).not.toMatch(/url\(/);
  });

  it("is the same bytes for the same input", async () => {
    const r = seed("senbilcloud");
    const { svg } = await renderMap(r);
    const again = reportHtml({ result: r, svg, register: buildRegister(r, "controller") });
    expect(again).toBe(html);
  });

  it("keeps hostile names text: no markup, no handler, no raw control or bidi character, and the names are there escaped", () => {
    // The facts, the map, the overview (the model has more than overviewFromSystems systems), the code.
    expect(scripts(hostileHtml).map((x) => x.attrs)).toEqual([' type="application/json" id="report-data"', ' type="application/json" id="report-map"', ' type="application/json" id="report-overview"', ""]);
    expect(JSON.parse(scripts(hostileHtml)[2]!.text).startsWith("<svg")).toBe(true);
    expect(hostileHtml).not.toMatch(/<script>alert|<img src|<iframe|<b>bold/i);
    expect(hostileHtml).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i); // no tag with an event handler
    expect(hostileHtml).toContain("x&quot; onload=&quot;alert(3)"); // the attribute string, as text
    expect(hostileHtml).not.toMatch(rawHostile);
    expect(hostileHtml).toContain("&lt;script&gt;alert(1)&lt;/script&gt;"); // in the findings and the register
    const data = JSON.parse(scripts(hostileHtml)[0]!.text.replace(/^\s+/, ""));
    const names = data.systems.map((s: { name: string }) => s.name);
    expect(names).toContain("<script>alert(1)</script>");
    expect(names).toContain("admin\\u202E\\u2066 // check \\u2069\\u2066if (x)\\u2069 \\u202A\\u202B\\u202C\\u202D\\u2067\\u2068");
    const svg = JSON.parse(scripts(hostileHtml)[1]!.text);
    expect(svg.startsWith("<svg")).toBe(true);
  });

  it("shows hostile file names in locations escaped, never raw", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>t</title></svg>';
    for (const file of hostileFiles) {
      const r = checkSource(file, hostileModel());
      const page = reportHtml({ result: r, svg, register: buildRegister(r, "controller") });
      expect(page, file).not.toMatch(rawHostile);
      expect(page, file).toContain(`<span class="loc">${escapeHtml(visible(file))}:`);
    }
  });

  it("is written from the committed page script and stylesheet (scripts/gen-report-assets.ts is not stale)", () => {
    expect(readFileSync(assetsModulePath, "utf8")).toBe(reportAssetsModule());
    expect(() => new Script(reportScript, { filename: "report page script" })).not.toThrow(); // it parses
    expect(reportScript.startsWith('(function () {\n"use strict";\n')).toBe(true);
  });
});

describe("the facts the page shows", () => {
  it("says which of a system's facts came from a vendor entry, and its date", () => {
    const data = reportData(seed("cieloweb"));
    const fromEntry = data.systems.filter((s) => s.entry);
    expect(fromEntry.length).toBeGreaterThan(0);
    for (const s of fromEntry) expect(s.entry).toMatch(/^[a-z_]+ \(flowmap's catalogue, as of \d{4}-\d{2}-\d{2}\): /);
    expect(data.systems.find((s) => s.id === "browser")!.entry).toBe("");
  });

  it("links each finding to the systems, flows and purposes it points into, and each of those back", () => {
    const r = seed("cieloweb");
    const data = reportData(r);
    expect(data.findings).toHaveLength(r.diagnostics.length + r.accepted.length);
    for (const [i, f] of data.findings.entries()) {
      for (const id of f.systems) expect(data.systems.find((s) => s.id === id)!.findings).toContain(i);
      for (const k of f.flows) expect(data.flows[k]!.findings).toContain(i);
      for (const id of f.purposes) expect(data.purposes.find((p) => p.id === id)!.findings).toContain(i);
      expect(f.where).toMatch(/^models\/cieloweb\.flow:\d+:\d+$/);
    }
    // Every flow finding lies inside its flow's declaration.
    for (const [k, fl] of data.flows.entries()) {
      const decl = r.model.flows[k]!.spans.declaration ?? r.model.flows[k]!.span;
      for (const i of fl.findings) {
        const d = [...r.diagnostics, ...r.accepted][i]!;
        const inside = [d.span, ...d.related.filter((x) => x.occurrence).map((x) => x.span)].some((s) => s.start >= decl.start && s.start < decl.end);
        expect(inside).toBe(true);
      }
    }
    expect(data.flows.filter((f) => f.transfer)).toHaveLength(r.transfers.length);
    expect(data.flows.some((f) => f.findings.length)).toBe(true);
    expect(data.systems.some((s) => s.findings.length)).toBe(true);
  });

  it("marks special and sensitive data, and a transfer's verdict per destination", () => {
    const r = checkSource("m.flow", [
      'model "M" { regime gdpr updated "2026-01-02" }',
      "organization o \"O\" { role controller country NL contact \"x@o.example\" }",
      'subject u "Users"',
      'data h "Health" { kind health }',
      'data c "Card" { kind payment_card }',
      'data e "E-mail" { kind contact }',
      "purpose p \"Care\" { basis contract condition health_care subjects u data h, c, e retention 30 days }",
      'system web "Web" { kind browser }',
      "system api \"API\" { kind server operator \"Acme Ltd\" in IN as processor located IN contract \"DPA\" stores h, c, e for p retention 30 days security \"tls\" }",
      'flow web -> api "Visit" { data h, c, e for p mechanism scc c2p }',
    ].join("\n"));
    const data = reportData(r);
    expect(data.data.map((d) => [d.id, d.special, d.sensitive])).toEqual([["h", true, true], ["c", false, true], ["e", false, false]]);
    const flow = data.flows[0]!;
    expect(flow.transfer?.destinations.map((d) => [d.place, d.verdict])).toEqual([["India (IN)", "safeguard"]]);
    expect(flow.grounds[0]).toContain("standard contractual clauses");
    expect(data.systems[1]!.places).toEqual([{ code: "IN", label: "India (IN)", zone: "third" }]);
    expect(data.systems[0]!.places[0]!.zone).toBe("client");
  });
});

describe("the record on the page", () => {
  it("is the processor's Art. 30(2) record for a processor, the controller's otherwise, with one row per activity", async () => {
    const processor = checkSource("p.flow", [
      'model "P" { regime gdpr updated "2026-02-03" }',
      'organization o "O" { role processor country NL contact "x@o.example" }',
      'subject u "Users"',
      'data e "E-mail" { kind contact }',
      'purpose hosting "Hosting for customers" { basis contract subjects u data e retention 30 days }',
      'system web "Web" { kind browser }',
      'system api "API" { kind server operator self located NL stores e for hosting retention 30 days security "tls" }',
      'flow web -> api "Use" { data e for hosting }',
    ].join("\n"));
    const page = await renderReport(processor);
    expect(page).toContain("<dd>Art. 30(2), processor</dd>");
    expect(page).toContain('<caption id="register-caption">Art. 30(2) record: ');
    expect(page).toContain('<tr data-purpose="hosting"><th scope="row" data-label="Activity ref.">hosting</th>');
    expect(page).toContain("<dd>2026-02-03</dd>"); // the model's date in the page header
    expect(page).toContain(`<dt>Transfer facts as of</dt><dd>${transferFactsAsOf}</dd>`);
    expect(page).toContain(`<dt>ePrivacy facts as of</dt><dd>${eprivacyAsOf}</dd>`);
    const controller = await renderReport(seed("cieloweb"));
    expect(controller).toContain("<dd>Art. 30(1), controller</dd>");
    const rows = [...controller.matchAll(/<tr data-purpose="([^"]*)"/g)].map((m) => m[1]).filter((ref) => ref !== "(no activity)");
    expect(rows).toEqual(seed("cieloweb").model.purposes.map((p) => p.id));
  });
});

describe("flowmap report and build (CLI)", () => {
  const run = (args: string[], cwd: string) => {
    const r = spawnSync(process.execPath, [bundle, ...args], { cwd, encoding: "utf8" });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const work = () => {
    const dir = mkdtempSync(join(tmpdir(), "flowmap-report-"));
    cpSync(join(root, "models"), join(dir, "models"), { recursive: true });
    return dir;
  };

  it("report writes out/<model>.html, the same bytes build writes; refuses a model with syntax errors and an output over an input", () => {
    expect(existsSync(bundle)).toBe(true);
    const dir = work();
    const r = run(["report", "models/cieloweb.flow"], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("wrote out/cieloweb.html\n");
    const page = readFileSync(join(dir, "out/cieloweb.html"), "utf8");
    expect(page.startsWith("<!DOCTYPE html>\n<html lang=\"en\">")).toBe(true);
    expect(run(["build"], dir).code).toBe(0);
    expect(readFileSync(join(dir, "out/cieloweb.html"), "utf8")).toBe(page);
    writeFileSync(join(dir, "models/broken.flow"), 'model "B" { regime gdpr }\nsystem x "X" { kind\n');
    const broken = run(["report", "models/broken.flow"], dir);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("no report written");
    expect(existsSync(join(dir, "out/broken.html"))).toBe(false);
    const over = run(["report", "models/cieloweb.flow", "-o", "models/cieloweb.flow"], dir);
    expect(over.code).toBe(2);
    expect(over.stderr).toContain("refusing to write the report over models/cieloweb.flow");
    expect(run(["--help"], dir).stdout).toMatch(/\n {2}report {4}/);
  });

  it("build --check reports a stale or missing report", () => {
    const dir = work();
    expect(run(["build"], dir).code).toBe(0);
    writeFileSync(join(dir, "out/cbline.html"), "<!DOCTYPE html>");
    const stale = run(["build", "--check"], dir);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("stale    out/cbline.html");
    writeFileSync(join(dir, "out/gone.html"), "x");
    expect(run(["build", "--check"], dir).stderr).toContain("orphan   out/gone.html");
  });
});
