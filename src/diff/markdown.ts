/** `flowmap diff --format markdown`: a pull-request comment. A headline, a table of what matters
 *  most (new transfers and third countries, grounds that got worse, special categories, longer
 *  retention, new vendors, new errors), then every change collapsed under `<details>`, one block a
 *  model. Model text and paths are escaped as in the Markdown register (src/register/markdown.ts):
 *  they show and never act. Ids are words of the language, safe in code spans. The first line is a
 *  marker a workflow finds to update its comment instead of adding another. The comment stays
 *  under GitHub's limit of 65,536 characters: details past the budget are left out, and it says so. */
import { markdownCell } from "../register/markdown.js";
import { countsOf, bySection, headline, plural } from "./summary.js";
import { failConditions, type Change, type DiffReport, type Finding, type Part, type SideSummary } from "./types.js";

export const commentMarker = "<!-- flowmap-diff -->";
const budget = 60_000;
const tableRows = 15;

const esc = markdownCell;

function md(parts: readonly Part[]): string {
  return parts.map((p) => (typeof p === "string" ? p.replace(/->/g, "→") : "code" in p ? `\`${p.code}\`` : esc(p.user))).join("");
}

const place = (c: Change) => (c.at ? `${esc(c.at.file)}:${c.at.line}${c.at.side === "base" ? " (base)" : ""}` : "");
const flags = (c: Change) => c.conditions.map((k) => `\`${k}\``).join(" ");

function sentence(parts: readonly Part[]): string {
  const s = md(parts);
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function findingText(f: Finding): string {
  return `${f.severity} \`${f.code}\` at ${esc(f.file)}:${f.line}: ${esc(f.message)}${f.reason !== undefined ? ` (accepted: ${esc(f.reason)})` : ""}`;
}

function sideErrors(name: string, s: SideSummary, limit = 10): string[] {
  if (!s.errors.length) return [];
  const files = [...new Set(s.errors.map((d) => d.span.file))];
  return [
    `> **The ${name} (${esc(s.label)}) does not parse**: ${files.map(esc).join(", ")} (${plural(s.errors.length, "error")}); ${files.length === 1 ? "its models are" : "their models are"} not compared.`,
    ...s.errors.slice(0, limit).map((d) => `> - ${esc(d.span.file)}:${d.span.line}:${d.span.column}: \`${d.code}\` ${esc(d.message)}`),
    ...(s.errors.length > limit ? [`> - … ${plural(s.errors.length - limit, "more error")} (\`flowmap check\` lists them)`] : []),
    "",
  ];
}

export function formatDiffMarkdown(report: DiffReport): string {
  const counts = countsOf(report);
  const head = [
    commentMarker,
    `### flowmap diff: ${md(headline(counts))}`,
    "",
    `Base: ${esc(report.base.label)}. Head: ${esc(report.head.label)}.`,
    "",
    ...sideErrors("base", report.base),
    ...sideErrors("head", report.head),
    ...(report.base.errors.length || report.head.errors.length ? ["In files that do not parse on one side, findings are compared only for what keeps them from parsing.", ""] : []),
  ];
  // The table: the changes that matter most, then new errors.
  const rows: string[] = [];
  const high = report.models.flatMap((m) => m.changes.filter((c) => c.importance === "high"));
  // Those that a `--fail-on` condition names first, in the conditions' order; then the others.
  const rank = (c: Change) => Math.min(...c.conditions.map((k) => failConditions.indexOf(k)), failConditions.length);
  for (const c of high.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i).map((x) => x.c)) rows.push(`| ${sentence(c.parts)} | ${place(c)} | ${flags(c)} |`);
  for (const f of report.findings.new) if (f.severity === "error") rows.push(`| New ${findingText(f)} | ${esc(f.file)}:${f.line} | \`new-error\` |`);
  if (rows.length) {
    head.push("| What matters most | Where | `--fail-on` |", "| --- | --- | --- |", ...rows.slice(0, tableRows));
    if (rows.length > tableRows) head.push("", `… and ${rows.length - tableRows} more below.`);
    head.push("");
  }
  const blocks: string[][] = [];
  for (const m of report.models) {
    if (m.status === "unchanged") continue;
    const title = m.title ? ` (${esc(m.title)})` : "";
    const status = m.status === "not-compared" ? `not compared (the ${m.notCompared!.join(" and ")} side does not parse)` : `${m.status}, ${plural(m.changes.length, "change")}`;
    const block = [`<details><summary>${esc(m.path)}${title}: ${status}</summary>`, ""];
    for (const s of bySection(m.changes)) {
      block.push(`**${s.title}**`, "");
      for (const c of s.changes) block.push(`- ${md(c.parts)}${c.at ? ` (${place(c)})` : ""}`);
      block.push("");
    }
    blocks.push([...block, "</details>", ""]);
  }
  const f = report.findings;
  if (f.new.length || f.resolved.length) {
    blocks.push([`<details><summary>Findings: ${f.new.length} new, ${f.resolved.length} resolved</summary>`, "",
      ...f.new.map((x) => `- new: ${findingText(x)}`), ...f.resolved.map((x) => `- resolved: ${findingText(x)}`), "", "</details>", ""]);
  }
  if (f.acceptedAdded.length || f.acceptedRemoved.length) {
    blocks.push([`<details><summary>Accepted risks: ${f.acceptedAdded.length} added, ${f.acceptedRemoved.length} no longer accepted</summary>`, "",
      ...f.acceptedAdded.map((x) => `- added: ${findingText(x)}`), ...f.acceptedRemoved.map((x) => `- no longer accepted: ${findingText(x)}`), "", "</details>", ""]);
  }
  const out = [...head];
  let size = out.join("\n").length;
  let left = 0;
  for (const b of blocks) {
    const text = b.join("\n");
    if (left || size + text.length > budget) {
      left++;
      continue;
    }
    out.push(...b);
    size += text.length + 1;
  }
  if (left) out.push(`… ${plural(left, "more section")} left out to keep this comment under GitHub's size limit; \`flowmap diff\` in a terminal (or \`--format json\`) shows everything.`, "");
  return `${out.join("\n").trimEnd()}\n`;
}
