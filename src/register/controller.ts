/** The controller's record, Art. 30(1): the ICO template's columns in its order, then the optional ones. */
import type { Column } from "./columns.js";
import { findingsColumn, refColumn } from "./columns.js";
import { basisCell, conditionCell, dataCategoriesCell, purposeCell, retentionCell, sourceCell, subjectsCell } from "./data.js";
import { dpoCell, jointControllersCell, organizationCell, representativeCell } from "./organization.js";
import { contractsCell, recipientsCell } from "./recipients.js";
import { locationCell, securityCell, systemsCell } from "./systems.js";
import { safeguardsCell, thirdCountriesCell } from "./transfers.js";

export const controllerColumns: readonly Column[] = [
  refColumn(),
  // (a)
  { name: "Name and contact details of controller", cell: (ctx) => organizationCell(ctx.model.organization) },
  { name: "Name and contact details of joint controller (if applicable)", cell: (ctx, a) => jointControllersCell(ctx, a.purpose) },
  { name: "Name and contact details of representative (if applicable)", cell: (ctx) => representativeCell(ctx.model) },
  { name: "Name and contact details of data protection officer (if applicable)", cell: (ctx) => dpoCell(ctx.model) },
  // (b) - (g)
  { name: "Purpose of processing", cell: (_ctx, a) => purposeCell(a.purpose) },
  { name: "Categories of individuals", cell: (ctx, a) => subjectsCell(ctx, a.purpose) },
  { name: "Categories of personal data", cell: (ctx, a) => dataCategoriesCell(ctx, a.purpose) },
  { name: "Categories of recipients", cell: (ctx, a) => recipientsCell(ctx, a.purpose) },
  { name: "Link to contract with processor", cell: (ctx, a) => contractsCell(ctx, a.purpose) },
  { name: "Names of third countries or international organisations that personal data are transferred to (if applicable)", cell: (ctx, a) => thirdCountriesCell(ctx, a.purpose) },
  { name: "Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)", cell: (ctx, a) => safeguardsCell(ctx, a.purpose) },
  { name: "Retention schedule (if possible)", cell: (ctx, a) => retentionCell(ctx, a.purpose) },
  { name: "General description of technical and organisational security measures (if possible)", cell: (ctx, a) => securityCell(ctx, a.purpose) },
  // optional
  { name: "Article 6 lawful basis for processing personal data", cell: (_ctx, a) => basisCell(a.purpose) },
  { name: "Article 9 condition for processing special category data", cell: (ctx, a) => conditionCell(ctx, a.purpose) },
  { name: "Source of the personal data", cell: (ctx, a) => sourceCell(ctx, a.purpose) },
  { name: "Systems involved", cell: (ctx, a) => systemsCell(ctx, a.purpose) },
  { name: "Location of personal data", cell: (ctx, a) => locationCell(ctx, a.purpose) },
  findingsColumn(),
];
