/** The vendor catalogue's entry format (notes/catalogue-schema.md), as a zod schema: one JSON file
 *  per service in catalogue/<id>.json. The schema says what each field may hold; `entryProblems`
 *  checks what a schema cannot say alone (known country codes, real dates, well-formed https URLs,
 *  DPF only on a US-established entity, evidence for every fact that is not null).
 *  zod/mini, as the vocabularies: the CLI must start close to bare `node`. */
import * as z from "zod/mini";
import { countryNames } from "../legal/countries.js";
import { entryKinds, isHttpsUrl, isRealDate, typicalRoles } from "./entry-vocabulary.js";

export { EntryKind, TypicalRole, entryKeys, entryKinds, isHttpsUrl, isRealDate, typicalRoles } from "./entry-vocabulary.js";

const sccModules = ["c2c", "c2p", "p2p", "p2c"] as const;

/** Built on first use: a check that reads no entry does not pay for the schema at start-up. */
function buildSchema() {
  // One instance of each shape, shared: building a schema costs more than parsing one entry.
  const nonEmpty = z.string().check(z.minLength(1));
  const day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
  const position = z.int().check(z.minimum(0));
  const text = () => nonEmpty;
  const date = () => day;
  const index = () => position;
  const Party = z.strictObject({ name: z.nullable(text()), country: z.nullable(z.string()) });
  const quoted = z.optional(z.strictObject({ source: index(), quote: text() }));
  const evidence = () => quoted;
  return z.strictObject({
    id: z.string().check(z.regex(/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/)),
    name: text(),
    aliases: z.array(text()),
    kind: z.enum(entryKinds),
    /** The legal entity an EEA customer contracts with, and where it is established. */
    entity: z.nullable(Party),
    /** The group parent, where different from `entity`. */
    parent: z.nullable(Party),
    locations: z.nullable(
      z.strictObject({
        /** Where data is processed by default: ISO codes, or ["global"] for a worldwide edge network. */
        default: z.nullable(z.array(z.string()).check(z.minLength(1))),
        // A region whose countries the sources do not state has none listed.
        regions: z.nullable(z.array(z.strictObject({ id: text(), countries: z.array(z.string()), note: z.nullable(z.string()) }))),
      }),
    ),
    dpf: z.nullable(z.strictObject({ certified: z.nullable(z.boolean()), entity: text(), checked: date(), source: index() })),
    dpa: z.nullable(z.strictObject({ name: z.nullable(text()), url: z.nullable(z.string()), scc: z.nullable(z.array(z.enum(sccModules))) })),
    role: z.nullable(z.strictObject({ typical: z.nullable(z.enum(typicalRoles)), when: z.nullable(z.string()) })),
    subprocessors: z.nullable(z.string()),
    sources: z.array(z.strictObject({ url: z.string(), title: text(), seen: date(), published: z.nullable(date()) })).check(z.minLength(1)),
    evidence: z.strictObject({ entity: evidence(), locations: evidence(), dpf: evidence(), dpa: evidence(), role: evidence() }),
    asOf: date(),
    notes: z.nullable(z.string()),
  });
}

let schema: ReturnType<typeof buildSchema> | undefined;

/** The entry format as a zod schema. */
export function entrySchema(): ReturnType<typeof buildSchema> {
  return (schema ??= buildSchema());
}

export type CatalogueEntry = z.infer<ReturnType<typeof buildSchema>>;

/** What the schema cannot say: each problem as a sentence naming the field. */
export function entryProblems(e: CatalogueEntry): string[] {
  const out: string[] = [];
  const country = (at: string, code: string | null | undefined, allowGlobal = false) => {
    if (code === null || code === undefined) return;
    if (allowGlobal && code === "global") return;
    if (!countryNames[code]) out.push(`${at}: \`${code}\` is not an ISO 3166-1 alpha-2 code`);
  };
  const url = (at: string, u: string | null | undefined) => {
    if (u !== null && u !== undefined && !isHttpsUrl(u)) out.push(`${at}: \`${u}\` is not a well-formed https URL`);
  };
  const day = (at: string, d: string | null | undefined) => {
    if (d !== null && d !== undefined && !isRealDate(d)) out.push(`${at}: \`${d}\` is not a real date (YYYY-MM-DD)`);
  };
  const source = (at: string, i: number) => {
    if (i >= e.sources.length) out.push(`${at}: source ${i} does not exist (${e.sources.length} sources)`);
  };
  country("entity.country", e.entity?.country);
  country("parent.country", e.parent?.country);
  e.locations?.default?.forEach((c, i) => country(`locations.default[${i}]`, c, true));
  if (e.locations?.default && e.locations.default.includes("global") && e.locations.default.length > 1) out.push("locations.default: `global` stands alone");
  e.locations?.regions?.forEach((r, i) => r.countries.forEach((c, j) => country(`locations.regions[${i}].countries[${j}]`, c)));
  url("dpa.url", e.dpa?.url);
  url("subprocessors", e.subprocessors);
  e.sources.forEach((s, i) => {
    url(`sources[${i}].url`, s.url);
    day(`sources[${i}].seen`, s.seen);
    day(`sources[${i}].published`, s.published);
  });
  day("asOf", e.asOf);
  if (e.dpf) {
    day("dpf.checked", e.dpf.checked);
    source("dpf.source", e.dpf.source);
    // The DPF certifies US organisations: the named entity is the contracting entity or its parent,
    // and established in the US.
    const holder = [e.entity, e.parent].find((p) => p?.name === e.dpf!.entity);
    if (!holder) out.push(`dpf.entity: \`${e.dpf.entity}\` is neither the entity nor the parent`);
    else if (holder.country !== "US") out.push(`dpf: \`${e.dpf.entity}\` is not established in the US (country ${holder.country ?? "unknown"}); the DPF certifies US organisations only`);
  }
  if (e.role?.typical === "either" && !e.role.when) out.push("role.when: a role of `either` says when each applies");
  if (e.role && e.role.typical === null && e.role.when) out.push("role.when: given for an unknown role");
  // Every fact that is not null rests on a quote from a source.
  const facts = { entity: e.entity, locations: e.locations, dpf: e.dpf, dpa: e.dpa, role: e.role?.typical ?? null } as const;
  for (const [key, value] of Object.entries(facts)) {
    const ev = e.evidence[key as keyof typeof facts];
    if (value !== null && !ev) out.push(`evidence.${key}: missing for a fact that is not null`);
    if (ev) {
      source(`evidence.${key}.source`, ev.source);
      if (ev.quote.length > 200) out.push(`evidence.${key}.quote: longer than 200 characters`);
    }
  }
  const oldest = e.sources.map((s) => s.seen).sort()[0];
  if (oldest && e.asOf > oldest) out.push(`asOf: ${e.asOf} is later than the oldest source seen (${oldest})`);
  return out;
}
