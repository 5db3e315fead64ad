/** The register as data: a header block and one table, rendered by csv.ts, markdown.ts and xlsx.ts. */

export type RecordKind = "controller" | "processor";

/** Which supervisory authority's template the cells follow: the ICO's (default) or the CNIL's, whose
 *  register adds its data-category checklist to each category and lists internal recipients apart. */
export type RegisterTemplate = "ico" | "cnil";

/** One finding, once: the activity rows' findings cells name it by `ref`. */
export interface RegisterFinding {
  /** "error consent-invalid (line 120)", or "accepted storage-without-security (shared/x.flow line 3)". */
  ref: string;
  severity: "error" | "warning" | "info" | "accepted";
  code: string;
  /** "line 120", or "shared/vendors.flow line 12" for a finding in an imported file. */
  place: string;
  message: string;
  /** An accepted risk's reason, as the organization wrote it. */
  reason?: string;
  /** Activity refs the finding bears on (`UNASSIGNED_REF` when none). */
  activities: string[];
}

export interface RegisterTable {
  record: RecordKind;
  template: RegisterTemplate;
  /** e.g. "Record of processing activities: CieloWeb Share". */
  title: string;
  /** The ICO template's header block (organization, DPO, representative, model provenance, dates, findings
   *  summary) as label/value pairs: the Markdown header and the xlsx cover sheet. */
  header: [label: string, value: string][];
  /** The model's `updated` date ("not stated in the model" when it has none) and the date of the legal
   *  facts the transfer verdicts rest on (src/legal/). Every format states both. */
  dates: { model: string; legalFacts: string };
  columns: string[];
  /** Per column: `ref` (the activity), `record` (the same on every row: the controller block, the dates; the
   *  CSV keeps them on each row, the xlsx shows them once, on its cover sheet), `art30` (the fields Art. 30
   *  requires) or `optional` (what the ICO template offers besides, and the findings). */
  columnGroups: Array<"ref" | "record" | "art30" | "optional">;
  /** Every row has `columns.length` cells. Multi-item cells hold one item per line. */
  rows: string[][];
  /** Every finding once, in the model's reading order; the findings cells hold their `ref`s. */
  findings: RegisterFinding[];
}

/** Written wherever the model is silent, so an auditor sees the gap. */
export const NOT_SPECIFIED = "not specified";
/** Separator of multi-value cells: one item per line, so a wrapped cell reads as a list. */
export const LIST_SEPARATOR = "\n";

/** `items` joined in order, one per line, after removing repeats, or `empty` when there are none. */
export function joinList(items: readonly string[], empty: string): string {
  const unique = [...new Set(items)];
  return unique.length ? unique.join(LIST_SEPARATOR) : empty;
}

/** The policy's own words, quoted after a value. */
export function quote(statement: string | undefined): string {
  return statement === undefined ? "" : ` ("${statement}")`;
}
