/** Findings that rest on a vendor entry's facts say so: a related note on `from <id>` names the
 *  facts taken, the entry and its date ("DPF-certified per catalogue, checked 2026-12-01"), and
 *  what the entry leaves unknown. Also the dates the stale-entry rule compares. Pure. */
import type { Diagnostic, Span } from "../diagnostics.js";
import type { CatalogueUse, Model, System } from "../model/model.js";

const sameSpan = (a: Span, b: Span) => a.file === b.file && a.start === b.start && a.end === b.end;

/** Where an entry comes from, in a finding's words: "catalogue entry `stripe`", or the team's
 *  "vendor entry `paynord` (shared/vendors.flow)". */
export function entryName(c: CatalogueUse): string {
  return c.origin === "catalogue" ? `catalogue entry \`${c.entry}\`` : `vendor entry \`${c.entry}\` in ${c.origin}`;
}

/** One sentence: the facts a system took from its entry, with the entry's date, and the unknown ones. */
export function describeUse(c: CatalogueUse, system: System): string {
  const per = c.origin === "catalogue" ? "per catalogue" : "per vendor entry";
  const parts: string[] = [];
  for (const f of c.facts) {
    const op = system.operator;
    if (f === "kind" && system.kind) parts.push(`kind ${system.kind}`);
    else if (f === "operator" && op?.vendor) parts.push(`operator ${op.vendor}${op.established ? ` in ${op.established.code}` : ""}${op.role ? ` as ${op.role}` : ""}`);
    else if (f === "operator.established" && op?.established) parts.push(`established in ${op.established.code}`);
    else if (f === "located") parts.push(`located ${system.locations.map((l) => l.code).join(", ")}`);
    else if (f === "certified") parts.push(`DPF-certified ${per}, checked ${c.dpf?.checked ?? c.asOf}`);
    else if (f === "contract" && system.contract) parts.push(`contract ${system.contract}`);
  }
  const taken = parts.length ? `${parts.join("; ")}: from ${entryName(c)}, as of ${c.asOf}` : `${entryName(c)}, as of ${c.asOf}`;
  return c.unknown.length ? `${taken} (unknown there, the model's to state: ${c.unknown.join(", ")})` : taken;
}

/** The finding that says a fact is missing, and the fact: a note tells that the entry does not know it either. */
const missingFact: Record<string, string> = {
  "location-unspecified": "located",
  "transfer-unknown-destination": "located",
  "operator-unspecified": "operator",
  "processor-without-contract": "contract",
};

/** `findings` with a note on every one that rests on a fact from a system's entry (it points at
 *  `from <id>`), naming the facts, the entry and its date; and on one that says a fact is missing
 *  which the entry leaves unknown. The catalogue rules say it themselves. */
export function withCatalogueNotes(findings: Diagnostic[], model: Model): Diagnostic[] {
  const users = model.systems.filter((s) => s.catalogue);
  if (!users.length) return findings;
  return findings.map((d) => {
    if (d.code.startsWith("catalogue-")) return d;
    const places = [d.span, ...d.related.map((r) => r.span)];
    const notes: Diagnostic["related"] = [];
    for (const s of users) {
      const c = s.catalogue!;
      if (places.some((p) => sameSpan(p, c.span))) notes.push({ message: describeUse(c, s), span: c.span });
      else if (c.unknown.includes(missingFact[d.code] ?? "") && places.some((p) => sameSpan(p, s.span))) {
        notes.push({ message: `${entryName(c)} (as of ${c.asOf}) does not know it either: ${missingFact[d.code]} is the model's to state`, span: c.span });
      }
    }
    return notes.length ? { ...d, related: [...d.related, ...notes] } : d;
  });
}

/** `date` (YYYY-MM-DD) plus `months` calendar months, as YYYY-MM-DD (the 31st clamps to the month's end). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** The date an entry's age is measured to: the one given (the CLI's today, or SOURCE_DATE_EPOCH's),
 *  else the model's own `updated` date (a month or a year stands for its last day): deterministic.
 *  Without either, nothing is measured (""). */
export function referenceDate(now: string | undefined, model: Pick<Model, "updated">): string {
  if (now) return now;
  const u = model.updated ?? "";
  if (/^\d{4}-\d{2}-\d{2}$/.test(u)) return u;
  if (/^\d{4}-\d{2}$/.test(u)) return `${u}-31`;
  if (/^\d{4}$/.test(u)) return `${u}-12-31`;
  return "";
}

/** The CLI's reference date: SOURCE_DATE_EPOCH's day when it is set (reproducible builds), else
 *  today's when `clock` (flowmap check), else none (outputs do not depend on the day they are made). */
export function referenceToday(clock: boolean, env: Record<string, string | undefined> = process.env): string | undefined {
  if (env.SOURCE_DATE_EPOCH !== undefined && /^\d+$/.test(env.SOURCE_DATE_EPOCH.trim())) return todayFromEnvironment(env);
  return clock ? todayFromEnvironment(env) : undefined;
}

/** Today (UTC) as YYYY-MM-DD, or SOURCE_DATE_EPOCH's day when it is set (reproducible builds). */
export function todayFromEnvironment(env: Record<string, string | undefined> = process.env, clock: () => number = Date.now): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  const ms = epoch !== undefined && /^\d+$/.test(epoch.trim()) ? Number(epoch.trim()) * 1000 : clock();
  return new Date(ms).toISOString().slice(0, 10);
}
