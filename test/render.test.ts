/** The SVG map: stage goldens for a seed model, and properties every seed map must have. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { checkSource, type CheckResult } from "../src/check/index.js";
import { laidOutMapOf, mapGraphOf, MapRenderError, renderMap } from "../src/render/index.js";
import { advanceTableRanges, loadMeasurer, svgdomAdvances, tableMeasurer } from "../src/render/measure.js";
import { openSansAdvances } from "../src/render/advances.js";
import { buildMapGraph } from "../src/render/graph.js";
import { edgeStyles, ink, zoneStyles } from "../src/render/style.js";
import { layoutProblems } from "./layout-problems.js";

const root = join(import.meta.dirname, "..");
const seeds = readdirSync(join(root, "models")).filter((f) => f.endsWith(".flow")).sort();

function check(path: string, text = readFileSync(join(root, path), "utf8")): CheckResult {
  return checkSource(path, text);
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Every piece of text the SVG shows or announces, entities decoded by an independent parser. */
function textsOf(svg: string): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === "string" || typeof node === "number") out.push(String(node));
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") Object.values(node).forEach(walk);
  };
  walk(new XMLParser({ ignoreAttributes: true, processEntities: true, htmlEntities: false }).parse(svg));
  return out;
}

/** Element and attribute names, and attribute values, as an independent parser reads them. */
function markupOf(svg: string): { elements: Set<string>; attributes: Set<string>; values: string[] } {
  const elements = new Set<string>();
  const attributes = new Set<string>();
  const values: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === ":@") {
        for (const [a, v] of Object.entries(value as Record<string, string>)) (attributes.add(a), values.push(String(v)));
      } else if (key !== "#text") {
        elements.add(key);
        walk(value);
      }
    }
  };
  walk(new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", preserveOrder: true }).parse(svg));
  return { elements, attributes, values };
}

