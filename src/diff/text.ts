/** `flowmap diff` for the terminal: the headline, the errors of a side that does not parse, then
 *  each model's changes by section, then the findings. Model text shows, never acts: control, bidi
 *  and invisible characters are escapes (`\x1b`, `\u202E`). */
import { formatDiagnosticText } from "../format/text.js";
import { visible } from "../util/visible.js";
import { countsOf, bySection, headline, marker, plainText, plural } from "./summary.js";
import type { Change, DiffReport, Finding, SideSummary } from "./types.js";

const show = (s: string) => visible(s);

function where(c: Change): string {
  return c.at ? `  (${c.at.side === "base" ? "was at " : ""}${show(c.at.file)}:${c.at.line})` : "";
}

function line(c: Change): string {
  const flags = c.conditions.length ? `  [${c.conditions.join(", ")}]` : "";
  return `    ${marker(c)} ${plainText(c.parts, show)}${where(c)}${flags}`;
}

function findingLine(mark: string, f: Finding): string {
  const reason = f.reason !== undefined ? ` (accepted: ${show(f.reason)})` : "";
  return `  ${mark} ${show(f.file)}:${f.line}:${f.column}: ${f.severity} ${f.code}: ${show(f.message)}${reason}`;
}

/** "head (the working tree): models/x.flow does not parse", then its errors with code frames. */
export function sideErrors(name: "base" | "head", s: SideSummary, limit = 10): string[] {
  if (!s.errors.length) return [];
  const files = [...new Set(s.errors.map((d) => d.span.file))];
  const out = [`${name} (${show(s.label)}): ${files.map(show).join(", ")} ${files.length === 1 ? "does" : "do"} not parse (${plural(s.errors.length, "error")}); ${files.length === 1 ? "its models are" : "their models are"} not compared`];
  for (const d of s.errors.slice(0, limit)) out.push(formatDiagnosticText(d, s.sources.get(d.span.file), { color: false }).replace(/^/gm, "  "));
  if (s.errors.length > limit) out.push(`  … ${plural(s.errors.length - limit, "more error")} (flowmap check lists them)`);
  return out;
}

export function formatDiffText(report: DiffReport): string {
  const out = [`flowmap diff: ${show(report.base.label)} -> ${show(report.head.label)}`, plainText(headline(countsOf(report)), show)];
  const errors = [...sideErrors("base", report.base), ...sideErrors("head", report.head)];
  if (errors.length) out.push("", ...errors, "  (in files that do not parse on one side, findings are compared only for what keeps them from parsing)");
  for (const m of report.models) {
    if (m.status === "unchanged") continue;
    const title = m.title ? ` (${show(m.title)})` : "";
    const status = m.status === "not-compared" ? `not compared: the ${m.notCompared!.join(" and ")} side${m.notCompared!.length > 1 ? "s do" : " does"} not parse` : m.status;
    out.push("", `${show(m.path)}${title}: ${status}${m.changes.length ? `, ${plural(m.changes.length, "change")}` : ""}`);
    for (const s of bySection(m.changes)) out.push(`  ${s.title}`, ...s.changes.map(line));
  }
  const f = report.findings;
  if (f.new.length || f.resolved.length) {
    out.push("", `Findings: ${f.new.length} new, ${f.resolved.length} resolved`, ...f.new.map((x) => findingLine("+", x)), ...f.resolved.map((x) => findingLine("-", x)));
  }
  if (f.acceptedAdded.length || f.acceptedRemoved.length) {
    out.push("", `Accepted risks: ${f.acceptedAdded.length} added, ${f.acceptedRemoved.length} no longer accepted`, ...f.acceptedAdded.map((x) => findingLine("+", x)), ...f.acceptedRemoved.map((x) => findingLine("-", x)));
  }
  return `${out.join("\n")}\n`;
}
