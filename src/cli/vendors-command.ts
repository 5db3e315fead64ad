/** `flowmap vendors [query]`: the catalogue's entries (id, name and aliases matched), as a table or
 *  JSON; `flowmap vendors <id>` shows one entry with its facts, sources and date. */
import { UsageError, type ParsedArgs } from "./args.js";
import { builtinCatalogue } from "../catalogue/builtin.js";
import { nearestId, searchEntries } from "../catalogue/lookup.js";
import type { CatalogueEntry } from "../catalogue/schema.js";
import { countryName } from "../legal/countries.js";
import { didYouMean } from "../util/suggest.js";
import { jsonEscapeHostile, visible } from "../util/visible.js";

const unknown = "unknown";

function party(p: CatalogueEntry["entity"]): string {
  if (!p) return unknown;
  const where = p.country ? `established in ${countryName(p.country)} (${p.country})` : "establishment unknown";
  return `${p.name ?? "name unknown"}, ${where}`;
}

function places(codes: readonly string[] | null | undefined): string {
  return codes ? codes.join(", ") : unknown;
}

/** One line per fact: what `from <id>` gives a system, or unknown. */
export function entryFacts(e: CatalogueEntry): Array<[string, string]> {
  const regions = e.locations?.regions;
  const dpf = e.dpf
    ? `${e.dpf.certified === true ? "certified" : e.dpf.certified === false ? "not certified" : "certification unknown"}: ${e.dpf.entity}, checked ${e.dpf.checked} [source ${e.dpf.source}]`
    : unknown;
  const dpa = e.dpa ? `${e.dpa.name ?? "name unknown"}${e.dpa.url ? ` <${e.dpa.url}>` : ""}; SCC modules ${e.dpa.scc ? e.dpa.scc.join(", ") || "none" : unknown}` : unknown;
  const role = e.role?.typical ? `${e.role.typical}${e.role.when ? `: ${e.role.when}` : ""}` : unknown;
  const rows: Array<[string, string]> = [
    ["kind", e.kind],
    ["aliases", e.aliases.join(", ") || "none"],
    ["entity", party(e.entity)],
    ["parent", e.parent ? party(e.parent) : "none stated"],
    ["located", `default ${places(e.locations?.default)}`],
    ["regions", regions === null || regions === undefined ? unknown : regions.length ? regions.map((r) => `${r.id} (${r.countries.join(", ")}${r.note ? `: ${r.note}` : ""})`).join("; ") : "none"],
    ["DPF", dpf],
    ["DPA", dpa],
    ["role", role],
    ["subprocessors", e.subprocessors ?? unknown],
    ["as of", e.asOf],
  ];
  if (e.notes) rows.push(["notes", e.notes]);
  return rows;
}

function showEntry(e: CatalogueEntry): string {
  const width = 14;
  const lines = [`${e.id}: ${e.name}`, ...entryFacts(e).map(([k, v]) => `  ${k.padEnd(width)}${v}`), "  sources"];
  e.sources.forEach((s, i) => lines.push(`    [${i}] ${s.title} <${s.url}> seen ${s.seen}${s.published ? `, published ${s.published}` : ""}`));
  const quoted = Object.entries(e.evidence);
  if (quoted.length) {
    lines.push("  evidence");
    for (const [fact, ev] of quoted) lines.push(`    ${fact} [source ${ev!.source}]: "${ev!.quote}"`);
  }
  lines.push("", `Use it: system <name> "${e.name}" from ${e.id} { ... }  (what the block states overrides the entry)`);
  return `${lines.map((l) => visible(l)).join("\n")}\n`;
}

function table(entries: CatalogueEntry[]): string {
  const rows = entries.map((e) => [
    e.id,
    e.name,
    e.kind,
    e.entity ? `${e.entity.name ?? "?"}${e.entity.country ? ` (${e.entity.country})` : ""}` : unknown,
    e.dpf ? (e.dpf.certified === true ? `yes (${e.dpf.entity})` : e.dpf.certified === false ? "no" : unknown) : unknown,
    e.asOf,
  ].map((c) => visible(c)));
  const head = ["id", "name", "kind", "entity", "DPF", "as of"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join("  ");
  return `${[line(head), ...rows.map(line)].join("\n")}\n`;
}

export function runVendors(args: ParsedArgs): number {
  const format = (args.flags.format as string | undefined) ?? "text";
  const formats = ["text", "json"];
  if (!formats.includes(format)) throw new UsageError(`unknown format \`${format}\`${didYouMean(format, formats)} (${formats.join(", ")})`);
  const catalogue = builtinCatalogue().all();
  for (const [id, problems] of catalogue.broken) process.stderr.write(`flowmap vendors: catalogue entry ${id} does not match the format and is left out: ${problems.join("; ")}\n`);
  const query = args.positionals.join(" ").trim();
  const one = catalogue.entries.get(query);
  if (one) {
    process.stdout.write(format === "json" ? `${jsonEscapeHostile(JSON.stringify(one, null, 2))}\n` : showEntry(one));
    return 0;
  }
  const found = searchEntries(catalogue.entries.values(), query);
  if (format === "json") {
    process.stdout.write(`${jsonEscapeHostile(JSON.stringify(found, null, 2))}\n`);
    return 0;
  }
  if (!found.length) {
    const near = nearestId(query, catalogue.entries);
    process.stdout.write(`no catalogue entry matches \`${visible(query)}\`${near ? ` (did you mean \`${near}\`?)` : ""}; \`flowmap vendors\` lists all ${catalogue.entries.size}\n`);
    return 1;
  }
  process.stdout.write(table(found));
  return 0;
}
