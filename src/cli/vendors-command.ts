/** `flowmap vendors [query]`: the catalogue's entries and the team's own `vendor` entries in its
 *  models (id, name and aliases matched), as a table or JSON; `flowmap vendors <id>` shows one entry
 *  with its facts, sources and date. A team entry overrides flowmap's of the same id, here as in
 *  `from <id>`. */
import { existsSync } from "node:fs";
import { UsageError, type ParsedArgs } from "./args.js";
import type { Config } from "./config.js";
import { collectFlowFiles } from "./files.js";
import { nodeHost } from "./node-host.js";
import { loadProject } from "../project/load.js";
import { scopeOf } from "../project/scope.js";
import { buildModel } from "../model/build.js";
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

/** Where an entry comes from: flowmap's catalogue, or the team's file and line. */
interface Listed { entry: CatalogueEntry; origin: string; overrides: boolean }

const originText = (l: Listed) => (l.origin === "catalogue" ? "catalogue" : `${l.origin}${l.overrides ? " (overrides the catalogue's)" : ""}`);

/** The team's `vendor` entries in the models at `path` (each once, by where it is declared), read
 *  by the same loader and model builder as `check` (the rules are not needed to list them); an entry
 *  that does not read is left out, its errors being `check`'s to report. */
function teamEntries(path: string, config: Config): Listed[] {
  const { files } = collectFlowFiles([path]);
  if (!files.length) return [];
  const project = loadProject(files, nodeHost({ maxFileBytes: config.maxFileBytes }));
  const seen = new Map<string, Listed>();
  for (const abs of project.entries) {
    for (const t of buildModel(scopeOf(project, abs).file, { library: true }).vendors) {
      const origin = `${t.span.file}:${t.span.line}`;
      if (!seen.has(origin)) seen.set(origin, { entry: t.entry, origin, overrides: false });
    }
  }
  return [...seen.values()];
}

function showEntry(l: Listed): string {
  const e = l.entry;
  const width = 14;
  const from = l.origin === "catalogue" ? "" : `  (the team's entry, ${originText(l)})`;
  const lines = [`${e.id}: ${e.name}${from}`, ...entryFacts(e).map(([k, v]) => `  ${k.padEnd(width)}${v}`), "  sources"];
  e.sources.forEach((s, i) => lines.push(`    [${i}] ${s.title} <${s.url}> seen ${s.seen}${s.published ? `, published ${s.published}` : ""}`));
  const quoted = Object.entries(e.evidence);
  if (quoted.length) {
    lines.push("  evidence");
    for (const [fact, ev] of quoted) lines.push(`    ${fact} [source ${ev!.source}]: "${ev!.quote}"`);
  }
  lines.push("", `Use it: system <name> "${e.name}" from ${e.id} { ... }  (what the block states overrides the entry)`);
  return `${lines.map((l) => visible(l)).join("\n")}\n`;
}

function table(listed: Listed[]): string {
  const rows = listed.map(({ entry: e, ...l }) => [
    e.id,
    e.name,
    e.kind,
    e.entity ? `${e.entity.name ?? "?"}${e.entity.country ? ` (${e.entity.country})` : ""}` : unknown,
    e.dpf ? (e.dpf.certified === true ? `yes (${e.dpf.entity})` : e.dpf.certified === false ? "no" : unknown) : unknown,
    e.asOf,
    originText({ entry: e, ...l }),
  ].map((c) => visible(c)));
  const head = ["id", "name", "kind", "entity", "DPF", "as of", "from"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join("  ");
  return `${[line(head), ...rows.map(line)].join("\n")}\n`;
}

export function runVendors(args: ParsedArgs, config: Config): number {
  const format = (args.flags.format as string | undefined) ?? "text";
  const formats = ["text", "json"];
  if (!formats.includes(format)) throw new UsageError(`unknown format \`${format}\`${didYouMean(format, formats)} (${formats.join(", ")})`);
  const models = args.flags.models as string | undefined;
  if (models !== undefined && !existsSync(models)) throw new UsageError(`--models: no such file or directory: ${models}`);
  const catalogue = builtinCatalogue().all();
  for (const [id, problems] of catalogue.broken) process.stderr.write(`flowmap vendors: catalogue entry ${id} does not match the format and is left out: ${problems.join("; ")}\n`);
  // The team's entries, where its models are (none is fine: a repo may use the catalogue alone).
  const path = models ?? config.models ?? "models";
  const team = existsSync(path) ? teamEntries(path, config) : [];
  const overridden = new Set(team.map((t) => t.entry.id));
  for (const t of team) t.overrides = catalogue.entries.has(t.entry.id);
  const listed: Listed[] = [...team, ...[...catalogue.entries.values()].filter((e) => !overridden.has(e.id)).map((entry) => ({ entry, origin: "catalogue", overrides: false }))];
  const json = (value: unknown) => process.stdout.write(`${jsonEscapeHostile(JSON.stringify(value, null, 2))}\n`);
  const asJson = (l: Listed) => ({ ...l.entry, origin: l.origin, ...(l.overrides && { overrides: "catalogue" }) });
  const query = args.positionals.join(" ").trim();
  const exact = listed.filter((l) => l.entry.id === query);
  if (exact.length) {
    if (format === "json") json(exact.length === 1 ? asJson(exact[0]!) : exact.map(asJson));
    else process.stdout.write(exact.map(showEntry).join("\n"));
    return 0;
  }
  const order = new Map(searchEntries(listed.map((l) => l.entry), query).map((e, i) => [e, i]));
  const found = listed.filter((l) => order.has(l.entry)).sort((a, b) => order.get(a.entry)! - order.get(b.entry)!);
  if (format === "json") {
    json(found.map(asJson));
    return 0;
  }
  if (!found.length) {
    const near = nearestId(query, new Map(listed.map((l) => [l.entry.id, l.entry])));
    process.stdout.write(`no vendor entry matches \`${visible(query)}\`${near ? ` (did you mean \`${near}\`?)` : ""}; \`flowmap vendors\` lists all ${listed.length}\n`);
    return 1;
  }
  process.stdout.write(table(found));
  return 0;
}
