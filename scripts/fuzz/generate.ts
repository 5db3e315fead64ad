/** The campaign's inputs: `generateInput(seed, index)` draws one input from its own random stream
 *  (so any input can be regenerated alone), of one of the classes in inputs.ts. */
import { allRules } from "../../src/check/registry.js";
import "../../src/check/index.js";
import { countryNames } from "../../src/legal/countries.js";
import {
  Basis, Certification, Condition, ConsentForm, DataKind, Derogation, Encryption, MechanismKind, OperatorRole,
  OrganizationRole, RetentionWord, SccModule, SystemKind, unitDays,
} from "../../src/model/vocabulary.js";
import { declarationKeywords, keywordWords, namesPropertyKeywords, stringsPropertyKeywords } from "../../src/syntax/tokens.js";
import { classNames, classWeights, seeds, type ClassName, type FileContent, type FuzzInput } from "./inputs.js";
import { Rng } from "./random.js";

export { useSeeds } from "./inputs.js";

// ---- vocabulary ---------------------------------------------------------------------------------

const countries = Object.keys(countryNames).sort();
const ruleIds = allRules().map((r) => r.id).sort();
const vocabulary = [
  ...Basis.options, ...Condition.options, ...ConsentForm.options, ...DataKind.options, ...SystemKind.options,
  ...OperatorRole.options, ...OrganizationRole.options, ...Certification.options, ...MechanismKind.options,
  ...SccModule.options, ...Derogation.options, ...Encryption.options, ...RetentionWord.options, ...Object.keys(unitDays),
  "gdpr", "self", "eu", "anywhere", "global", "account_deleted", "wishful", "contrct", "proccessor",
];
const names = ["email", "browser", "app", "acme", "orders", "US", "NL", "UK", "global", "self", "c2p", "dpf", "a", "_x", "x1", "é", "data", "flow", "for"];
const punctuation = ["{", "}", "->", ",", "+", "-", ">", '"', "/", "/*", "*/", "//", "\\", "*", "=", ";", ":", "(", ")", "<-", "--"];
const strings = ['"text"', '""', '"a \\" b"', '"unterminated', '"😀"', '"line\\n"', '"tab\\t"', '"\\\\"', '"\\q"', '"\u202e"', '"=1+1"', '"<b>x</b>"', '"a\\\u2028b"', '"2024-05-24"'];
const numbers = ["0", "13", "1.5", "007", "3.", "99999999999999999999", "1e5", ".5", "0.0", "12.34.56"];
const separators = [" ", " ", " ", "\n", "\n", "\r\n", "\r", "\t", "  ", "\u00a0", "\ufeff", "", "\f", "\v", "\u2028"];
const comments = [
  "// c", "/* c */", "/* multi\nline */", "/**/", "//", "/* unterminated", "/* a /* b */", "// ", "//\u202e x",
  "// flowmap-ignore unused-data: ok", "// flowmap-ignore storage-without-security", "// flowmap-ignore nonsense-rule: x", "// flowmap-ignore",
];

function ignoreComment(r: Rng): string {
  const rule = r.chance(0.9) ? r.pick(ruleIds) : r.pick(["nope", "unused_data", ""]);
  return r.chance(0.8) ? `// flowmap-ignore ${rule}: ${r.pick(["reason", "ticket PRIV-42", "ok"])}` : `// flowmap-ignore ${rule}`;
}

function token(r: Rng): string {
  return r.weighted<() => string>([
    [() => r.pick(keywordWords), 5],
    [() => r.pick(punctuation), 3],
    [() => r.pick(r.chance(0.5) ? names : vocabulary), 3],
    [() => r.pick(strings), 2],
    [() => r.pick(numbers), 1],
    [() => (r.chance(0.3) ? ignoreComment(r) : r.pick(comments)), 1],
    [() => r.pick(countries), 1],
    [() => printable(r, r.int(4)), 1],
  ])();
}

function soup(r: Rng, tokens: number, seps: readonly string[] = separators): string {
  return r.join(tokens, () => token(r) + r.pick(seps));
}

// ---- character-level generators ---------------------------------------------------------------

const printableExtra = ["é", "ß", "中", "😀", "\u00a0", "Ω", "\u0301", "\ufffd", "ﬁ", "Å"];

