import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { checkSource } from "../src/check/index.js";
import { allRules } from "../src/check/registry.js";
import { formatSarif } from "../src/format/sarif.js";
import { formatGithub, escapeData, escapeProperty } from "../src/format/github.js";
import { formatJson } from "../src/format/json.js";
import { formatText } from "../src/format/text.js";

const path = "models/cieloweb.flow";
const result = checkSource(path, readFileSync(path, "utf8"));
const sources = new Map([[path, result.source]]);
const sarifOptions = { version: "0.1.0", docsBase: "https://example.org/docs/rules/", informationUri: "https://example.org/flowmap" };

/** The purpose a `purpose-without-basis` message names: "purpose `x` has no legal basis". */
const nameIn = (message: string) => /`([^`]+)`/.exec(message)![1]!;

describe("sarif", () => {
  const log = JSON.parse(formatSarif(result.diagnostics, allRules(), sources, sarifOptions));

  it("validates against the official SARIF 2.1.0 schema", () => {
    const schema = JSON.parse(readFileSync("test/data/sarif-schema-2.1.0.json", "utf8"));
    const ajv = new Ajv({ strict: false, allErrors: true });
    // ajv-formats is CommonJS with a default export; under ESM interop it sits on `.default`.
    const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => void;
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("describes every rule with help and a docs link, and results point into the rules", () => {
    const rules = log.runs[0].tool.driver.rules;
    expect(rules.map((r: { id: string }) => r.id)).toEqual(allRules().map((r) => r.id));
    for (const r of rules) {
      expect(r.shortDescription.text.length).toBeGreaterThan(5);
      expect(r.fullDescription.text.length).toBeGreaterThan(20);
      expect(r.helpUri).toBe(`https://example.org/docs/rules/${r.id}.md`);
    }
    expect(log.runs[0].results.length).toBe(result.diagnostics.length);
    for (const res of log.runs[0].results) expect(rules[res.ruleIndex].id).toBe(res.ruleId);
  });

  it("uses 1-based regions with an exclusive end column, and stable fingerprints", () => {
    const d = result.diagnostics.find((x) => x.code === "purpose-without-basis")!;
    const res = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "purpose-without-basis");
    const region = res.locations[0].physicalLocation.region;
    const line = result.source.lineText(region.startLine);
    expect(line.slice(region.startColumn - 1, region.endColumn - 1)).toBe(nameIn(d.message));
    expect(region.startLine).toBe(d.span.line);
    expect(res.locations[0].physicalLocation.artifactLocation.uri).toBe("models/cieloweb.flow");
    expect(log.runs[0].columnKind).toBe("utf16CodeUnits");
    // Adding a line above the finding moves it but keeps its fingerprint.
    const moved = checkSource(path, `// a new first line\n${result.source.text}`);
    const log2 = JSON.parse(formatSarif(moved.diagnostics, allRules(), new Map([[path, moved.source]]), sarifOptions));
    const fp = (l: typeof log) => l.runs[0].results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints["flowmapFinding/v1"]);
    expect(fp(log2)).toEqual(fp(log));
    expect(new Set(fp(log)).size).toBe(fp(log).length);
  });
});

describe("sarif columns and paths", () => {
  it("counts columns in UTF-16 code units on a line with non-ASCII and astral characters", () => {
    const file = "dir,x/ü😀.flow";
    const text = 'organization o "Ørg 😀" { role controller country NL contact "x" }\ndata d "𝒳 😀 é" { kind contact }  purpose p2 "É 😀" { data d }\n';
    const r = checkSource(file, text);
    const log = JSON.parse(formatSarif(r.diagnostics, allRules(), new Map([[file, r.source]]), sarifOptions));
    const res = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === "purpose-without-basis");
    const { region, artifactLocation } = res.locations[0].physicalLocation;
    const line = text.split("\n")[region.startLine - 1]!;
    // 1-based, end exclusive, in UTF-16 units: slicing the JavaScript string gives the name back.
    expect(line.slice(region.startColumn - 1, region.endColumn - 1)).toBe("p2");
    expect(region.startColumn).toBe(line.indexOf(" p2 ") + 1 + 1);
    expect(text.slice(region.charOffset, region.charOffset + region.charLength)).toBe("p2");
    // The astral characters before it count two each: code points would give a smaller column.
    expect([...line.slice(0, region.startColumn - 1)].length).toBeLessThan(region.startColumn - 1);
    expect(artifactLocation.uri).toBe("dir%2Cx/%C3%BC%F0%9F%98%80.flow");
    expect(decodeURIComponent(artifactLocation.uri)).toBe(file);
  });
});

