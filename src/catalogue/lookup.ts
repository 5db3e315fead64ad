/** Finding entries: by id (what a model writes), and by a query over ids, names and aliases (what
 *  `flowmap vendors <query>` does). */
import type { CatalogueEntry } from "./schema.js";
import { suggest } from "../util/suggest.js";

/** Lower case, letters and digits only: `Google Analytics 4`, `google-analytics-4` and `GA4` compare as words. */
function fold(s: string): string {
  return s.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "");
}

/** How well `entry` matches `query`: 0 exact (id, name or alias), 1 prefix, 2 contained, or undefined. */
function rank(entry: CatalogueEntry, query: string): number | undefined {
  const q = fold(query);
  if (!q) return 2;
  let best: number | undefined;
  for (const word of [entry.id, entry.name, ...entry.aliases].map(fold)) {
    const r = word === q ? 0 : word.startsWith(q) ? 1 : word.includes(q) ? 2 : undefined;
    if (r !== undefined && (best === undefined || r < best)) best = r;
  }
  return best;
}

/** The entries matching `query` (all for an empty one), best matches first, then by id. */
export function searchEntries(entries: Iterable<CatalogueEntry>, query = ""): CatalogueEntry[] {
  const found: Array<{ entry: CatalogueEntry; rank: number }> = [];
  for (const entry of entries) {
    const r = rank(entry, query);
    if (r !== undefined) found.push({ entry, rank: r });
  }
  found.sort((a, b) => a.rank - b.rank || (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0));
  return found.map((f) => f.entry);
}

/** The id nearest to a misspelt `id`, by edit distance over ids, or failing that the id of an
 *  entry whose name or alias is `id` (`google-analytics`, `GA4`). */
export function nearestId(id: string, entries: ReadonlyMap<string, CatalogueEntry>): string | undefined {
  const near = suggest(id, entries.keys());
  if (near !== undefined) return near;
  const q = fold(id);
  for (const e of entries.values()) if ([e.name, ...e.aliases].some((w) => fold(w) === q)) return e.id;
  return undefined;
}