function printable(r: Rng, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) {
    const k = r.float();
    s += k < 0.88 ? String.fromCharCode(0x20 + r.int(95)) : k < 0.95 ? r.pick(["\n", "\n", "\t", "\r\n"]) : r.pick(printableExtra);
  }
  return s;
}

/** Code units a text can hold but a UTF-8 file cannot (lone surrogates), and the characters
 *  outputs must neutralise: controls, bidi controls, invisible format characters, line separators. */
const hostileUnits = [
  "\ud800", "\udbff", "\udc00", "\udfff", "\ud83d\ude00", "\ud83d", "\ude00", "\udb40\udc41",
  "\u0000", "\u0001", "\u0007", "\u0008", "\u000b", "\u000c", "\u001b", "\u001b[31m", "\u007f", "\u0085", "\u009b",
  "\u061c", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
  "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\ufffe", "\uffff", "\u2028", "\u2029",
  "\r", "\n", "\r\n", "\u00a0", "\u3000", '"', "\\", "{", "}", "//", "/*", "*/", "->", ",",
];

function utf16Soup(r: Rng, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) {
    const k = r.float();
    if (k < 0.45) s += r.pick(hostileUnits);
    else if (k < 0.6) s += String.fromCharCode(r.int(0x10000));
    else if (k < 0.85) s += `${r.pick(keywordWords)} `;
    else s += r.pick(names);
  }
  return s;
}

const utf8 = new TextEncoder();

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Byte sequences that are not UTF-8 (or are, just): overlongs, surrogates, out of range, cut. */
const badSequences = [
  [0x80], [0xbf], [0xc0, 0x80], [0xc1, 0xbf], [0xc2], [0xe0, 0x80, 0x80], [0xe0, 0xa0], [0xed, 0xa0, 0x80],
  [0xed, 0xbf, 0xbf], [0xf0, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80], [0xfe], [0xff],
  [0xe9], [0xfc], [0xa0], [0x00], [0xef, 0xbb, 0xbf], [0xc3, 0xa9], [0xf0, 0x9f, 0x98, 0x80],
];

function utf16Bytes(text: string, le: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2 + (bom ? 2 : 0));
  let at = 0;
  if (bom) {
    out[at++] = le ? 0xff : 0xfe;
    out[at++] = le ? 0xfe : 0xff;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[at++] = le ? c & 0xff : c >> 8;
    out[at++] = le ? c >> 8 : c & 0xff;
  }
  return out;
}

function randomBytes(r: Rng): { variant: string; bytes: Uint8Array } {
  const n = r.logRange(0, 3000);
  const variant = r.weighted([["uniform", 2], ["text with bad bytes", 5], ["utf-16", 2], ["valid utf-8", 2], ["bom", 1]] as const);
  switch (variant) {
    case "uniform":
      return { variant, bytes: Uint8Array.from({ length: n }, () => r.int(256)) };
    case "utf-16": {
      const text = r.chance(0.5) ? soup(r, r.logRange(1, 60)) : "model \"x\" {}\n";
      return { variant, bytes: utf16Bytes(text, r.chance(0.5), r.chance(0.5)) };
    }
    case "valid utf-8": {
      let s = "";
      while (s.length < n) {
        const cp = r.chance(0.7) ? r.int(0x80) : r.chance(0.7) ? 0x80 + r.int(0xd800 - 0x80) : 0xe000 + r.int(0x110000 - 0xe000);
        s += String.fromCodePoint(cp);
      }
      return { variant, bytes: utf8.encode(s) };
    }
    case "bom":
      return { variant, bytes: concatBytes([Uint8Array.of(0xef, 0xbb, 0xbf), utf8.encode(r.chance(0.5) ? soup(r, r.logRange(1, 60)) : coherentModel(r))]) };
    default: {
      const text = r.chance(0.5) ? soup(r, r.logRange(1, 80)) : coherentModel(r);
      const base = utf8.encode(text);
      const parts: Uint8Array[] = [];
      let at = 0;
      const cuts = [...Array(r.range(1, 4))].map(() => r.int(base.length + 1)).sort((a, b) => a - b);
      for (const cut of cuts) {
        parts.push(base.subarray(at, cut), Uint8Array.from(r.pick(badSequences)));
        at = cut;
      }
      parts.push(base.subarray(at));
      return { variant, bytes: concatBytes(parts) };
    }
  }
}

