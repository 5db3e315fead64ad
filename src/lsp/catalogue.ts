/** The vendor catalogue in the editor: completion of catalogue ids after `from` (a system's
 *  header, `system ga "GA" from google_analytics`) and a hover with the entry's facts, each with its
 *  date and the date the entry was checked. Read from src/catalogue (the package's catalogue/),
 *  lazily: a session that never asks for an id never reads it. */
import type { CompletionItem, CompletionItemKind } from "vscode-languageserver";
import { builtinCatalogue } from "../catalogue/builtin.js";
import type { CatalogueEntry } from "../catalogue/schema.js";
import { countryName } from "../legal/countries.js";
import { markdownCell as md } from "../register/markdown.js";

export interface Catalogue {
  /** Every catalogue id, with the vendor's name as the detail. */
  completions(): CompletionItem[];
  /** Markdown for a catalogue id (facts and their date), or undefined for an unknown id. */
  hover(id: string): string | undefined;
}

const party = (p: { name: string | null; country: string | null } | null) =>
  p ? `${p.name === null ? "unknown" : md(p.name)}${p.country ? ` (${md(countryName(p.country))}, ${md(p.country)})` : ""}` : "unknown";

export function entryHover(e: CatalogueEntry): string {
  const lines = [`**${md(e.id)}**: ${md(e.name)} (catalogue entry, as of ${e.asOf})`, ""];
  lines.push(`- kind: ${e.kind}`);
  lines.push(`- entity: ${party(e.entity)}`);
  if (e.parent) lines.push(`- parent: ${party(e.parent)}`);
  const where = e.locations?.default;
  lines.push(`- located by default: ${where ? where.map((c) => md(c)).join(", ") : "unknown"}`);
  if (e.dpf) lines.push(`- EU-US Data Privacy Framework: ${e.dpf.certified === null ? "unknown" : e.dpf.certified ? "certified" : "not certified"} (${md(e.dpf.entity)}, checked ${e.dpf.checked})`);
  if (e.dpa) lines.push(`- DPA: ${e.dpa.name === null ? "unnamed" : md(e.dpa.name)}${e.dpa.scc?.length ? `; SCC modules ${e.dpa.scc.join(", ")}` : ""}`);
  if (e.role?.typical) lines.push(`- typical role: ${e.role.typical}`);
  lines.push("", `${e.sources.length} source${e.sources.length === 1 ? "" : "s"}, last seen ${e.sources.map((s) => s.seen).sort().at(-1)}; \`flowmap vendors ${md(e.id)}\` shows them.`);
  return lines.join("\n");
}

/** The loader's two shapes: all entries read at once (`entries`), or each on first use (`all()`,
 *  `file(id)`); the catalogue module was being reworked from the one to the other as this was written. */
type Loaded = {
  entries?: ReadonlyMap<string, CatalogueEntry>;
  all?: () => { entries: ReadonlyMap<string, CatalogueEntry> };
  file?: (id: string) => { entry?: CatalogueEntry } | undefined;
};
const loaded = () => builtinCatalogue() as unknown as Loaded;

/** The package's catalogue, read on first use (a missing one offers nothing). */
export const builtinCatalogueForEditor: Catalogue = {
  completions() {
    const c = loaded();
    const entries = c.all ? c.all().entries : c.entries ?? new Map<string, CatalogueEntry>();
    return [...entries.values()].map((e) => ({ label: e.id, kind: 12 as CompletionItemKind, detail: e.name, filterText: `${e.id} ${e.aliases.join(" ")}` }));
  },
  hover(id) {
    const c = loaded();
    const e = c.file ? c.file(id)?.entry : c.entries?.get(id);
    return e ? entryHover(e) : undefined;
  },
};
