/** The GDPR Art. 30 register: `buildRegister` derives the table from a check result; `toCsv` and
 *  `toMarkdown` render it. All pure. */
export { buildRegister, defaultRecord, UNASSIGNED_REF } from "./build.js";
export { toCsv, csvField, neutraliseFormula } from "./csv.js";
export { toMarkdown, markdownCell } from "./markdown.js";
export { ACTIVITY_REF, FINDINGS } from "./columns.js";
export { controllerColumns } from "./controller.js";
export { processorColumns, CONTROLLER_NOT_NAMED } from "./processor.js";
export { purposesOfSpan } from "./findings.js";
export { NOT_SPECIFIED, LIST_SEPARATOR, type RecordKind, type RegisterTable } from "./table.js";
export { toXlsx, SHEETS } from "./xlsx.js";
export { type RegisterFinding, type RegisterTemplate } from "./table.js";
export { type RegisterOptions } from "./build.js";