// ---- declarations -------------------------------------------------------------------------------

/** A roughly well-formed declaration: the right shape, any keywords and values. */
function roughDeclaration(r: Rng): string {
  if (r.chance(0.2)) {
    const props = r.join(r.int(5), () => r.pick(["data email", "for orders", "mechanism scc c2p", "mechanism derogation a", "occasional", "mechanism adequacy", "encrypted e2e", `mechanism ${r.pick(vocabulary)} "x"`, `consent ${r.pick(ConsentForm.options)} "ok"`]), "\n  ");
    return `flow ${r.pick(names)} -> ${r.pick(names)}${r.chance(0.5) ? ` ${r.pick(strings)}` : ""} {\n  ${props}\n}\n`;
  }
  if (r.chance(0.05)) return `import ${r.pick(['"x.flow"', '"../x.flow"', '"x"', '""', "x.flow", '"/etc/x.flow"'])}\n`;
  const kw = r.pick(declarationKeywords);
  const name = kw === "model" ? "" : ` ${r.pick([...names, ...vocabulary])}`;
  const title = r.chance(0.6) ? ` ${r.pick(strings)}` : "";
  const value = () => r.weighted<() => string>([[() => r.pick([...names, ...vocabulary]), 5], [() => r.pick(countries), 2], [() => r.pick(strings), 2], [() => r.pick(numbers), 1]])();
  const props = r.join(r.int(6), () => {
    const k = r.pick(keywordWords);
    return `  ${k} ${r.join(r.int(4), value, r.pick([", ", ",", " ", ",\n    "]))}`;
  }, "\n");
  return `${kw}${name}${title} {\n${props}\n}\n`;
}

/** A model that means something: declarations that refer to each other (now and then to a name
 *  nobody declares), vocabulary from the checker's own tables, random layout and comments. Most of
 *  these parse and check completely, so the register, fmt and the map see them. */
