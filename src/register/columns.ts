/** A column of the register: its heading and how one activity's cell is derived. Keeping the two together
 *  keeps every row as wide as the heading row. */
import { transferFactsAsOf } from "../legal/gdpr-transfers.js";
import type { Purpose } from "../model/model.js";
import type { RegisterContext } from "./context.js";
import { NOT_SPECIFIED } from "./table.js";

export interface Activity {
  purpose: Purpose;
  /** Processor record: the controller on whose behalf the processing is done, when the model says. */
  controller?: string;
  findings: string;
}

/** Where a column belongs: `record`, the same on every row (the controller block, the dates), shown once on
 *  the xlsx cover sheet; `art30`, the fields Art. 30 requires; `optional`, what the ICO template offers
 *  besides (lawfulness, source, systems, location) and the findings. */
export type ColumnGroup = "ref" | "record" | "art30" | "optional";

export interface Column {
  name: string;
  cell(ctx: RegisterContext, activity: Activity): string;
  /** Default `art30`. */
  group?: ColumnGroup;
  /** A `record` column's value, the same for every row (the row of findings tied to no activity too). */
  value?(ctx: RegisterContext): string;
}

/** A column whose cell is the same on every row: the controller block, the dates. */
export function recordColumn(name: string, value: (ctx: RegisterContext) => string): Column {
  return { name, group: "record", value, cell: (ctx) => value(ctx) };
}

export const ACTIVITY_REF = "Activity ref.";
export const FINDINGS = "Findings (flowmap check)";
export const MODEL_UPDATED = "Model updated";
export const LEGAL_FACTS_AS_OF = "Transfer facts as of";

/** The model's own date, or the words that say it has none. */
export function modelDate(ctx: Pick<RegisterContext, "model">): string {
  return ctx.model.updated ?? `${NOT_SPECIFIED} (the model has no \`updated\` date)`;
}

export function refColumn(): Column {
  return { name: ACTIVITY_REF, cell: (_ctx, a) => a.purpose.id, group: "ref" };
}

/** The dates every format states: when the model was last updated, and the date of the legal facts
 *  (adequacy decisions, invalidated frameworks) the transfer verdicts rest on. */
export function dateColumns(): Column[] {
  return [
    recordColumn(MODEL_UPDATED, modelDate),
    recordColumn(LEGAL_FACTS_AS_OF, () => transferFactsAsOf),
  ];
}

export function findingsColumn(): Column {
  return { name: FINDINGS, cell: (_ctx, a) => a.findings, group: "optional" };
}
