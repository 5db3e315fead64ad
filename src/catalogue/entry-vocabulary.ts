/** The catalogue entry format's vocabularies and value tests, without the zod schema: the model
 *  builder and the language server read these on every run, and the schema (src/catalogue/schema.ts)
 *  loads only where an entry is checked in full. */

/** The language's system kinds a vendor's service can be (not the user's devices, not an authority). */
export const entryKinds = ["server", "database", "logs", "storage", "saas", "cdn", "analytics", "advertising", "email", "payment", "authentication", "messaging"] as const;
export const typicalRoles = ["processor", "controller", "either"] as const;
/** The vocabularies as the model builder reads them (`{ options }`, like the zod enums). */
export const EntryKind = { options: entryKinds };
export const TypicalRole = { options: typicalRoles };

/** The keys of an entry file, in the order the format fixes. */
export const entryKeys = ["id", "name", "aliases", "kind", "entity", "parent", "locations", "dpf", "dpa", "role", "subprocessors", "sources", "evidence", "asOf", "notes"] as const;

/** Whether `s` is a calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Whether `s` is a well-formed https URL with a host. */
export function isHttpsUrl(s: string): boolean {
  if (/\s/.test(s)) return false;
  try {
    const u = new URL(s);
    return u.protocol === "https:" && u.hostname.includes(".") && u.href.length > 0;
  } catch {
    return false;
  }
}
