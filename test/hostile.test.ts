/** Issue 19, items 1 and 8 (and the long name of item 6): long lines neither hang nor flood any
 *  output, and hostile text (test/data/hostile.ts) is inert and visible in every format. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse as parseCsv } from "csv-parse/sync";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { checkSource } from "../src/check/index.js";
import { allRules } from "../src/check/registry.js";
import { formatGithub } from "../src/format/github.js";
import { formatJson } from "../src/format/json.js";
import { formatSarif } from "../src/format/sarif.js";
import { formatText, textFindingLimit } from "../src/format/text.js";
import { buildRegister, toCsv, toMarkdown } from "../src/register/index.js";
import { csvField } from "../src/register/csv.js";
import { markdownCell } from "../src/register/markdown.js";
import { renderMap } from "../src/render/index.js";
import { clampLines, maxLineChars, tableMeasurer, wrapText, type TextMeasurer } from "../src/render/measure.js";
import { visible } from "../src/util/visible.js";
import { flowString, hostileCorpus, hostileFiles, hostileModel, rawHostile } from "./data/hostile.js";

const sarifOptions = { version: "0.1.0", docsBase: "https://example.org/docs/rules/", informationUri: "https://example.org/flowmap" };
const corpus = Object.entries(hostileCorpus);
const sarifOf = (r: ReturnType<typeof checkSource>) => formatSarif(r.diagnostics, allRules(), new Map([[r.source.path, r.source]]), sarifOptions);
const textOf = (r: ReturnType<typeof checkSource>, limit?: number) => formatText(r.diagnostics, new Map([[r.source.path, r.source]]), 1, { color: false, limit });
const codePoints = (s: string) => [...s].length;

/** The reproducer: one line of printable junk (no comment or string starts), from a fixed seed. */
function junkLine(length: number, seed = 12345): string {
  const chars = "abcdefghij{}[]()=,.;:@#$%^&*!~<>?| 0123456789-+";
  let s = seed;
  let out = "";
  while (out.length < length) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    out += chars[Math.floor((s / 0x7fffffff) * chars.length)];
  }
  return out;
}

/** A seed model on one line (line comments dropped), repeated to `length` characters. */
function joinedSeed(length: number): string {
  const one = readFileSync("models/cieloweb.flow", "utf8").split(/\r?\n/).map((l) => l.replace(/(^|\s)\/\/.*$/, "")).join(" ");
  return `${one} `.repeat(Math.ceil(length / (one.length + 1)));
}

/** The code line and caret line under each finding header of a text report. */
function frames(text: string): { header: string; code: string; caret: string }[] {
  return text.split("\n\n").flatMap((block) => {
    const [header, code, caret] = block.split("\n");
    return code?.startsWith("  ") && caret?.includes("^") ? [{ header: header!, code: code.replace(/^ {2}\d+ \| /, ""), caret: caret.replace(/^ {2} +\| /, "") }] : [];
  });
}

