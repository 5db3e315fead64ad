/** A column of the register: its heading and how one activity's cell is derived. Keeping the two together
 *  keeps every row as wide as the heading row. */
import type { Purpose } from "../model/model.js";
import type { RegisterContext } from "./context.js";

export interface Activity {
  purpose: Purpose;
  /** Processor record: the controller on whose behalf the processing is done, when the model says. */
  controller?: string;
  findings: string;
}

export interface Column {
  name: string;
  cell(ctx: RegisterContext, activity: Activity): string;
}

export const ACTIVITY_REF = "Activity ref.";
export const FINDINGS = "Findings (flowmap check)";

export function refColumn(): Column {
  return { name: ACTIVITY_REF, cell: (_ctx, a) => a.purpose.id };
}

export function findingsColumn(): Column {
  return { name: FINDINGS, cell: (_ctx, a) => a.findings };
}