function assertSafe(svg: string): void {
  expect(svg).not.toMatch(/<script|<foreignObject|<!DOCTYPE|<!ENTITY/i);
  expect(svg).not.toMatch(/href\s*=/i);
  const { elements, attributes, values } = markupOf(svg);
  expect([...elements].filter((e) => /script|foreignobject|image|use|a$|iframe|style/i.test(e))).toEqual([]);
  expect([...attributes].filter((a) => /^on|href|src/i.test(a))).toEqual([]);
  for (const v of values) expect(v).not.toMatch(/url\((?!#arrow-[a-z-]+\))|javascript:/);
}

describe("render stages (models/cieloweb.flow)", () => {
  const result = check("models/cieloweb.flow");

  it("builds the ELK graph", async () => {
    await expect(json(await mapGraphOf(result))).toMatchFileSnapshot("golden/render/cieloweb.graph.json");
  });

  it("lays it out", async () => {
    await expect(json(await laidOutMapOf(result))).toMatchFileSnapshot("golden/render/cieloweb.layout.json");
  });
});

describe.each(seeds)("map of models/%s", (file) => {
  const result = check(`models/${file}`);
  it.skipIf(!result.complete)("is a safe, well-formed, deterministic SVG naming every system and flow", async () => {
    const { svg, stats } = await renderMap(result);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" /);
    expect(svg).toMatch(/role="img"/);
    assertSafe(svg);
    const text = textsOf(svg).join("\n");
    for (const s of result.model.systems) expect(text).toContain(s.name.replace(/\s+/g, " "));
    for (const f of result.model.flows) expect(text).toContain(f.name.replace(/\s+/g, " "));
    const systemsDrawn = svg.match(/<g class="system"[ >]/g)?.length ?? 0;
    // A flow continued in another row of a wrapped map is drawn in two parts, with one index.
    const flowsDrawn = new Set([...svg.matchAll(/<g class="flow" data-flows="(\d+)"/g)].map((x) => x[1])).size;
    expect(systemsDrawn).toBe(result.model.systems.length);
    expect(flowsDrawn).toBe(result.model.flows.length);
    expect(stats).toMatchObject({ systems: result.model.systems.length, flows: result.model.flows.length, transfers: result.transfers.length });
    // A system marked as having errors says which in its tooltip, errors first.
    for (const g of svg.split('<g class="system"').slice(1).map((part) => part.slice(0, part.indexOf("</g>")))) {
      if (g.includes(`stroke="${ink.error}"`)) expect(g).toMatch(/<title>[^<]*\n\nFindings:\n- error \[[a-z-]+\] line \d+: /);
    }
    expect((await renderMap(result)).svg).toBe(svg);
  });
});

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** Every zone and every verdict on one small map (the seeds have no EEA, adequacy or safeguard). */
const everyZone = `model "Every zone" { regime gdpr  updated "2026-01-01" }
organization acme "Acme" { role controller  country NL  contact "a@b.example" }
subject user "Users"
data email "E-mail address" { kind contact }
data usage "Usage statistics" { kind usage }
purpose p "Run the service" { basis contract  subjects user  data email, usage  retention 13 months }
system web "Browser" { kind browser }
system api "API" { kind server  operator self  located NL }
system db "Database" { kind database  operator self  located DE }
system jp "Tokyo analytics" { kind analytics  operator "JP Co" as processor  contract "DPA"  located JP }
system in "Bangalore support" { kind saas  operator "IN Co" as processor  contract "DPA"  located IN }
system us "US CRM" { kind saas  operator "US Inc" as processor  contract "DPA"  located US }
system any "Global CDN" { kind cdn  operator "CDN Inc" as processor  contract "DPA"  located global }
flow web -> api "Sign-in" { data email  for p }
flow api -> db "Store" { data email, usage  for p }
flow api -> jp "Statistics" { data usage  for p  mechanism adequacy }
flow api -> in "Support" { data email  for p  mechanism scc c2p }
flow api -> us "CRM" { data email  for p  mechanism derogation a "explicit consent" }
flow api -> any "CDN" { data usage  for p }
flow db -> db "Replicate" { data email  for p }
`;

describe.each([...seeds.map((f) => [`models/${f}`, undefined] as const), ["every-zone.flow", everyZone] as const])("layout of %s", (file, text) => {
  const result = text === undefined ? check(file) : check(file, text);
  it.skipIf(!result.complete)("has no overlaps, overflowing text, flows through systems or stray labels", async () => {
    const m = await loadMeasurer();
    expect(layoutProblems(await laidOutMapOf(result), (t, size, bold) => m.width(t, size, bold))).toEqual([]);
  });
});

describe("colours", () => {
  it("keep text at WCAG AA contrast (4.5:1) on white and on each zone's tint", () => {
    const texts = [ink.text, ink.muted, ink.error, ink.warning, ...Object.values(edgeStyles).map((s) => s.stroke)];
    for (const c of texts) expect(contrast(c, "#ffffff"), c).toBeGreaterThanOrEqual(4.5);
    for (const c of [ink.error, ink.warning]) expect(contrast(c, "#fff5f5"), c).toBeGreaterThanOrEqual(4.5);
    for (const z of Object.values(zoneStyles)) expect(contrast(z.title, z.fill), z.title).toBeGreaterThanOrEqual(4.5);
  });
});

describe("hostile text", () => {
  const hostile = `model "Map <script>alert(1)</script> & \\"co\\"" {
  regime gdpr
  updated "2026-01-01 \u0007"
}
organization acme "Acme & <Sons>" { role controller
  country NL }
subject user "Users"
data email "E-mail \\"<b>bold</b>\\" & more\u0001" { kind contact }
purpose p "Purpose ]]> <!-- x -->" {
  basis contract
  subjects user
  data email
  retention session
}
system web "<script>alert(1)</script>" { kind browser }
system api "API \\" onload=\\"alert(1)\u0007" {
  kind server
  operator "Evil <img src=x onerror=alert(1)> Ltd" as processor
  located US
}
flow web -> api "<svg onload=alert(1)>" {
  data email
  for p
}
`;

  it("renders as text, escaped, with control characters dropped", async () => {
    const result = check("hostile.flow", hostile);
    expect(result.complete).toBe(true);
    const { svg } = await renderMap(result);
    expect(XMLValidator.validate(svg)).toBe(true);
    assertSafe(svg);
    expect(svg).not.toMatch(/<img|<svg onload|<b>|<!-- x/);
    expect(svg).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const text = textsOf(svg).join("\n");
    expect(text).toContain("<script>alert(1)</script>");
    expect(text).toContain('API " onload="alert(1)');
    expect(text).toContain("Evil <img src=x onerror=alert(1)> Ltd");
    expect(text).toContain("<svg onload=alert(1)>");
    expect(text).toContain("]]> <!-- x -->");
  });
});

describe("text measurement", () => {
  it("has an advance table equal to svgdom's own measurements (regenerate: npx tsx scripts/gen-advances.ts)", async () => {
    const measure = await svgdomAdvances();
    const chars = advanceTableRanges.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)));
    expect(openSansAdvances.length).toBe(chars.length);
    expect(chars.map(measure)).toEqual(openSansAdvances);
  });

  it("measures a map with characters outside the table with svgdom, and others without", async () => {
    const full = await loadMeasurer();
    const quick = tableMeasurer();
    expect(quick.width("Ürün: “Privacy” – 10 €…", 13.5, true)).toBe(full.width("Ürün: “Privacy” – 10 €…", 13.5, true));
    expect(quick.missed).toBe(false);
    quick.width("Ωμέγα Сервер", 11);
    expect(quick.missed).toBe(true);
    const text = `model "Ωμέγα" {\n  regime gdpr\n}\nsystem a "Сервер данных" { kind server }\nsystem b "数据库 📦" { kind database }\nflow a -> b "Поток" {\n}\n`;
    const result = check("greek.flow", text);
    expect(await mapGraphOf(result)).toEqual(buildMapGraph(result, full));
  });
});

