/** Vendor entries in the model: `system ga "Google Analytics" from google_analytics { located IE }`
 *  takes the entry's facts (kind, operator, establishment, typical role, default locations, DPF
 *  certification, DPA), and what the block states overrides them. Entries come from the team's own
 *  `vendor` declarations in the model's scope (its files and imports), which override a built-in
 *  entry of the same id, and from flowmap's catalogue (catalogue/<id>.json).
 *
 *  A fact the entry leaves unknown (null) stays unknown: the rules treat it as the model's to state.
 *  Every fact taken is recorded (`System.catalogue`), with the entry's date, and its span is the
 *  entry id's, so a finding that rests on it points at `from <id>`. */
import type { Span } from "../diagnostics.js";
import type * as Ast from "../syntax/ast.js";
import type { Catalogue } from "../catalogue/builtin.js";
import { EntryKind, TypicalRole, isHttpsUrl, isRealDate } from "../catalogue/entry-vocabulary.js";
import type { CatalogueEntry } from "../catalogue/schema.js";
import { nearestId } from "../catalogue/lookup.js";
import { suggest } from "../util/suggest.js";
import type { CatalogueUse, Place, System } from "./model.js";
import { Certification } from "./vocabulary.js";
import { DeclarationReader, kindNoun } from "./reader.js";

/** An entry as a model sees it: what it says, and where it is declared. */
export interface ScopedEntry {
  /** Undefined for a team entry that does not read (its errors say why). */
  entry?: CatalogueEntry;
  /** "catalogue", or the file declaring the team's `vendor` entry. */
  origin: string;
  /** Where the team's entry is declared (its name). */
  span?: Span;
}

/** A team's own `vendor` entry that reads, as `flowmap vendors` lists it beside the catalogue's. */
export interface TeamEntry {
  entry: CatalogueEntry;
  span: Span;
}

export const builtinOrigin = "catalogue";

/** What `from` gives each property of a system: the property names, as `spans` keys. */
const factProperties = ["kind", "operator", "located", "certified", "contract"] as const;

export abstract class CatalogueReader extends DeclarationReader {
  /** The team's `vendor` entries in scope, by id. */
  protected teamEntries = new Map<string, ScopedEntry>();
  /** Entry-id spans whose facts did not read (an unknown id, a broken team entry): findings that
   *  point there are that mistake's consequence (see check/cascade.ts). */
  protected unreadEntries: Span[] = [];

  constructor(private readonly catalogue: () => Catalogue) {
    super();
  }

  // ---- the team's entries -------------------------------------------------

