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
    { name: MODEL_UPDATED, cell: (ctx) => modelDate(ctx), group: "record" },
    { name: LEGAL_FACTS_AS_OF, cell: () => transferFactsAsOf, group: "record" },
  ];
}

export function findingsColumn(): Column {
  return { name: FINDINGS, cell: (_ctx, a) => a.findings, group: "optional" };
}