describe("github annotations", () => {
  it("escapes a file path with a comma and colon, and a message with a percent sign and newline", () => {
    const file = "mod,els:x/a,b.flow";
    const text = 'organization o "O" { role controller country NL contact "x" }\nsubject s "S"\ndata d "D" { kind contact }\npurpose p "P" { basis contract  subjects s  data d  retention unspecified "100% kept\\nforever" }\n';
    const r = checkSource(file, text);
    const line = formatGithub(r.diagnostics, 1).split("\n").find((l) => l.includes("title=retention-missing"))!;
    // (A note: the model keeps the data nowhere, so its silence on retention is an observation.)
    expect(line).toMatch(/^::notice file=mod%2Cels%3Ax\/a%2Cb\.flow,line=4,col=\d+,endLine=4,endColumn=\d+,title=retention-missing::/);
    const message = line.slice(line.indexOf("::", 2) + 2);
    expect(message).toContain("100%25 kept%0Aforever");
    expect(message).not.toMatch(/%(?!25|0A|0D)/);
  });

  it("escapes % CR LF in messages and also : , in properties", () => {
    expect(escapeData("50% done\r\nnext")).toBe("50%25 done%0D%0Anext");
    expect(escapeProperty("a:b,c%\n")).toBe("a%3Ab%2Cc%25%0A");
  });

  it("writes one workflow command per finding with the span", () => {
    const out = formatGithub(result.diagnostics, 1).trimEnd().split("\n");
    expect(out.length).toBe(result.diagnostics.length + 1);
    const d = result.diagnostics[0]!;
    expect(out[0]).toBe(
      `::${d.severity === "info" ? "notice" : d.severity} file=models/cieloweb.flow,line=${d.span.line},col=${d.span.column},endLine=${d.span.endLine},endColumn=${d.span.endColumn},title=${d.code}::${escapeData(`${d.message}\nhelp: ${d.help}`)}`,
    );
    for (const line of out.slice(0, -1)) expect(line).not.toMatch(/[\r\n]/);
  });
});

describe("json and text", () => {
  it("json carries every finding with its position and a summary", () => {
    const out = JSON.parse(formatJson(result.diagnostics, [path]));
    expect(out.version).toBe(1);
    expect(out.diagnostics.length).toBe(result.diagnostics.length);
    expect(out.summary.errors).toBe(result.diagnostics.filter((d) => d.severity === "error").length);
    expect(out.diagnostics[0]).toMatchObject({ code: result.diagnostics[0]!.code, file: path, line: result.diagnostics[0]!.span.line });
  });

  it("text shows location, code frame with the span underlined, help and summary; no colour unless asked", () => {
    const text = formatText(result.diagnostics, sources, 1, { color: false });
    expect(text).not.toMatch(/\u001b\[/);
    const d = result.diagnostics.find((x) => x.code === "purpose-without-basis")!;
    const block = text.split("\n\n").find((b) => b.includes("purpose-without-basis"))!;
    const lines = block.split("\n");
    expect(lines[0]).toBe(`models/cieloweb.flow:${d.span.line}:${d.span.column}: error purpose-without-basis: ${d.message}`);
    const caretLine = lines[2]!;
    const codeLine = lines[1]!;
    const caretStart = caretLine.indexOf("^");
    const name = nameIn(d.message);
    expect(codeLine.slice(caretStart, caretStart + name.length)).toBe(name);
    expect(caretLine.trim().replace(/^\|\s*/, "")).toBe("^".repeat(name.length));
    expect(block).toContain("help: ");
    expect(text.trimEnd().split("\n").pop()).toMatch(/^\d+ errors?, \d+ warnings?(, \d+ notes?)? in 1 file$/);
    expect(formatText(result.diagnostics, sources, 1, { color: true })).toMatch(/\u001b\[31merror/);
  });

  it("control characters in user text are shown, not sent to the terminal", () => {
    const r = checkSource("x.flow", 'organization o "O" { role controller country NL contact "x" }\ndata bad\u0007name "t" { kind nope }\n');
    const text = formatText(r.diagnostics, new Map([["x.flow", r.source]]), 1, { color: false });
    expect(text).not.toContain("\u0007");
  });

  it("the caret sits under the span on a line with astral characters (one column each on screen)", () => {
    const r = checkSource("x.flow", 'organization o "O" { role controller country NL contact "x" }\ndata d "😀 𝒳" { kind nope }\n');
    const text = formatText(r.diagnostics, new Map([["x.flow", r.source]]), 1, { color: false });
    const lines = text.split("\n");
    const header = lines.findIndex((l) => l.includes("invalid-value"));
    const [code, caret] = [lines[header + 1]!, lines[header + 2]!];
    // Columns as a terminal shows them: code points, not UTF-16 units.
    const columnOf = (line: string, i: number) => [...line.slice(0, i)].length;
    expect(columnOf(caret, caret.indexOf("^"))).toBe(columnOf(code, code.indexOf("nope")));
    expect(caret.trim().replace(/^\|\s*/, "")).toBe("^^^^");
  });
});
