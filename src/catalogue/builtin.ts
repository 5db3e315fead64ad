/** The built-in catalogue: catalogue/<id>.json in the package, each entry read and validated on
 *  first use, and only when needed: a model reads the entries it names (`from <id>`), `flowmap
 *  vendors` reads them all, and a check that uses no entry never touches the directory. (Reading
 *  and validating all 50-odd entries costs tens of milliseconds cold; one costs about one.) It is
 *  package data, like the legal tables, not user input. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { entrySchema, entryProblems, type CatalogueEntry } from "./schema.js";

/** One entry file: the entry when it matches the format, else what is wrong with it. */
export type EntryFile = { entry: CatalogueEntry; problems?: undefined } | { entry?: undefined; problems: string[] };

export interface Catalogue {
  /** Where the entries are read from. */
  dir: string;
  /** The entry file of `id`, or undefined when there is none. */
  file(id: string): EntryFile | undefined;
  /** Every id (file name), without reading the entries. */
  ids(): string[];
  /** Every entry: the valid ones, and the broken ones with their problems, in id order. */
  all(): { entries: ReadonlyMap<string, CatalogueEntry>; broken: ReadonlyMap<string, string[]> };
}

/** The package's catalogue/ directory: beside the nearest package.json above this module (the
 *  bundle is dist/flowmap.mjs, the sources src/catalogue/*.ts; both sit in flowmap's package). */
export function catalogueDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  let dir = here;
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, "package.json"))) return join(dir, "catalogue");
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return join(here, "..", "catalogue");
}

/** Reads and validates one entry file; never throws. */
function readEntry(dir: string, id: string): EntryFile | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, `${id}.json`), "utf8");
  } catch {
    return undefined;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { problems: [`not valid JSON (${(e as Error).message})`] };
  }
  const parsed = entrySchema().safeParse(raw);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.code.replace(/_/g, " ")}${"expected" in i ? ` (expected ${String(i.expected)})` : ""}`) };
  }
  const problems = entryProblems(parsed.data);
  if (parsed.data.id !== id) problems.unshift(`id: \`${parsed.data.id}\` differs from the file name \`${id}.json\``);
  return problems.length ? { problems } : { entry: parsed.data };
}

/** The catalogue in `dir`, each entry read once, when first asked for. */
export function readCatalogue(dir: string): Catalogue {
  const files = new Map<string, EntryFile | undefined>();
  let ids: string[] | undefined;
  const catalogue: Catalogue = {
    dir,
    file(id) {
      // Ids are snake_case words: nothing else names a file (no `../`, no other extension).
      if (!/^[a-z][a-z0-9_]*$/.test(id)) return undefined;
      if (!files.has(id)) files.set(id, readEntry(dir, id));
      return files.get(id);
    },
    ids() {
      if (!ids) {
        try {
          ids = readdirSync(dir).filter((n) => n.endsWith(".json")).map((n) => n.slice(0, -".json".length)).sort();
        } catch {
          ids = []; // no catalogue shipped (a trimmed install): every `from` is an unknown entry
        }
      }
      return ids;
    },
    all() {
      const entries = new Map<string, CatalogueEntry>();
      const broken = new Map<string, string[]>();
      for (const id of catalogue.ids()) {
        const f = catalogue.file(id);
        if (f?.entry) entries.set(id, f.entry);
        else broken.set(id, f?.problems ?? ["not readable"]);
      }
      return { entries, broken };
    },
  };
  return catalogue;
}

let builtin: Catalogue | undefined;

/** The package's catalogue; nothing is read until an entry is asked for. */
export function builtinCatalogue(): Catalogue {
  return (builtin ??= readCatalogue(catalogueDir()));
}