function coherentModel(r: Rng): string {
  const n = { subjects: r.range(1, 3), data: r.range(1, 5), purposes: r.range(1, 4), systems: r.range(1, 5), flows: r.range(0, 6) };
  const ref = (prefix: string, count: number) => (r.chance(0.04) ? `ghost${r.int(2)}` : `${prefix}${r.int(count)}`);
  const list = (f: () => string, max: number) => [...new Set([...Array(r.range(1, max))].map(f))].join(r.pick([", ", ", ", ",\n    ", " ,", ","]));
  const q = () => r.pick(['"policy words"', '"As needed."', '"="', '"\\"quoted\\""', '"Ümlaut 😀"', '"tab\\there"']);
  const maybe = (p: number, s: () => string) => (r.chance(p) ? s() : "");
  const decl = (head: string, props: string[]) => {
    const body = props.filter(Boolean);
    if (!body.length) return head + r.pick(["", "", " {}", " {\n}"]);
    const sep = r.pick(["\n  ", "\n  ", "\n  ", "  ", " "]);
    return `${head} {${r.pick([" ", "\n  "])}${body.join(sep)}${r.pick([" }", "\n}"])}`;
  };
  const retention = () => r.pick(["30 days", "13 months", "1 year", "2 weeks", "until account_deleted + 30 days", "until contract_end", "indefinite", "session", "memory", "unspecified", `unspecified ${q()}`, "6 fortnights", "0 days"]);
  const out: string[] = [];
  if (r.chance(0.7)) out.push(decl(`model "Fuzz ${r.int(100)}"`, ["regime gdpr", maybe(0.5, () => '  updated "2026-01-01"'.trim()), maybe(0.2, () => `source ${q()}`)]));
  if (r.chance(0.85)) {
    const country = r.chance(0.9) ? r.pick(["NL", "DE", "FR", "US", "IN", "CH", "GB", "TR", "RU", "HU", "AE"]) : r.pick(["XX", "nl", "EU", "eu"]);
    out.push(decl('organization o "O"', [
      `role ${r.chance(0.9) ? r.pick(OrganizationRole.options) : "overlord"}`, `country ${country}`,
      maybe(0.6, () => 'contact "privacy@o.example"'), maybe(0.3, () => 'dpo "dpo@o.example"'), maybe(0.2, () => 'representative "EU Rep"'),
      maybe(0.1, () => 'joint_controller "Partner"'), maybe(0.1, () => 'address "1 Road"'),
    ]));
  }
  for (let i = 0; i < n.subjects; i++) out.push(decl(`subject s${i} "Subject ${i}"`, []));
  for (let i = 0; i < n.data; i++) out.push(decl(`data d${i} "Data ${i}"`, [`kind ${r.chance(0.95) ? r.pick(DataKind.options) : "gossip"}`]));
  for (let i = 0; i < n.purposes; i++) {
    out.push(decl(`purpose p${i} "Purpose ${i}"`, [
      maybe(0.85, () => `basis ${r.chance(0.93) ? r.pick(Basis.options) : "wishful"}${r.chance(0.2) ? ` ${q()}` : ""}`),
      maybe(0.15, () => `condition ${r.pick(Condition.options)}`),
      maybe(0.15, () => `consent ${r.pick(ConsentForm.options)} ${q()}`),
      maybe(0.1, () => `law ${r.pick(["US", "eu", "NL", "CN"])} ${q()}`),
      maybe(0.8, () => `subjects ${list(() => ref("s", n.subjects), 2)}`),
      maybe(0.85, () => `data ${list(() => ref("d", n.data), 3)}`),
      maybe(0.7, () => `retention ${retention()}`),
    ]));
  }
  for (let i = 0; i < n.systems; i++) {
    const operator = r.pick(["", "operator self", `operator "Vendor ${i}" as ${r.pick(OperatorRole.options)}`, `operator "Sub" as subprocessor of ${ref("x", n.systems)}`, 'operator "Ads Co." as controller']);
    out.push(decl(`system x${i} "System ${i}"`, [
      `kind ${r.chance(0.95) ? r.pick(SystemKind.options) : "toaster"}`, operator,
      maybe(0.7, () => `located ${r.chance(0.85) ? list(() => r.pick(["NL", "DE", "US", "IN", "CH", "JP", "BR", "KR"]), 2) : r.pick(["anywhere", "global", "unspecified", "ZZ"])}`),
      maybe(0.5, () => `stores ${list(() => ref("d", n.data), 2)}${r.chance(0.7) ? ` for ${list(() => ref("p", n.purposes), 2)}` : ""}${r.chance(0.4) ? ` retention ${retention()}` : ""}`),
      maybe(0.3, () => 'security "tls", "access control"'), maybe(0.3, () => 'contract "DPA"'),
      maybe(0.2, () => `certified ${r.pick(Certification.options)}`), maybe(0.1, () => `encrypted ${r.pick(Encryption.options)}`),
      maybe(0.05, () => `description ${q()}`),
    ]));
  }
  for (let i = 0; i < n.flows; i++) {
    const mechanism = r.pick(["adequacy", "dpf", `scc ${r.pick(SccModule.options)}`, "scc", "bcr", "none", `derogation ${r.pick(Derogation.options)} ${q()}`, 'international_agreement "MLAT"', "code_of_conduct", "teleport"]);
    out.push(decl(`flow ${ref("x", n.systems)} -> ${ref("x", n.systems)}${r.chance(0.3) ? ` "Flow ${i}"` : ""}`, [
      maybe(0.8, () => `data ${list(() => ref("d", n.data), 2)}`), maybe(0.8, () => `for ${list(() => ref("p", n.purposes), 2)}`),
      maybe(0.6, () => `mechanism ${mechanism}`), maybe(0.1, () => "occasional"), maybe(0.1, () => `encrypted ${r.pick(Encryption.options)}`),
      maybe(0.05, () => `consent ${r.pick(ConsentForm.options)} ${q()}`),
    ]));
  }
  r.chance(0.5) && shuffleSome(r, out);
  return out.map((d) => withComments(r, d) + r.pick(["\n", "\n", "\n\n", " ", "\r\n"])).join("");
}