describe("unusual shapes", () => {
  const header = `model "Shapes" {\n  regime gdpr\n}\nsubject u "U"\ndata e "E" { kind contact }\npurpose p "P" {\n  basis contract\n  subjects u\n  data e\n  retention session\n}\n`;
  const cases: Record<string, string> = {
    "an empty model": `model "Empty" {\n  regime gdpr\n}\n`,
    "self-loops, parallel flows and a system in several countries": `${header}
system a "A" {\n  kind server\n  operator self\n  located DE, US, anywhere\n}
system b "B" {\n  kind server\n  operator self\n  located IN\n}
system c "C" { kind server }
flow a -> a "self" {\n  data e\n  for p\n}
flow a -> b "one" {\n  data e\n  for p\n  mechanism scc c2c\n}
flow a -> b "two" {\n  data e\n  for p\n}
flow b -> a "back" {\n  data e\n  for p\n}
`,
  };
  it.each(Object.entries(cases))("renders %s", async (name, text) => {
    const result = check(`${name.replace(/\W+/g, "-")}.flow`, text);
    const { svg } = await renderMap(result);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg.match(/<g class="system"[ >]/g)?.length ?? 0).toBe(result.model.systems.length);
    expect(svg.match(/<g class="flow"[ >]/g)?.length ?? 0).toBe(result.model.flows.length);
    if (result.model.systems.length) {
      expect(textsOf(svg).join("\n")).toContain("Several countries: DE, US, anywhere");
      expect(textsOf(svg).join("\n")).toContain("Location not stated");
    }
  });
});

describe("refusal", () => {
  it("refuses a model with syntax errors with a typed error", async () => {
    const result = check("broken.flow", `model "Broken" {\n  regime gdpr\n}\nsystem api "API" {\n  kind server\n  located\n`);
    expect(result.complete).toBe(false);
    const failure = await renderMap(result).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MapRenderError);
    expect((failure as MapRenderError).code).toBe("incomplete-model");
    expect((failure as MapRenderError).message).toMatch(/broken\.flow has syntax errors/);
  });

  it("stops a layout that overruns its time bound", async () => {
    const result = check("models/cieloweb.flow");
    const failure = await renderMap(result, { timeLimitMs: 1 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MapRenderError);
    expect((failure as MapRenderError).code).toBe("layout-timeout");
    expect((failure as MapRenderError).message).toBe(
      "map layout of 4 systems and 3 flows did not finish within the 1 ms limit; raise the limit with `--layout-timeout <seconds>`, or split the model into smaller .flow files (one per product or region) and render each",
    );
  });
});

describe("country boxes follow the transfer verdicts", () => {
  const model = (certified: string) => `model "T" { regime gdpr }
organization o "O" { role controller  country NL  contact "x@o.example" }
subject s
data email { kind contact }
purpose p { basis contract  subjects s  data email  retention 1 years }
system app { kind server  operator self  located NL }
system mailer { kind email  operator "Mailer Inc." as processor  contract "DPA"  located US  ${certified} }
flow app -> mailer { data email  for p  ${certified ? "mechanism dpf" : 'mechanism scc c2p  tia "TIA-1"'} }
`;
  it("a US box is styled adequate for certified recipients (apart from full adequacy) only when its recipients are DPF-certified", async () => {
    const style = async (text: string) => {
      const graph = await mapGraphOf(checkSource("t.flow", text));
      return graph.containers[Object.keys(graph.containers).find((k) => k.includes("US"))!]!.style.fill;
    };
    const certified = await style(model("certified dpf"));
    const uncertified = await style(model(""));
    expect(certified).toBe(zoneStyles.partial.fill);
    expect(zoneStyles.partial.fill).not.toBe(zoneStyles.adequate.fill);
    expect(uncertified).toBe(zoneStyles.third.fill);
  });
});