  /** `vendor <id> "Name" { kind ...  operator "Entity" in CC  located ...  as_of "YYYY-MM-DD"  source "https://..." }`. */
  protected readVendor(d: Ast.Declaration): void {
    if (!d.name?.text) return;
    const id = d.name.text;
    const spans: Record<string, Span> = {};
    let ok = true;
    const fail = (code: string, span: Span, message: string, help: string) => {
      this.report(code, span, message, help);
      ok = false;
    };
    const kind = this.single(d, "kind", EntryKind, spans);
    if (!spans.kind) fail("missing-property", d.name.span, `vendor entry \`${id}\` has no \`kind\``, `add \`kind <kind>\`: ${EntryKind.options.join(", ")}`);
    else if (!kind.value) ok = false;
    const party = (key: "operator" | "parent"): CatalogueEntry["entity"] => {
      const p = this.props(d, key)[0];
      if (p?.type !== "operator") return null;
      if (p.self || !p.vendor) {
        fail("invalid-value", p.self?.span ?? p.keyword.span, `a vendor entry's \`${key}\` is the legal entity's quoted name`, `write e.g. \`${key} "Paynord AB" in SE\``);
        return null;
      }
      if (p.role) fail("invalid-property", p.role.span, `a vendor entry states its typical role on its own line, not with \`as\``, `write \`role ${p.role.text}\``);
      const country = p.in ? this.place(p.in) : undefined;
      if (p.in && !country) ok = false;
      return { name: p.vendor.value, country: country && country.code.length === 2 ? country.code : null };
    };
    const entity = party("operator");
    const parent = party("parent");
    const located = this.names(d, "located");
    let locations: CatalogueEntry["locations"] = null;
    if (located.span) {
      const codes = located.names.map((n) => this.place(n)?.code);
      if (codes.some((c) => c === undefined)) ok = false;
      // A vendor entry's places are its countries or `global`: "outside the EEA, not named" says no default.
      else if (!codes.includes("unspecified") && !codes.includes("abroad")) locations = { default: [...new Set(codes.map((c) => (c === "anywhere" ? "global" : c!)))], regions: null };
    }
    const asOfText = this.string(d, "as_of", spans);
    let asOf = "";
    if (asOfText === undefined) fail("missing-property", d.name.span, `vendor entry \`${id}\` has no \`as_of\` date`, 'add `as_of "YYYY-MM-DD"`: the day its facts were checked');
    else if (!isRealDate(asOfText)) fail("invalid-value", spans.as_of!, `\`as_of\` should be a date (YYYY-MM-DD), not "${asOfText}"`, 'write e.g. as_of "2026-11-01"');
    else asOf = asOfText;
    const sources = this.strings(d, "source");
    if (!sources.span) fail("missing-property", d.name.span, `vendor entry \`${id}\` names no \`source\``, 'add `source "https://..."`: the pages its facts rest on');
    const url = (value: string, span: Span, what: string) => {
      if (isHttpsUrl(value)) return true;
      fail("invalid-value", span, `${what} should be an https URL, not "${value}"`, 'write e.g. "https://vendor.example/dpa"');
      return false;
    };
    for (const s of sources.values) url(s, sources.span!, "a source");
    let dpf: CatalogueEntry["dpf"] = null;
    const certified = this.names(d, "certified");
    for (const n of certified.names) {
      const c = this.enumValue(n, Certification, "certification");
      if (!c) ok = false;
      if (c !== "dpf") continue;
      // The DPF certifies US organisations: the entity itself or its US parent.
      const holder = [entity, parent].find((p) => p?.country === "US" && p.name);
      if (!holder) fail("invalid-value", n.span, `the Data Privacy Framework certifies only organisations established in the US, and neither the operator nor a parent of \`${id}\` is stated \`in US\``, 'state the certified US entity: `operator "Vendor Inc." in US` or `parent "Vendor Inc." in US`');
      else dpf = { certified: true, entity: holder.name!, checked: asOf, source: 0 };
    }
    const contract = this.strings(d, "contract");
    let dpa: CatalogueEntry["dpa"] = null;
    if (contract.span) {
      const [name, link, ...extra] = contract.values;
      if (extra.length) fail("invalid-value", contract.span, "a vendor entry's `contract` is the DPA's name and, optionally, its URL", 'write `contract "Paynord DPA 2024", "https://paynord.example/dpa"`');
      const linkOk = link === undefined || url(link, contract.span, "the DPA's URL");
      dpa = { name: name ?? null, url: linkOk ? (link ?? null) : null, scc: null };
    }
    const role = this.single(d, "role", TypicalRole, spans);
    if (spans.role && !role.value) ok = false;
    const subprocessors = this.string(d, "subprocessors", spans);
    if (subprocessors !== undefined) url(subprocessors, spans.subprocessors!, "the sub-processor list");
    const entry: CatalogueEntry = {
      id,
      name: d.title?.value ?? id,
      aliases: this.strings(d, "aliases").values,
      kind: kind.value ?? "saas",
      entity,
      parent,
      locations,
      dpf,
      dpa,
      role: role.value ? { typical: role.value, when: role.note ?? null } : null,
      subprocessors: subprocessors && isHttpsUrl(subprocessors) ? subprocessors : null,
      sources: sources.values.map((u) => ({ url: u, title: u, seen: asOf, published: null })),
      evidence: {},
      asOf,
      notes: this.string(d, "description", spans) ?? null,
    };
    this.teamEntries.set(id, { entry: ok ? entry : undefined, origin: d.span.file, span: d.name.span });
  }

  /** The team's entries in scope that read, in declaration order. */
  protected readTeamEntries(): TeamEntry[] {
    return [...this.teamEntries.values()].flatMap((e) => (e.entry && e.span ? [{ entry: e.entry, span: e.span }] : []));
  }

  // ---- `from <id>` on a system ----------------------------------------------

  /** The entry `from <id>` names: the team's, else flowmap's; an unknown id is an error on the id. */
  private entryFor(id: Ast.Name): ScopedEntry | undefined {
    const team = this.teamEntries.get(id.text);
    if (team) return team;
    const catalogue = this.catalogue();
    const file = catalogue.file(id.text);
    if (file?.entry) return { entry: file.entry, origin: builtinOrigin };
    if (file?.problems) {
      this.report("invalid-value", id.span, `catalogue entry \`${id.text}\` does not match the catalogue's format, so its facts are not taken: ${file.problems.join("; ")}`, "state the facts in the system's block, or report the broken entry");
      return undefined;
    }
    // The nearest id by spelling (ids alone: no entry is read); failing that, an entry whose name
    // or alias the id spells (`GA4`), which reads them all: an error's path, not a check's.
    const ids = [...new Set([...catalogue.ids(), ...[...this.teamEntries.keys()]])];
    let near = suggest(id.text, ids);
    if (near === undefined) {
      const all = new Map<string, CatalogueEntry>(catalogue.all().entries);
      for (const [k, v] of this.teamEntries) if (v.entry) all.set(k, v.entry);
      near = nearestId(id.text, all);
    }
    this.report("unknown-name", id.span, `unknown vendor entry \`${id.text}\`${near ? ` (did you mean \`${near}\`?)` : ""}`,
      "`flowmap vendors <query>` lists the catalogue's entries; declare the team's own with `vendor <id> \"Name\" { ... }` in a library the model imports");
    return undefined;
  }

