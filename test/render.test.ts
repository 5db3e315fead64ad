/** The SVG map: stage goldens for a seed model, and properties every seed map must have. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { checkSource, type CheckResult } from "../src/check/index.js";
import { laidOutMapOf, mapGraphOf, MapRenderError, renderMap } from "../src/render/index.js";

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
    const systemsDrawn = svg.match(/<g class="system">/g)?.length ?? 0;
    const flowsDrawn = svg.match(/<g class="flow">/g)?.length ?? 0;
    expect(systemsDrawn).toBe(result.model.systems.length);
    expect(flowsDrawn).toBe(result.model.flows.length);
    expect(stats).toMatchObject({ systems: result.model.systems.length, flows: result.model.flows.length, transfers: result.transfers.length });
    expect((await renderMap(result)).svg).toBe(svg);
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
    expect(svg.match(/<g class="system">/g)?.length ?? 0).toBe(result.model.systems.length);
    expect(svg.match(/<g class="flow">/g)?.length ?? 0).toBe(result.model.flows.length);
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
  });
});
