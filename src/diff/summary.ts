/** What the formats share: the counts of a report, its one-line headline, and how the changes of a
 *  model are grouped into sections. */
import { placeLabel } from "../check/transfers.js";
import type { Change, DiffReport, Entity, Part } from "./types.js";

export interface Counts {
  models: { added: number; removed: number; changed: number; moved: number; unchanged: number; notCompared: number };
  changes: number;
  newTransfers: number;
  worseTransfers: number;
  /** Their ISO codes (or anywhere / global / unspecified). */
  newThirdCountries: string[];
  newSpecialCategories: number;
  retentionLonger: number;
  vendorsAdded: number;
  findings: { new: number; newErrors: number; resolved: number; acceptedAdded: number; acceptedRemoved: number };
}

export function countsOf(report: DiffReport): Counts {
  const all = report.models.flatMap((m) => m.changes);
  const status = (s: string) => report.models.filter((m) => m.status === s).length;
  const has = (c: Change, k: string) => c.conditions.includes(k as Change["conditions"][number]);
  return {
    models: { added: status("added"), removed: status("removed"), changed: status("changed"), moved: status("moved"), unchanged: status("unchanged"), notCompared: status("not-compared") },
    changes: all.length,
    newTransfers: all.filter((c) => has(c, "new-transfer")).length,
    worseTransfers: all.filter((c) => c.kind === "transfer-changed" && (c.details as { worse?: boolean } | undefined)?.worse).length,
    newThirdCountries: [...new Set(all.filter((c) => c.kind === "third-country-added").map((c) => c.id))].sort(),
    newSpecialCategories: all.filter((c) => has(c, "new-special-category")).length,
    retentionLonger: all.filter((c) => has(c, "retention-longer")).length,
    vendorsAdded: new Set(all.filter((c) => c.kind === "vendor-added").map((c) => c.id)).size,
    findings: {
      new: report.findings.new.length, newErrors: report.findings.new.filter((f) => f.severity === "error").length, resolved: report.findings.resolved.length,
      acceptedAdded: report.findings.acceptedAdded.length, acceptedRemoved: report.findings.acceptedRemoved.length,
    },
  };
}

export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** "2 models changed: 1 new transfer, 1 new third country (India (IN)); findings: 1 new error, 2 resolved".
 *  Place labels are parts of their own: a format escapes them as model text. */
export function headline(c: Counts): Part[] {
  const m = c.models;
  const models = [
    m.changed + m.moved && `${plural(m.changed + m.moved, "model")} changed`, m.added && `${plural(m.added, "model")} added`,
    m.removed && `${plural(m.removed, "model")} removed`, m.notCompared && `${plural(m.notCompared, "model")} not compared (${m.notCompared === 1 ? "it does" : "they do"} not parse)`,
  ].filter(Boolean) as string[];
  const what: Part[][] = [];
  if (c.newTransfers) what.push([plural(c.newTransfers, "new transfer")]);
  if (c.newThirdCountries.length) what.push([`${plural(c.newThirdCountries.length, "new third country", "new third countries")} (`, ...c.newThirdCountries.flatMap((p, i) => [...(i ? [", "] : []), { user: placeLabel(p) }]), ")"]);
  if (c.worseTransfers) what.push([`${plural(c.worseTransfers, "transfer")} less covered`]);
  if (c.newSpecialCategories) what.push([`${plural(c.newSpecialCategories, "special category", "special categories")} newly processed`]);
  if (c.retentionLonger) what.push([`${plural(c.retentionLonger, "retention")} lengthened`]);
  if (c.vendorsAdded) what.push([plural(c.vendorsAdded, "new vendor")]);
  const f = c.findings;
  const findings = [
    f.new && (f.newErrors ? `${plural(f.new, "new finding")} (${plural(f.newErrors, "error")})` : plural(f.new, "new finding")),
    f.resolved && `${f.resolved} resolved`, f.acceptedAdded && `${plural(f.acceptedAdded, "accepted risk")} added`,
  ].filter(Boolean) as string[];
  if (!models.length && !findings.length) return ["no change in the processing"];
  const out: Part[] = [models.join(", ") || "no model changed"];
  if (what.length) out.push(": ", ...what.flatMap((w, i) => [...(i ? [", "] : []), ...w]));
  if (findings.length) out.push(`; findings: ${findings.join(", ")}`);
  return out;
}

export const sections: { title: string; entities: Entity[] }[] = [
  { title: "Model", entities: ["model"] },
  { title: "Transfers", entities: ["transfer"] },
  { title: "Organization", entities: ["organization"] },
  { title: "Data subjects", entities: ["subject"] },
  { title: "Data", entities: ["data"] },
  { title: "Purposes", entities: ["purpose"] },
  { title: "Systems and vendors", entities: ["vendor", "system"] },
  { title: "Flows", entities: ["flow"] },
];

/** The changes of a model by section, in the order of `sections`. */
export function bySection(changes: readonly Change[]): { title: string; changes: Change[] }[] {
  return sections.map((s) => ({ title: s.title, changes: s.entities.flatMap((e) => changes.filter((c) => c.entity === e)) })).filter((s) => s.changes.length);
}

/** `+` for what is added, `-` for what is removed, `~` for what changed. */
export function marker(c: Change): string {
  if (/-added$/.test(c.kind)) return "+";
  if (/-removed$/.test(c.kind)) return "-";
  return "~";
}

/** The sentence as plain text: ids in backquotes, model text as it is (a format escapes it). */
export function plainText(parts: readonly Part[], escape: (s: string) => string = (s) => s): string {
  return parts.map((p) => (typeof p === "string" ? p : "code" in p ? `\`${p.code}\`` : escape(p.user))).join("");
}