/** Moves a few declarations (order never matters to the checker, but it does to fmt and the map). */
function shuffleSome(r: Rng, xs: string[]): void {
  for (let k = r.int(3); k > 0 && xs.length > 1; k--) {
    const i = r.int(xs.length);
    const j = r.int(xs.length);
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
}

/** Comments at line ends and on lines of their own, now and then. */
function withComments(r: Rng, decl: string): string {
  if (!r.chance(0.3)) return decl;
  const lines = decl.split("\n");
  const out: string[] = [];
  for (const line of lines) {
    if (r.chance(0.15)) out.push(r.chance(0.5) ? ignoreComment(r) : r.pick(["// a note", "/* block */", "/* two\n   lines */"]));
    out.push(r.chance(0.15) ? `${line} ${r.chance(0.5) ? "// trailing" : "/* inline */"}` : line);
  }
  return out.join("\n");
}

// ---- seeds and their mutations --------------------------------------------------------------------

/** A seed: the five bundled models half the time, else any. */
function pickSeed(r: Rng): { name: string; text: string } {
  const all = seeds();
  const models = all.filter((s) => s.name.startsWith("models/"));
  return r.chance(0.5) && models.length ? r.pick(models) : r.pick(all);
}

function mutate(r: Rng, text: string): { text: string; ops: string[] } {
  const ops: string[] = [];
  for (let k = r.range(1, 5); k > 0; k--) {
    const lines = text.split("\n");
    const line = () => r.int(lines.length);
    const at = () => r.int(text.length + 1);
    const op = r.weighted([["delete-lines", 3], ["duplicate-lines", 2], ["swap-lines", 2], ["flip-char", 4], ["delete-range", 2], ["duplicate-range", 1], ["insert-token", 3], ["truncate", 1], ["rename", 2], ["line-ends", 0.5], ["comment", 1]] as const);
    ops.push(op);
    switch (op) {
      case "delete-lines": {
        const i = line();
        lines.splice(i, r.range(1, 3));
        text = lines.join("\n");
        break;
      }
      case "duplicate-lines": {
        const i = line();
        lines.splice(line(), 0, ...lines.slice(i, i + r.range(1, 4)));
        text = lines.join("\n");
        break;
      }
      case "swap-lines": {
        const i = line();
        const j = line();
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        text = lines.join("\n");
        break;
      }
      case "flip-char": {
        const i = r.int(Math.max(1, text.length));
        const c = r.chance(0.5) ? r.pick(['"', "{", "}", "\\", "/", "*", ",", "-", ">", "\n", " ", "\r", "0", "_"]) : r.chance(0.5) ? String.fromCharCode(0x20 + r.int(95)) : r.pick(hostileUnits);
        text = text.slice(0, i) + c + text.slice(i + 1);
        break;
      }
      case "delete-range": {
        const i = at();
        text = text.slice(0, i) + text.slice(i + r.logRange(1, 400));
        break;
      }
      case "duplicate-range": {
        const i = at();
        text = text.slice(0, at()) + text.slice(i, i + r.logRange(1, 400)) + text.slice(at());
        break;
      }
      case "insert-token": {
        const i = at();
        text = text.slice(0, i) + (r.chance(0.7) ? token(r) : soup(r, r.range(1, 8))) + r.pick([" ", "", "\n"]) + text.slice(i);
        break;
      }
      case "truncate":
        text = text.slice(0, at());
        break;
      case "rename": {
        const words = text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
        if (!words.length) break;
        const from = r.pick(words);
        const to = r.pick([...names, ...vocabulary, `${from}_2`, from.toUpperCase()]);
        text = text.replace(new RegExp(`\\b${from}\\b`, r.chance(0.5) ? "g" : ""), to);
        break;
      }
      case "line-ends":
        text = text.replace(/\n/g, r.pick(["\r\n", "\r"]));
        break;
      case "comment": {
        const i = line();
        lines.splice(i, 0, r.chance(0.5) ? ignoreComment(r) : r.pick(comments));
        text = lines.join("\n");
        break;
      }
    }
  }
  return { text, ops };
}

// ---- long lines and huge names --------------------------------------------------------------------

/** A seed on one line: line comments dropped, line breaks made spaces. */
function oneLine(text: string): string {
  return text.split(/\r\n|\r|\n/).map((l) => l.replace(/(^|\s)\/\/.*$/, "")).join(" ");
}

function repeatTo(piece: string, length: number): string {
  return piece.repeat(Math.max(1, Math.ceil(length / Math.max(1, piece.length)))).slice(0, length);
}

function longLine(r: Rng): { variant: string; text: string } {
  const n = r.logRange(8 * 1024, 300 * 1024);
  const variant = r.weighted([["junk", 2], ["token soup", 2], ["joined seed", 3], ["string", 1], ["comment", 1], ["list", 1], ["declarations", 1], ["braces", 0.5]] as const);
  const ending = r.pick(["", "\n", "\r\n"]);
  switch (variant) {
    case "junk": {
      const chars = "abcdefghij{}[]()=,.;:@#$%^&*!~<>?| 0123456789-+";
      let s = "";
      while (s.length < n) s += chars[r.int(chars.length)];
      return { variant, text: s + ending };
    }
    case "token soup": {
      let s = "";
      while (s.length < n) s += `${oneLine(soup(r, 200, [" ", " ", "\t", ""]))} `;
      return { variant, text: s.slice(0, n) + ending };
    }
    case "joined seed":
      return { variant, text: `${repeatTo(`${oneLine(pickSeed(r).text)} `, n)}${ending}` };
    case "string":
      return { variant, text: `subject s ${r.chance(0.8) ? '"' : ""}${repeatTo("a \\\" é ", n)}${r.chance(0.7) ? '"' : ""}${ending}` };
    case "comment":
      return { variant, text: `${r.pick(["//", "/*"])}${repeatTo("comment text ", n)}${r.chance(0.5) ? "*/" : ""}\nsubject s${ending}` };
    case "list": {
      const items = Array.from({ length: Math.ceil(n / 8) }, (_, i) => `d${i}`);
      return { variant, text: `organization o "O" { role controller country NL } subject s purpose p { basis contract subjects s data ${items.join(", ")} } ${items.slice(0, 50).map((d) => `data ${d} { kind contact }`).join(" ")}${ending}` };
    }
    case "declarations":
      return { variant, text: `organization o "O" { role controller country NL } ${repeatTo("subject s \"S\" ", n).replace(/subject s /g, () => `subject s${r.int(1e6)} `)}${ending}` };
    default:
      return { variant, text: repeatTo(r.pick(["{", "}", "{}", "->", '"', "/*", "+"]), n) + ending };
  }
}

function hugeNames(r: Rng): { variant: string; text: string } {
  const huge = (c = r.pick(["x", "a", "Z", "_", "é"])) => (c === "é" ? `n${"é".repeat(99_999)}` : c.repeat(100_000));
  const variant = r.weighted([["declaration name", 2], ["reference", 2], ["renamed seed", 3], ["value", 1], ["number", 1], ["title", 1], ["keyword", 1], ["import", 0.5], ["several", 1]] as const);
  const name = huge();
  switch (variant) {
    case "declaration name":
      return { variant, text: `organization o "O" { role controller country NL }\n${r.pick(["subject", "data", "purpose", "system"])} ${name} "T" { kind server }\nflow ${name} -> ${name} { data ${name} }\n` };
    case "reference":
      return { variant, text: `${coherentModel(r)}\nflow x0 -> ${name} { data d0, ${name}  for ${name} }\n` };
    case "renamed seed": {
      const seed = pickSeed(r).text;
      const words = [...new Set(seed.match(/\b[a-z][a-z0-9_]{2,}\b/g) ?? [])].filter((w) => !keywordWords.includes(w));
      const from = words.length ? r.pick(words) : "x";
      return { variant, text: seed.replace(new RegExp(`\\b${from}\\b`, "g"), name) };
    }
    case "value":
      return { variant, text: r.pick([`organization o "O" { role ${name} country ${name} }\n`, `system s { kind ${name} located ${name} certified ${name} }\n`, `flow s -> s { mechanism ${name} ${name} }\n`, `purpose p { basis ${name} retention 3 ${name} }\n`]) };
    case "number":
      return { variant, text: `purpose p { retention ${"9".repeat(100_000)} days }\nsystem s { stores d retention ${"1".repeat(50_000)}.${"5".repeat(50_000)} months }\n` };
    case "title":
      return { variant, text: `organization o "${name}" { role controller country NL contact "${name}" }\nsubject s "${name}"\n` };
    case "keyword":
      return { variant, text: `${r.pick(keywordWords)}${name} s { ${r.pick([...namesPropertyKeywords, ...stringsPropertyKeywords])}${name} x }\n` };
    case "import":
      return { variant, text: `import "${name}.flow"\nimport "${"../".repeat(30_000)}x.flow"\nsubject s\n` };
    default:
      return { variant, text: `organization ${huge("o")} "O" { role controller country NL }\nsubject ${huge("s")}\ndata ${huge("d")} { kind contact }\npurpose p { basis contract subjects ${huge("s")} data ${huge("d")} }\n` };
  }
}

// ---- multi-file -----------------------------------------------------------------------------------

/** Cuts `text` before top-level declarations (lines that start with a declaration keyword). */
function declarationChunks(text: string): string[] {
  const starts = [0];
  const re = /\n(?=(?:model|organization|subject|data|purpose|system|flow|import)\b)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + 1);
  starts.push(text.length);
  const chunks: string[] = [];
  for (let i = 0; i + 1 < starts.length; i++) chunks.push(text.slice(starts[i], starts[i + 1]));
  return chunks;
}