  /** Fills what `d`'s block left unstated from the entry `from` names, and records where each
   *  fact came from. A property written in the block wins over the entry's fact. */
  protected takeFacts(system: System | undefined, d: Ast.Declaration): void {
    const id = d.entry;
    // `unstated contract, certified "the policy names neither"`: facts of the entry the model does
    // not take, because the policy it models does not state them (the checker still reports them).
    const unstated = system ? this.names(d, "unstated") : { names: [], span: undefined };
    const withheld = new Set<string>();
    for (const n of unstated.names) {
      const fact = this.enumValue(n, { options: factProperties }, "vendor entry fact");
      if (fact) withheld.add(fact);
    }
    if (unstated.span && system) system.spans.unstated = unstated.span;
    if (unstated.span && !id?.text) {
      this.report("invalid-property", unstated.span, "`unstated` names facts of a vendor entry the system does not take, but the system takes none (no `from <id>`)", "remove the `unstated` line, or add `from <id>` after the system's title");
    }
    if (!id?.text) return;
    if (!system || d.kind !== "system") {
      this.report("invalid-property", id.span, `\`from\` takes a vendor entry's facts for a system, not for ${d.kind === "vendor" ? "another vendor entry" : kindNoun[d.kind]}`, "remove `from <id>`");
      return;
    }
    const scoped = this.entryFor(id);
    const spans = system.spans;
    const entry = scoped?.entry;
    if (!entry) {
      // The facts did not read: the properties the block leaves unstated are unread (not missing),
      // so the rules stay quiet about them; the one error is on the id.
      for (const key of factProperties) spans[key] ??= id.span;
      this.unreadEntries.push(id.span);
      return;
    }
    const facts: string[] = [];
    const unknown: string[] = [];
    const place = (code: string): Place => ({ code, span: id.span });
    if (!spans.kind && !withheld.has("kind")) {
      system.kind = entry.kind;
      system.clientSide = false;
      spans.kind = id.span;
      facts.push("kind");
    }
    const role = entry.role?.typical === "processor" || entry.role?.typical === "controller" ? entry.role.typical : undefined;
    if (!spans.operator && !withheld.has("operator")) {
      if (entry.entity?.name) {
        system.operator = { self: false, vendor: entry.entity.name };
        if (entry.entity.country) system.operator.established = place(entry.entity.country);
        if (role) system.operator.role = role;
        spans.operator = id.span;
        facts.push("operator");
      } else unknown.push("operator");
    } else if (system.operator && !system.operator.self && system.operator.vendor === entry.entity?.name && !system.operator.established && entry.entity?.country) {
      // `operator "Google Ireland Limited" as controller`: the same entity, its role stated; where
      // it is established is still the entry's fact.
      system.operator.established = place(entry.entity.country);
      facts.push("operator.established");
    }
    if (!spans.located && !withheld.has("located")) {
      if (entry.locations?.default) {
        system.locations = entry.locations.default.map(place);
        spans.located = id.span;
        facts.push("located");
      } else unknown.push("located");
    }
    // `certified dpf` is the operator's own certification: taken only when the entry's DPF holder is
    // the contracting entity (established in the US). A certified US parent of an EEA entity covers
    // that entity's onward transfers under its DPA, not the organization's transfer to it.
    const holder = [entry.entity, entry.parent].find((p) => p?.name === entry.dpf?.entity && p?.country === "US");
    const dpfOfOperator = entry.dpf?.certified === true && !!holder && system.operator?.vendor === holder.name;
    if (!spans.certified && !withheld.has("certified")) {
      if (dpfOfOperator) {
        system.certified = ["dpf"];
        spans.certified = id.span;
        facts.push("certified");
      } else if (entry.dpf?.certified !== true) unknown.push("certified");
    }
    if (system.contract === undefined && !withheld.has("contract")) {
      const name = entry.dpa?.name;
      const url = entry.dpa?.url;
      if (name || url) {
        system.contract = name && url ? `${name} (${url})` : (name ?? url)!;
        spans.contract = id.span;
        facts.push("contract");
      } else unknown.push("contract");
    }
    const use: CatalogueUse = {
      entry: entry.id,
      name: entry.name,
      origin: scoped!.origin,
      asOf: entry.asOf,
      span: id.span,
      facts,
      unknown,
    };
    if (entry.role?.typical) use.role = entry.role.typical;
    if (entry.role?.when) use.roleWhen = entry.role.when;
    if (entry.dpf) use.dpf = { entity: entry.dpf.entity, certified: entry.dpf.certified, checked: entry.dpf.checked };
    system.catalogue = use;
  }
}
