/** One catalogue entry file's text checked against the format, and the fingerprint that lets the
 *  bundle skip that check for a shipped file nobody has changed. `scripts/bundle.mjs` checks every
 *  shipped entry with `checkEntryText` and records the fingerprints of the valid ones; at run time a
 *  file whose text still has its recorded fingerprint is only parsed (zod checking an entry costs a
 *  cold `check` about 4% of its start-up), and any other text is checked in full. */
import "../validation/register.js";
import { schemas } from "../validation/lazy.js";
import type { CatalogueEntry } from "./schema.js";

/** One entry file: the entry when it matches the format, else what is wrong with it. */
export type EntryFile = { entry: CatalogueEntry; problems?: undefined } | { entry?: undefined; problems: string[] };

/** The text's length and 32-bit FNV-1a hash: it tells an unchanged file from an edited one. It is no
 *  security measure (the catalogue is package data, not user input), only a cache key. */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${text.length}:${h.toString(16)}`;
}

/** Checks an entry file's text in full; never throws. */
export function checkEntryText(id: string, text: string): EntryFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { problems: [`not valid JSON (${(e as Error).message})`] };
  }
  const { entrySchema, entryProblems } = schemas();
  const parsed = entrySchema().safeParse(raw);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.code.replace(/_/g, " ")}${"expected" in i ? ` (expected ${String(i.expected)})` : ""}`) };
  }
  const problems = entryProblems(parsed.data);
  if (parsed.data.id !== id) problems.unshift(`id: \`${parsed.data.id}\` differs from the file name \`${id}.json\``);
  return problems.length ? { problems } : { entry: parsed.data };
}

/** The entry in `text`: only parsed when the bundle checked this very text (`verified` holds its
 *  fingerprint under its id), else checked in full. */
export function entryFromText(id: string, text: string, verified: Readonly<Record<string, string>> | undefined): EntryFile {
  if (verified && Object.hasOwn(verified, id) && verified[id] === fingerprint(text)) return { entry: JSON.parse(text) as CatalogueEntry };
  return checkEntryText(id, text);
}
