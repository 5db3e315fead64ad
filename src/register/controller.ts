/** The controller's record, Art. 30(1): the ICO template's columns in its order, then the optional ones. */
import type { Column } from "./columns.js";
import { dateColumns, findingsColumn, recordColumn, refColumn } from "./columns.js";
import { basisCell, conditionCell, dataCategoriesCell, purposeCell, retentionCell, sourceCell, subjectsCell } from "./data.js";
import { dpoCell, jointControllersCell, organizationCell, representativeCell } from "./organization.js";
import { contractsCell, internalRecipientsCell, recipientsCell } from "./recipients.js";
import { locationCell, securityCell, systemsCell } from "./systems.js";
import { exceptionalSafeguardsCell, thirdCountriesCell, transferGroundsCell } from "./transfers.js";
import type { RegisterTemplate } from "./table.js";

export const RECIPIENTS = "Categories of recipients (processors, third parties, public authorities)";
export const THIRD_COUNTRIES = "Names of third countries or international organisations that personal data are transferred to (if applicable)";
export const TRANSFER_GROUNDS = "Transfer grounds: Art. 45 adequacy, Art. 46 safeguards, Art. 48 agreements, Art. 49 derogations (and whether each covers the transfer)";
export const EXCEPTIONAL_SAFEGUARDS = "Safeguards for exceptional transfers: documentation of the suitable safeguards for transfers under Art. 49(1) second subparagraph (if applicable)";
export const INTERNAL_RECIPIENTS = "Internal recipients (the organization's own systems; CNIL register)";

/** The columns of (d) and (e), shared with the processor's record for (e). */
export const transferColumns: readonly Column[] = [
  { name: THIRD_COUNTRIES, cell: (ctx, a) => thirdCountriesCell(ctx, a.purpose) },
  { name: TRANSFER_GROUNDS, cell: (ctx, a) => transferGroundsCell(ctx, a.purpose) },
  { name: EXCEPTIONAL_SAFEGUARDS, cell: (ctx, a) => exceptionalSafeguardsCell(ctx, a.purpose) },
];

export function controllerColumnsFor(template: RegisterTemplate): readonly Column[] {
  return [
    refColumn(),
    // (a)
    recordColumn("Name and contact details of controller", (ctx) => organizationCell(ctx.model.organization)),
    { name: "Name and contact details of joint controller (if applicable)", cell: (ctx, a) => jointControllersCell(ctx, a.purpose) },
    recordColumn("Name and contact details of representative (if applicable)", (ctx) => representativeCell(ctx.model)),
    recordColumn("Name and contact details of data protection officer (if applicable)", (ctx) => dpoCell(ctx.model)),
    // (b) - (g)
    { name: "Purpose of processing", cell: (_ctx, a) => purposeCell(a.purpose) },
    { name: "Categories of individuals", cell: (ctx, a) => subjectsCell(ctx, a.purpose) },
    { name: "Categories of personal data", cell: (ctx, a) => dataCategoriesCell(ctx, a.purpose) },
    { name: RECIPIENTS, cell: (ctx, a) => recipientsCell(ctx, a.purpose) },
    ...(template === "cnil" ? [{ name: INTERNAL_RECIPIENTS, cell: (ctx, a) => internalRecipientsCell(ctx, a.purpose) } satisfies Column] : []),
    { name: "Link to contract with processor", cell: (ctx, a) => contractsCell(ctx, a.purpose) },
    ...transferColumns,
    { name: "Retention schedule (if possible)", cell: (ctx, a) => retentionCell(ctx, a.purpose) },
    { name: "General description of technical and organisational security measures (if possible)", cell: (ctx, a) => securityCell(ctx, a.purpose) },
    // optional
    { name: "Article 6 lawful basis for processing personal data", cell: (_ctx, a) => basisCell(a.purpose), group: "optional" },
    { name: "Article 9 condition for processing special category data", cell: (ctx, a) => conditionCell(ctx, a.purpose), group: "optional" },
    { name: "Source of the personal data", cell: (ctx, a) => sourceCell(ctx, a.purpose), group: "optional" },
    { name: "Systems involved", cell: (ctx, a) => systemsCell(ctx, a.purpose), group: "optional" },
    { name: "Location of personal data", cell: (ctx, a) => locationCell(ctx, a.purpose), group: "optional" },
    ...dateColumns(),
    findingsColumn(),
  ];
}

/** The ICO template's record. */
export const controllerColumns: readonly Column[] = controllerColumnsFor("ico");
