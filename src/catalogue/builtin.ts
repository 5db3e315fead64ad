/** The built-in catalogue: catalogue/<id>.json in the package, read and validated once, and only
 *  when needed (a model writes `from <id>`, or `flowmap vendors` runs): a check that uses no entry
 *  never touches it. It is package data, like the legal tables, not user input. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { EntrySchema, entryProblems, type CatalogueEntry } from "./schema.js";

export interface Catalogue {
  /** Valid entries by id, in id order. */
  entries: ReadonlyMap<string, CatalogueEntry>;
  /** Entries whose file does not match the format, by id (file name), with what is wrong. */
  broken: ReadonlyMap<string, string[]>;
  /** Where the entries were read from. */
  dir: string;
}

/** The package's catalogue/ directory: beside the nearest package.json above this module (the
 *  bundle is dist/flowmap.mjs, the sources src/catalogue/*.ts; both sit in flowmap's package). */
export function catalogueDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, "package.json"))) return join(dir, "catalogue");
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return join(dirname(fileURLToPath(import.meta.url)), "..", "catalogue");
}

/** Reads and validates every entry in `dir`. An entry that does not read or validate is `broken`,
 *  never thrown: a model that uses it gets an error naming the problem. */
export function readCatalogue(dir: string): Catalogue {
  const entries = new Map<string, CatalogueEntry>();
  const broken = new Map<string, string[]>();
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".json")).sort();
  } catch {
    // No catalogue shipped (a trimmed install): every `from` is an unknown entry.
  }
  for (const name of names) {
    const id = name.slice(0, -".json".length);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(dir, name), "utf8"));
    } catch (e) {
      broken.set(id, [`not valid JSON (${(e as Error).message})`]);
      continue;
    }
    const parsed = EntrySchema.safeParse(raw);
    if (!parsed.success) {
      broken.set(id, parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.code.replace(/_/g, " ")}${"expected" in i ? ` (expected ${String(i.expected)})` : ""}`));
      continue;
    }
    const problems = entryProblems(parsed.data);
    if (parsed.data.id !== id) problems.unshift(`id: \`${parsed.data.id}\` differs from the file name \`${name}\``);
    if (problems.length) broken.set(id, problems);
    else entries.set(id, parsed.data);
  }
  return { entries, broken, dir };
}

let builtin: Catalogue | undefined;

/** The package's catalogue, read on first use. */
export function builtinCatalogue(): Catalogue {
  return (builtin ??= readCatalogue(catalogueDir()));
}
