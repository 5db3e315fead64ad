/** What the campaign feeds the checker: an input is a set of files in a virtual workspace and the
 *  files given on the command line; a file is either text (read as it is, as the `checkSource` API
 *  reads a string) or bytes (decoded as the CLI decodes a file it reads: UTF-8 only, see
 *  src/syntax/decode.ts). Also the seed files, and inputs as reproducer files. Light: no part of
 *  the product is loaded here (generate.ts draws the inputs). */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export type FileContent = string | Uint8Array;

export interface FuzzInput {
  class: ClassName;
  /** What the generator made, in a few words (reports group by class, this says more). */
  variant: string;
  /** Paths relative to the workspace root (which is `/fuzz`). */
  files: Record<string, FileContent>;
  /** The files given to the checker, as on the command line. */
  entries: string[];
  /** Spellings that name another file (a link, a second letter case): path -> the file. */
  aliases?: Record<string, string>;
}

export const classNames = [
  "bytes", "printable", "utf16", "tokens", "declarations", "mutations", "long-lines", "huge-names", "multi-file",
] as const;
export type ClassName = (typeof classNames)[number];

/** How often each class is drawn. The long-line and huge-name inputs (8-300 KB) cost a hundred
 *  times a small one, so they are drawn rarely; `--class` runs one class alone. */
export const classWeights: Record<ClassName, number> = {
  bytes: 12, printable: 10, utf16: 10, tokens: 16, declarations: 18, mutations: 18, "long-lines": 0.5, "huge-names": 0.5, "multi-file": 8,
};

/** The repository (a bundled worker is told it: its own file lives elsewhere). */
export const repoRoot = process.env.FLOWMAP_FUZZ_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function flowFilesUnder(dir: string): string[] {
  let out: string[] = [];
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out = out.concat(flowFilesUnder(p));
    else if (e.isFile() && e.name.endsWith(".flow")) out.push(p);
  }
  return out;
}

let seedCache: { name: string; text: string }[] | undefined;

/** Seeds read before (a campaign's workers all draw from the files as the campaign found them,
 *  even if someone edits a fixture meanwhile). */
export function useSeeds(list: { name: string; text: string }[]): void {
  seedCache = list;
}

/** The seed models (models/), the examples, and the rule fixtures: real text to mutate. */
export function seeds(): { name: string; text: string }[] {
  if (!seedCache) {
    const files = [join(repoRoot, "models"), join(repoRoot, "examples"), join(repoRoot, "test", "fixtures", "rules")].flatMap(flowFilesUnder);
    seedCache = files.map((p) => ({ name: relative(repoRoot, p).split("\\").join("/"), text: readFileSync(p, "utf8") })).sort((a, b) => (a.name < b.name ? -1 : 1));
  }
  return seedCache;
}

/** Size of an input: UTF-16 units of its texts plus bytes of its byte files. */
export function inputSize(input: FuzzInput): number {
  let n = 0;
  for (const c of Object.values(input.files)) n += c.length;
  return n;
}

// ---- reproducer files --------------------------------------------------------------------------

/** JSON that keeps an input exactly: texts as JSON strings (lone surrogates escaped), bytes as base64. */
export function serializeInput(input: FuzzInput): string {
  const files = Object.fromEntries(Object.entries(input.files).map(([p, c]) => [p, typeof c === "string" ? { text: c } : { base64: Buffer.from(c).toString("base64") }]));
  return JSON.stringify({ ...input, files }, null, 1);
}

export function deserializeInput(json: string): FuzzInput {
  const raw = JSON.parse(json) as Omit<FuzzInput, "files"> & { files: Record<string, { text?: string; base64?: string }> };
  const files = Object.fromEntries(Object.entries(raw.files).map(([p, c]) => [p, c.base64 !== undefined ? new Uint8Array(Buffer.from(c.base64, "base64")) : c.text ?? ""]));
  return { ...raw, files };
}
