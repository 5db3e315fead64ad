/** The built-in catalogue: catalogue/<id>.json in the package, each entry read and validated on
 *  first use, and only when needed: a model reads the entries it names (`from <id>`), `flowmap
 *  vendors` reads them all, and a check that uses no entry never touches the directory. (Reading
 *  and validating all 50-odd entries costs tens of milliseconds cold; one costs about one.) It is
 *  package data, like the legal tables, not user input. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CatalogueEntry } from "./schema.js";
import { entryFromText, type EntryFile } from "./entry-file.js";

export type { EntryFile } from "./entry-file.js";

/** Set by scripts/bundle.mjs: the fingerprints of the shipped entries it checked (see entry-file.ts).
 *  Undefined when run from the sources, which check every entry. */
declare const FLOWMAP_CATALOGUE_VERIFIED: Record<string, string> | undefined;
const verified = typeof FLOWMAP_CATALOGUE_VERIFIED === "object" ? FLOWMAP_CATALOGUE_VERIFIED : undefined;

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

/** Reads and validates one entry file (only parses it when the bundle checked this very text, and
 *  it is the package's own catalogue); never throws. */
function readEntry(dir: string, id: string, shipped: boolean): EntryFile | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, `${id}.json`), "utf8");
  } catch {
    return undefined;
  }
  return entryFromText(id, text, shipped ? verified : undefined);
}

/** The catalogue in `dir`, each entry read once, when first asked for. */
export function readCatalogue(dir: string): Catalogue {
  const shippedDir = verified ? catalogueDir() : undefined;
  const files = new Map<string, EntryFile | undefined>();
  let ids: string[] | undefined;
  const catalogue: Catalogue = {
    dir,
    file(id) {
      // Ids are snake_case words: nothing else names a file (no `../`, no other extension).
      if (!/^[a-z][a-z0-9_]*$/.test(id)) return undefined;
      if (!files.has(id)) files.set(id, readEntry(dir, id, dir === shippedDir));
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