describe("long lines (issue 19, item 1)", () => {
  const junk = checkSource("junk.flow", junkLine(32 * 1024));

  it("a 32 KB one-line junk file prints a bounded text report: windows of the line, 200 findings, a count of the rest", () => {
    expect(junk.diagnostics.length).toBeGreaterThan(textFindingLimit);
    const text = textOf(junk);
    expect(text.length).toBeLessThan(300_000); // was 408 MB (about 200 KB a finding)
    for (const line of text.split("\n")) expect(codePoints(line)).toBeLessThanOrEqual(2_300);
    const left = junk.diagnostics.length - textFindingLimit;
    expect(text).toContain(`… ${left} more findings not shown (text output stops after ${textFindingLimit} findings); --format json lists them all`);
    expect(text.trimEnd().split("\n").pop()).toBe(`${junk.diagnostics.length} errors, 0 warnings in 1 file`);
    for (const f of frames(text)) expect(codePoints(f.code)).toBeLessThanOrEqual(2 + 60 + 100 + 60);
    // Every finding printed when asked, each still bounded.
    expect(textOf(junk, Infinity).length).toBeLessThan(junk.diagnostics.length * 1_500);
  });

  it("far along the line the header keeps the true column and the caret sits under the span in the window", () => {
    const line = junk.source.lineText(1);
    const text = textOf(junk, Infinity);
    const far = frames(text).filter((f) => /:1:(\d{4,}):/.test(f.header));
    expect(far.length).toBeGreaterThan(100);
    for (const f of far) {
      const column = Number(/:1:(\d+):/.exec(f.header)![1]);
      const d = junk.diagnostics.find((x) => x.span.column === column && f.header.endsWith(x.message))!;
      expect(f.code.startsWith("…")).toBe(true);
      const at = f.caret.indexOf("^");
      const carets = f.caret.length - at;
      expect(f.code.slice(at, at + carets)).toBe(line.slice(d.span.column - 1, d.span.endColumn - 1).slice(0, carets));
    }
  });

  it("sarif on the 32 KB line: valid, every finding, bounded size, fingerprints from a window of the line", () => {
    const log = JSON.parse(sarifOf(junk));
    expect(log.runs[0].results).toHaveLength(junk.diagnostics.length);
    const rulesPart = JSON.stringify(log.runs[0].tool, null, 2).length;
    expect(sarifOf(junk).length - rulesPart).toBeLessThan(junk.diagnostics.length * 4_000);
    // The same finding on two long lines that differ only far from it keeps its fingerprint.
    const lineWith = (tail: string) => `data d "D" { kind contact }  purpose p "P" { data d } ${"subject s \"S\" ".repeat(200)} model ${flowString(tail)}\n`;
    const fp = (text: string) => {
      const r = checkSource("long.flow", text);
      const i = r.diagnostics.findIndex((d) => d.code === "purpose-without-basis");
      return JSON.parse(sarifOf(r)).runs[0].results[i].partialFingerprints["flowmapFinding/v1"];
    };
    expect(fp(lineWith("A"))).toBe(fp(lineWith("B".repeat(50))));
  });

  it("fingerprints of normal-length lines are what they always were", () => {
    const path = "models/cieloweb.flow";
    const r = checkSource(path, readFileSync(path, "utf8"));
    const seen = new Map<string, number>();
    const old = r.diagnostics.map((d) => {
      const key = `${d.code}\u0000${d.span.file}\u0000${d.message}\u0000${r.source.lineText(d.span.line).trim()}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      return `${createHash("sha256").update(key).digest("hex").slice(0, 32)}:${n}`;
    });
    expect(JSON.parse(sarifOf(r)).runs[0].results.map((x: { partialFingerprints: Record<string, string> }) => x.partialFingerprints["flowmapFinding/v1"])).toEqual(old);
  });

  it("a seed model joined onto one line and repeated to 300 KB: text and sarif complete, bounded", () => {
    const r = checkSource("joined.flow", joinedSeed(300_000));
    expect(r.source.lineStarts).toHaveLength(1);
    expect(r.diagnostics.length).toBeGreaterThan(1000);
    const text = textOf(r);
    expect(text.length).toBeLessThan(400_000); // crashed: RangeError: Invalid string length
    expect(text).toContain(`${r.diagnostics.length - textFindingLimit} more findings not shown`);
    expect(JSON.parse(sarifOf(r)).runs[0].results).toHaveLength(r.diagnostics.length);
  });
});

describe("a 100,000-character name (issue 19, item 6)", () => {
  /** A measurer that counts the characters it is asked to measure. */
  function counting(): TextMeasurer & { chars: number } {
    const m = tableMeasurer();
    const c = { chars: 0, width: (t: string, size: number, bold?: boolean) => ((c.chars += t.length), m.width(t, size, bold)) };
    return c;
  }

  it("wraps in time linear in the word, and the label keeps three bounded lines", () => {
    const m = counting();
    const word = hostileCorpus.longWord!;
    const lines = wrapText(m, word, 180, 14, true);
    expect(lines.join("")).toBe(word);
    expect(m.chars).toBeLessThan(6 * word.length); // was about 1,000 times the word
    for (const l of lines) expect(m.width(l, 14, true)).toBeLessThanOrEqual(180);
    const label = clampLines(m, lines, 3, 180, 14, true);
    expect(label).toHaveLength(3);
    expect(label.join("").length).toBeLessThan(3 * maxLineChars);
    expect(label[2]!.endsWith("…")).toBe(true);
  });

  it("cuts where measuring every prefix would (the old algorithm, kept here as the reference)", () => {
    const reference = (m: TextMeasurer, text: string, max: number): string[] => {
      const out: string[] = [];
      let line = "";
      for (const word of text.split(" ").filter(Boolean)) {
        const candidate = line ? `${line} ${word}` : word;
        if (m.width(candidate, 12) <= max) { line = candidate; continue; }
        if (line) out.push(line);
        let chars = Array.from(word);
        line = word;
        while (m.width(line, 12) > max && chars.length > 1) {
          let n = 1;
          while (n < chars.length && m.width(chars.slice(0, n + 1).join(""), 12) <= max) n++;
          out.push(chars.slice(0, n).join(""));
          chars = chars.slice(n);
          line = chars.join("");
        }
      }
      if (line) out.push(line);
      return out.length ? out : [""];
    };
    const m = tableMeasurer();
    let seed = 7;
    for (let i = 0; i < 200; i++) {
      const text = Array.from({ length: 1 + (i % 9) }, (_, k) => junkLine(1 + ((i * 37 + k * 11) % 150), (seed += 13)).replace(/ /g, "")).join(" ");
      const max = 40 + (i % 7) * 30;
      expect(wrapText(m, text, max, 12)).toEqual(reference(m, text, max));
    }
  });

  it("renders: the system's drawn label is bounded, its tooltip has the whole name", async () => {
    const model = `organization o "O" { role controller  country NL  contact "x" }\nsystem big ${flowString(hostileCorpus.longWord!)} { kind server  operator self  located NL }\n`;
    const { svg } = await renderMap(checkSource("long.flow", model));
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((x) => x[1]!);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(maxLineChars);
    // In the system's box three lines; the findings list names it in at most two more.
    const box = svg.slice(svg.indexOf('<g class="system"'), svg.indexOf("</g>", svg.indexOf('<g class="system"')));
    expect([...box.matchAll(/<text[^>]*>(WWW[^<]*)<\/text>/g)]).toHaveLength(3);
    expect(texts.filter((t) => t.startsWith("WWW")).length).toBeLessThanOrEqual(5);
    expect(svg).toContain(`<title>${hostileCorpus.longWord}`);
  });
});

// ---- hostile text ---------------------------------------------------------------------------
const hostile = checkSource(hostileFiles[0]!, hostileModel());
/** The same findings under every hostile file name. */
const withFiles = hostileFiles.map((f) => checkSource(f, hostileModel()));
const diagnosticsAll = withFiles.flatMap((r) => r.diagnostics);
const sourcesAll = new Map(withFiles.map((r) => [r.source.path, r.source]));

describe("hostile model", () => {
  it("checks completely, with corpus text in messages and on flagged lines", () => {
    expect(hostile.complete).toBe(true);
    for (const [name, s] of corpus.filter(([n]) => n !== "longWord")) expect(hostile.diagnostics.some((d) => d.message.includes(s)), name).toBe(true);
  });
});

/** Markdown with every escape undone, as a renderer shows its text. */
function unmarkdown(md: string): string {
  return md.replace(/\\([\s\S])|&(amp|lt|gt);|<br>/g, (_, c: string | undefined, e: string | undefined) => c ?? (e ? { amp: "&", lt: "<", gt: ">" }[e]! : "\n"));
}

/** Why `md` (one cell) would not be plain text in CommonMark/GFM, or undefined. Written apart from
 *  the escaper: any unescaped character that opens inline syntax, raw HTML, an entity or an autolink. */
function liveMarkdown(md: string): string | undefined {
  for (let i = 0; i < md.length; i++) {
    const c = md[i]!;
    if (c === "\\") { i++; continue; }
    if ("[]`*~|>".includes(c)) return `${c} at ${i}`;
    if (md.startsWith("<br>", i)) { i += 3; continue; }
    if (c === "<") return `< at ${i}`;
    if (c === "&" && !/^&(amp|lt|gt);/.test(md.slice(i))) return `& at ${i}`;
    if (c === "_" && !(/[\p{L}\p{N}]/u.test(md[i - 1] ?? "") && /[\p{L}\p{N}]/u.test(md[i + 1] ?? ""))) return `_ at ${i}`;
    if (c === ":" && md.startsWith("//", i + 1)) return `:// at ${i}`;
    if (/^www\./i.test(md.slice(i)) && !/\w/.test(md[i - 1] ?? "")) return `www. at ${i}`;
  }
  return undefined;
}

/** The cells of a GFM table row: split at pipes no backslash escapes. */
function cellsOf(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  for (let i = 1; i < line.length; i++) {
    if (line[i] === "\\") cell += line[i] + (line[++i] ?? "");
    else if (line[i] === "|") (cells.push(cell.slice(1, -1)), (cell = ""));
    else cell += line[i];
  }
  return cells;
}

describe("Markdown register", () => {
  it.each(corpus)("%s: no live link, image, autolink, HTML or emphasis; the text reads back whole", (_, s) => {
    const cell = markdownCell(s);
    expect(liveMarkdown(cell)).toBeUndefined();
    expect(cell).not.toMatch(/[\r\n]/);
    expect(cell).not.toMatch(rawHostile);
    expect(unmarkdown(cell)).toBe(visible(s, "\r\n").replace(/\r\n|\r/g, "\n"));
  });

  it("the register of the hostile model: lines start with our syntax only, the table is intact", () => {
    const table = buildRegister(hostile, "controller");
    const lines = toMarkdown(table).trimEnd().split("\n");
    for (const line of lines) expect(line).toMatch(/^(# |- \*\*|\| |\|( --- \|)+$|$)/);
    const rows = lines.filter((l) => l.startsWith("| ") && !l.startsWith("| --- |"));
    expect(rows).toHaveLength(table.rows.length + 1);
    for (const cells of rows.map(cellsOf)) {
      expect(cells).toHaveLength(table.columns.length);
      for (const cell of cells) expect(liveMarkdown(cell)).toBeUndefined();
    }
    for (const line of lines.filter((l) => l.startsWith("- **"))) for (const part of /^- \*\*(.*?)\*\*: (.*)$/.exec(line)!.slice(1)) expect(liveMarkdown(part)).toBeUndefined();
    expect(liveMarkdown(lines[0]!.slice(2))).toBeUndefined();
  });
});

/** A spreadsheet's view: would it run this cell? A leading apostrophe makes a cell text; otherwise
 *  leading whitespace (NBSP, ideographic space) and quotes are skipped, and the trigger may be
 *  ASCII or full-width. */
const runsAsFormula = (cell: string) => !cell.startsWith("'") && /^[\s\u00a0\u3000'"“”‘’]*[=+\-@\t\r＝＋－＠﹦﹢﹣﹫]/.test(cell);

describe("CSV register", () => {
  it.each(corpus)("%s: no cell a spreadsheet would run, the text kept", (_, s) => {
    const [[cell]] = parseCsv(`${csvField(s)}\r\n`, { relaxQuotes: false }) as string[][];
    expect(runsAsFormula(cell!)).toBe(false);
    expect(cell).not.toMatch(rawHostile);
    const shown = visible(s, "\t\r\n");
    // Prefixed when a spreadsheet would run it (and, erring safe, whenever a quote or space hides a trigger).
    expect(runsAsFormula(shown) ? [`'${shown}`] : [shown, `'${shown}`]).toContain(cell);
  });

  it("the register of the hostile model parses back, and every cell is inert", () => {
    const table = buildRegister(hostile, "controller");
    const rows = parseCsv(toCsv(table)) as string[][];
    expect(rows).toHaveLength(table.rows.length + 1);
    let neutralised = 0;
    for (const row of rows) {
      expect(row).toHaveLength(table.columns.length);
      for (const cell of row) {
        expect(runsAsFormula(cell)).toBe(false);
        expect(cell).not.toMatch(rawHostile);
        if (cell.startsWith("'")) neutralised++;
      }
    }
    expect(neutralised).toBeGreaterThan(10);
  });
});

describe("SVG map", () => {
  /** Element and attribute names, attribute values and texts, as an independent parser reads them. */
  function parts(svg: string) {
    const elements = new Set<string>();
    const attributes = new Set<string>();
    const values: string[] = [];
    const texts: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== "object") return;
      for (const [key, value] of Object.entries(node)) {
        if (key === ":@") for (const [a, v] of Object.entries(value as Record<string, string>)) (attributes.add(a), values.push(String(v)));
        else if (key === "#text") texts.push(String(value));
        else (elements.add(key), walk(value));
      }
    };
    walk(new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", preserveOrder: true, processEntities: true, htmlEntities: false }).parse(svg));
    return { elements, attributes, values, texts };
  }

  it("names, titles and descriptions from the corpus stay text: no element, attribute, script or link of theirs", async () => {
    const seed = parts((await renderMap(checkSource("models/cieloweb.flow", readFileSync("models/cieloweb.flow", "utf8")))).svg);
    const { svg } = await renderMap(hostile);
    expect(XMLValidator.validate(svg)).toBe(true);
    const p = parts(svg);
    expect([...p.elements].filter((e) => !seed.elements.has(e))).toEqual([]);
    expect([...p.attributes].filter((a) => !seed.attributes.has(a))).toEqual([]);
    expect(svg).not.toMatch(/<script|<foreignObject|<image|<a[\s>]|<iframe|<!ENTITY/i);
    expect([...p.attributes].filter((a) => /^on|href|src/i.test(a))).toEqual([]);
    for (const v of p.values) expect(v).not.toMatch(/url\((?!#arrow-[a-z-]+\))|javascript:|data:/);
    expect(svg).not.toMatch(rawHostile);
    const text = p.texts.join("\n");
    for (const shown of ["<script>alert(1)</script>", "</text></svg><script>alert(2)</script>", "[click me](javascript:alert(4))", "＝1+1"]) expect(text).toContain(shown);
    // Controls and bidi shown as escapes, not dropped: the drawn label reads `admin\u202E\u2066 // check`.
    expect(text).toContain("admin\\u202E\\u2066 // check \\u2069\\u2066if (x)\\u2069");
    expect(text).toContain("\\x1b[31mred\\x1b[0m");
    expect(text).toContain("bell\\x07 nul\\x00");
  });
});

describe("JSON and SARIF", () => {
  it("are valid JSON with controls, bidi and invisible characters as \\u escapes, and parse back to the exact text", () => {
    const json = formatJson(diagnosticsAll, hostileFiles);
    const sarif = formatSarif(diagnosticsAll, allRules(), sourcesAll, sarifOptions);
    for (const out of [json, sarif]) {
      expect(out).not.toMatch(rawHostile);
      expect(out).not.toMatch(/[\t\r]/);
      expect(out).toContain("\\u202e");
      expect(out).toContain("\\u001b");
    }
    const j = JSON.parse(json);
    expect(j.files).toEqual(hostileFiles);
    expect(j.diagnostics.map((d: { message: string; file: string }) => [d.file, d.message])).toEqual(diagnosticsAll.map((d) => [d.span.file, d.message]));
    const results = JSON.parse(sarif).runs[0].results;
    expect(results.map((r: { message: { text: string } }) => r.message.text)).toEqual(diagnosticsAll.map((d) => (d.help ? `${d.message}\nhelp: ${d.help}` : d.message)));
    expect(results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => decodeURIComponent(r.locations[0]!.physicalLocation.artifactLocation.uri))).toEqual(diagnosticsAll.map((d) => d.span.file));
  });
});

describe("GitHub annotations", () => {
  const unescape = (s: string) => s.replace(/%(25|0D|0A|3A|2C)/g, (_, c: string) => ({ "25": "%", "0D": "\r", "0A": "\n", "3A": ":", "2C": "," })[c]!);

  it("one command a finding; properties and message escaped per GitHub's rules, controls and bidi visible", () => {
    const lines = formatGithub(diagnosticsAll, hostileFiles.length).trimEnd().split("\n");
    expect(lines).toHaveLength(diagnosticsAll.length + 1);
    lines.slice(0, -1).forEach((line, i) => {
      const d = diagnosticsAll[i]!;
      expect(line).not.toMatch(rawHostile);
      expect(line).not.toMatch(/[\r\n]/);
      const m = /^::(error|warning|notice) file=([^,:]*),line=(\d+),col=(\d+),endLine=\d+,endColumn=\d+,title=([^,:]+)::(.*)$/.exec(line)!;
      expect(m).not.toBeNull();
      expect(unescape(m[2]!)).toBe(visible(d.span.file, "\r\n"));
      expect(m[6]!).not.toMatch(/%(?!25|0D|0A)/);
      expect(unescape(m[6]!)).toBe(visible(d.help ? `${d.message}\nhelp: ${d.help}` : d.message, "\r\n"));
    });
    expect(lines[0]).toContain("file=mod\\x1b[31mels/x\\x1b[0m.flow");
  });
});

describe("terminal text", () => {
  const text = formatText(diagnosticsAll, sourcesAll, hostileFiles.length, { color: false, limit: Infinity });

  it("shows controls and bidi visibly in messages, file names and code frames; nothing raw reaches the terminal", () => {
    expect(text).not.toMatch(rawHostile);
    expect(text).not.toMatch(/[\t\r\u001b]/);
    expect(text).toContain("mod\\x1b[31mels/x\\x1b[0m.flow:");
    expect(text).toContain("a\\u202Eb.wolf.flow:");
    expect(text).toContain("line\\nbreak.flow:");
    expect(text).toContain('unspecified ("admin\\u202E\\u2066 // check \\u2069\\u2066if (x)\\u2069'); // a message
    expect(text).toMatch(/\| system s\d+ "admin\\u202E\\u2066 \/\/ check/); // a code frame
    // One header line per finding: a line break in a file name cannot start a fake one.
    expect(text.split("\n").filter((l) => /^\S.*:\d+:\d+: (error|warning|info) /.test(l))).toHaveLength(diagnosticsAll.length);
  });

  it("carets sit under the span of the escaped line", () => {
    const shown = (s: string) => [...s].map((c) => (c === "\t" ? "    " : visible(c))).join("");
    let checked = 0;
    const all = frames(text);
    expect(all).toHaveLength(diagnosticsAll.length);
    all.forEach((f, i) => {
      const d = diagnosticsAll[i]!;
      const line = sourcesAll.get(d.span.file)!.lineText(d.span.line);
      const [at, carets] = [[...f.caret].indexOf("^"), [...f.caret].length - [...f.caret].indexOf("^")];
      const span = shown(line.slice(d.span.column - 1, d.span.endColumn - 1));
      if (codePoints(span) > 100) return; // cut to the window: checked in the long-line tests
      expect([...f.code].slice(at, at + carets).join("")).toBe(span);
      if (line.length <= 200) expect([...f.code].slice(0, at).join("")).toBe(shown(line.slice(0, d.span.column - 1)));
      checked++;
    });
    expect(checked).toBeGreaterThan(100);
  });
});
