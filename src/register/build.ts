/** CheckResult -> RegisterTable. Pure: every cell is derived from the model, the computed transfers and the findings. */
import { processedAsProcessor } from "../model/roles.js";
import type { CheckResult } from "../check/index.js";
import { compareDiagnostics, countBySeverity, type Diagnostic } from "../diagnostics.js";
import { transferFactsAsOf } from "../legal/gdpr-transfers.js";
import { modelDate, type Activity, type Column } from "./columns.js";
import { contextOf, type RegisterContext } from "./context.js";
import { controllerColumnsFor } from "./controller.js";
import { assignFindings, findingCellLine, registerFinding } from "./findings.js";
import { dpoCell, placeName, representativeCell } from "./organization.js";
import { processorColumns } from "./processor.js";
import { controllersOnWhoseBehalf } from "./recipients.js";
import { joinList, NOT_SPECIFIED, type RecordKind, type RegisterFinding, type RegisterTable, type RegisterTemplate } from "./table.js";

/** The Activity ref. of the last row, present only when some findings bear on no processing activity. */
export const UNASSIGNED_REF = "(no activity)";

const recordTitles: Record<RecordKind, string> = {
  controller: "GDPR Art. 30(1) record of processing activities (controller)",
  processor: "GDPR Art. 30(2) record of categories of processing activities (processor)",
};

function headerBlock(ctx: RegisterContext, record: RecordKind): [string, string][] {
  const { model, result } = ctx;
  const org = model.organization;
  const counts = countBySeverity(result.diagnostics);
  return [
    ["Record", recordTitles[record]],
    ["Organization", org?.name ?? NOT_SPECIFIED],
    ["Role declared in the model", org?.role?.replace(/_/g, " ") ?? NOT_SPECIFIED],
    ["Established in", org?.country ? placeName(org.country.code) : NOT_SPECIFIED],
    ["Contact", org?.contact ?? NOT_SPECIFIED],
    ["Address", org?.address ?? NOT_SPECIFIED],
    ["Data protection officer", dpoCell(model)],
    ["Representative", representativeCell(model)],
    ["Joint controllers", joinList(org?.jointControllers ?? [], "none declared")],
    ["Model", model.title],
    ["Model file", model.file],
    ...(result.files.length > 1 ? [["Imported files", result.files.slice(1).join(", ")] as [string, string]] : []),
    ["Model updated", modelDate(ctx)],
    ["Model source", model.source ?? NOT_SPECIFIED],
    ["Transfer facts as of", transferFactsAsOf],
    ["Model complete", result.complete ? "yes" : "no: syntax errors stopped the checks, the record is partial"],
    ["Findings", `${counts.error} errors, ${counts.warning} warnings, ${counts.info} info${result.accepted.length ? `; ${result.accepted.length} accepted with a reason` : ""}`],
  ];
}

/** One activity per purpose of the record's kind (a purpose done for a customer, `role processor`,
 *  belongs in the processor's record, Art. 30(2), not the controller's); for the processor record,
 *  one per controller named for the purpose. */
function activities(ctx: RegisterContext, record: RecordKind, findings: Map<string, string>): Activity[] {
  return ctx.model.purposes.filter((p) => processedAsProcessor(ctx.model, p) === (record === "processor")).flatMap((purpose) => {
    const base = { purpose, findings: findings.get(purpose.id) ?? "none" };
    if (record === "controller") return [base];
    const controllers = controllersOnWhoseBehalf(ctx, purpose);
    return controllers.length ? controllers.map((controller) => ({ ...base, controller })) : [base];
  });
}

/** The row of findings tied to no activity: its ref, the record-level cells (the same on every row), the findings. */
function unassignedRow(ctx: RegisterContext, columns: readonly Column[], findings: string): string[] {
  return columns.map((c, i) => (i === 0 ? UNASSIGNED_REF : i === columns.length - 1 ? findings : c.value?.(ctx) ?? ""));
}

export interface RegisterOptions {
  /** "ico" (default) or "cnil": the CNIL's data-category checklist on each category, internal recipients apart. */
  template?: RegisterTemplate;
}

export function buildRegister(result: CheckResult, record: RecordKind, options: RegisterOptions = {}): RegisterTable {
  const template = options.template ?? "ico";
  const ctx = contextOf(result, template);
  const columns = record === "controller" ? controllerColumnsFor(template) : processorColumns;
  const assigned = assignFindings(ctx, ctx.model.purposes);
  // Each finding once, in reading order, with the activities it bears on; a row's cell names it by its ref.
  const activitiesOf = new Map<Diagnostic, string[]>();
  for (const [id, list] of assigned.byPurpose) for (const d of list) activitiesOf.set(d, [...(activitiesOf.get(d) ?? []), id]);
  for (const d of assigned.unassigned) activitiesOf.set(d, [UNASSIGNED_REF]);
  const ordered = inReadingOrder([...activitiesOf.keys()], result.files);
  const findings: RegisterFinding[] = ordered.map((d) => registerFinding(d, ctx.model.file, activitiesOf.get(d)!));
  const position = new Map(ordered.map((d, i) => [d, i]));
  const cell = (list: Diagnostic[]) =>
    joinList(list.map((d) => position.get(d)!).sort((a, b) => a - b).map((i) => findingCellLine(findings[i]!)), "none");
  const texts = new Map([...assigned.byPurpose].map(([id, list]) => [id, cell(list)]));
  const rows = activities(ctx, record, texts).map((a) => columns.map((c) => c.cell(ctx, a)));
  if (assigned.unassigned.length) rows.push(unassignedRow(ctx, columns, cell(assigned.unassigned)));
  return {
    record,
    template,
    title: `Record of processing activities: ${ctx.model.title}`,
    header: headerBlock(ctx, record),
    dates: { model: modelDate(ctx), legalFacts: transferFactsAsOf },
    columns: columns.map((c) => c.name),
    columnGroups: columns.map((c) => c.group ?? "art30"),
    rows,
    findings,
  };
}

/** Findings in the order the model reads (its files as imported, then position), not by file name. */
function inReadingOrder(list: Diagnostic[], files: string[]): Diagnostic[] {
  const rank = new Map(files.map((f, i) => [f, i]));
  return [...list].sort((a, b) => (rank.get(a.span.file) ?? files.length) - (rank.get(b.span.file) ?? files.length) || compareDiagnostics(a, b));
}

/** The record the organization keeps by default: a processor's when its declared role is processor. */
export function defaultRecord(result: CheckResult): RecordKind {
  return result.model.organization?.role === "processor" ? "processor" : "controller";
}
