/** The processor's record, Art. 30(2): one row per controller and category of processing. The model names the
 *  controller only through flows arriving from a system a vendor runs as controller; otherwise the cell says
 *  "not specified". */
import type { Column } from "./columns.js";
import { dateColumns, findingsColumn, recordColumn, refColumn } from "./columns.js";
import { transferColumns } from "./controller.js";
import { dataCategoriesCell, purposeCell, subjectsCell } from "./data.js";
import { dpoCell, organizationCell, representativeCell } from "./organization.js";
import { subprocessorsCell } from "./recipients.js";
import { locationCell, securityCell, systemsCell } from "./systems.js";
import { NOT_SPECIFIED } from "./table.js";

export const CONTROLLER_NOT_NAMED = `${NOT_SPECIFIED} (the model names no controller on whose behalf the processing is carried out)`;

export const processorColumns: readonly Column[] = [
  refColumn(),
  // (a)
  recordColumn("Name and contact details of processor", (ctx) => organizationCell(ctx.model.organization)),
  { name: "Other processors engaged (sub-processors)", cell: (ctx, a) => subprocessorsCell(ctx, a.purpose) },
  { name: "Name and contact details of controller on whose behalf the processor acts", cell: (_ctx, a) => a.controller ?? CONTROLLER_NOT_NAMED },
  recordColumn("Name and contact details of representative (if applicable)", (ctx) => representativeCell(ctx.model)),
  recordColumn("Name and contact details of data protection officer (if applicable)", (ctx) => dpoCell(ctx.model)),
  // (b) - (d)
  { name: "Categories of processing carried out on behalf of the controller", cell: (_ctx, a) => purposeCell(a.purpose) },
  ...transferColumns,
  { name: "General description of technical and organisational security measures (if possible)", cell: (ctx, a) => securityCell(ctx, a.purpose) },
  // optional
  { name: "Categories of individuals", cell: (ctx, a) => subjectsCell(ctx, a.purpose), group: "optional" },
  { name: "Categories of personal data", cell: (ctx, a) => dataCategoriesCell(ctx, a.purpose), group: "optional" },
  { name: "Systems involved", cell: (ctx, a) => systemsCell(ctx, a.purpose), group: "optional" },
  { name: "Location of personal data", cell: (ctx, a) => locationCell(ctx, a.purpose), group: "optional" },
  ...dateColumns(),
  findingsColumn(),
];