/** The path from `from`'s directory to `to` (both workspace-relative, with `/`). */
function relativeImport(r: Rng, from: string, to: string): string {
  const a = from.split("/").slice(0, -1);
  const b = to.split("/");
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  const path = [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
  return path.startsWith("..") || r.chance(0.7) ? path : `./${path}`;
}

function multiFile(r: Rng): { variant: string; files: Record<string, FileContent>; entries: string[]; aliases?: Record<string, string> } {
  const dirs = ["", "", "models/", "shared/", "shared/vendors/", "lib/a/b/"];
  const variant = r.weighted([["split seed", 4], ["import graph", 4], ["broken imports", 3]] as const);
  if (variant === "split seed") {
    const seed = pickSeed(r);
    const chunks = declarationChunks(seed.text);
    const parts = Math.min(chunks.length, r.range(2, 7));
    const cut = [...new Set([...Array(parts - 1)].map(() => 1 + r.int(Math.max(1, chunks.length - 1))))].sort((a, b) => a - b);
    const bounds = [0, ...cut, chunks.length];
    const pieces = bounds.slice(1).map((end, k) => chunks.slice(bounds[k], end).join(""));
    const root = pieces.findIndex((p) => /^organization /m.test(p));
    const rootPath = `${r.pick(dirs)}main.flow`;
    const files: Record<string, FileContent> = {};
    const body = pieces.map((piece, k) => {
      if (k === root || (root < 0 && k === 0)) return piece;
      const path = `${r.pick(dirs)}part${k}.flow`;
      files[path] = piece;
      return `import "${relativeImport(r, rootPath, path)}"\n`;
    });
    files[rootPath] = body.join("");
    const entries = r.chance(0.5) ? [rootPath] : Object.keys(files).sort();
    return { variant, files: maybeMutateOne(r, files), entries };
  }
  const count = r.range(2, 6);
  const paths = [...new Set([...Array(count)].map((_, i) => `${r.pick(dirs)}f${i}.flow`))];
  const files: Record<string, FileContent> = {};
  const aliases: Record<string, string> = {};
  for (const [i, p] of paths.entries()) {
    const imports = [...Array(r.int(4))].map(() => {
      const target = r.pick(paths);
      return `import "${r.chance(0.9) ? relativeImport(r, p, target) : target}"`;
    });
    if (variant === "broken imports" && r.chance(0.6)) {
      imports.push(`import ${r.pick([
        '"missing.flow"', '"../../outside.flow"', '"/abs/x.flow"', '"C:\\\\x.flow"', '"notflow.txt"', '""', '"dir.flow"', '"shared"',
        `"${p.split("/").pop()}"`, '"LINK.flow"', '"./f0.flow"', '"f0.flow"', '"bad.flow"', '"utf16.flow"', '"model.flow"', '"syntax.flow"',
      ])}`);
    }
    const content = i === 0 || r.chance(0.2) ? coherentModel(r) : roughLibrary(r);
    files[p] = `${imports.join("\n")}\n${content}`;
  }
  if (variant === "broken imports") {
    files["dir.flow/inner.flow"] = "subject inner\n";
    files["bad.flow"] = Uint8Array.from([0x73, 0x75, 0x62, 0x6a, 0x65, 0x63, 0x74, 0x20, 0xe9, 0x0a]);
    files["utf16.flow"] = utf16Bytes("subject s\n", true, r.chance(0.5));
    files["model.flow"] = 'organization m "M" { role controller country NL }\n';
    files["syntax.flow"] = "subject { \n data d { kind }\n";
    if (r.chance(0.5)) files["bom.flow"] = concatBytes([Uint8Array.of(0xef, 0xbb, 0xbf), utf8.encode("subject bom\n")]);
    aliases["LINK.flow"] = paths[0]!;
  }
  const entries = r.chance(0.5) ? [paths[0]!] : Object.keys(files).filter((p) => !p.startsWith("dir.flow/") || r.chance(0.5)).sort();
  return { variant, files: maybeMutateOne(r, files), entries, ...(Object.keys(aliases).length ? { aliases } : {}) };
}

/** A library: declarations without an organization. */
function roughLibrary(r: Rng): string {
  return r.chance(0.5)
    ? coherentModel(r).replace(/^(organization|model)\b[^\n]*(\n(?![a-z])[^\n]*)*\n?/gm, "")
    : r.join(r.range(1, 4), () => roughDeclaration(r), "\n");
}

function maybeMutateOne(r: Rng, files: Record<string, FileContent>): Record<string, FileContent> {
  if (!r.chance(0.3)) return files;
  const texts = Object.keys(files).filter((p) => typeof files[p] === "string");
  if (!texts.length) return files;
  const p = r.pick(texts);
  return { ...files, [p]: mutate(r, files[p] as string).text };
}

// ---- the campaign's draw --------------------------------------------------------------------------

/** A text input, fed either as text (the `checkSource` API) or as its UTF-8 bytes (the CLI reads
 *  bytes and decodes them), half and half, so both paths see the same shapes. */
function single(r: Rng, cls: ClassName, variant: string, text: string, asBytes = r.chance(0.5)): FuzzInput {
  const path = r.pick(["input.flow", "models/input.flow", "a b/ü.flow"]);
  return { class: cls, variant: asBytes ? `${variant} (bytes)` : variant, files: { [path]: asBytes ? utf8.encode(text) : text }, entries: [path] };
}

export function generateInput(seed: number, index: number, only?: readonly ClassName[]): FuzzInput {
  const r = new Rng(seed, index);
  const weights = (only?.length ? only : classNames).map((c) => [c, classWeights[c]] as const);
  const cls = r.weighted(weights);
  switch (cls) {
    case "bytes": {
      const { variant, bytes } = randomBytes(r);
      return { class: cls, variant, files: { "input.flow": bytes }, entries: ["input.flow"] };
    }
    case "printable":
      return single(r, cls, "printable", printable(r, r.logRange(0, 2000)));
    case "utf16":
      return single(r, cls, "code units", utf16Soup(r, r.logRange(1, 400)), false);
    case "tokens":
      return single(r, cls, "soup", soup(r, r.logRange(1, 300)));
    case "declarations": {
      const rough = r.chance(0.4);
      const text = rough ? r.join(r.range(1, 8), () => (r.chance(0.8) ? roughDeclaration(r) : soup(r, r.range(1, 20))), "\n") : coherentModel(r);
      return single(r, cls, rough ? "rough" : "model", text);
    }
    case "mutations": {
      const seedFile = pickSeed(r);
      const { text, ops } = mutate(r, seedFile.text);
      return single(r, cls, `${seedFile.name}: ${ops.join(", ")}`, text);
    }
    case "long-lines": {
      const { variant, text } = longLine(r);
      return single(r, cls, variant, text);
    }
    case "huge-names": {
      const { variant, text } = hugeNames(r);
      return single(r, cls, variant, text);
    }
    case "multi-file": {
      const m = multiFile(r);
      return { class: cls, variant: m.variant, files: m.files, entries: m.entries, ...(m.aliases ? { aliases: m.aliases } : {}) };
    }
  }
}
