/** The register as data: a header block and one table, rendered by csv.ts and markdown.ts. */

export type RecordKind = "controller" | "processor";

export interface RegisterTable {
  record: RecordKind;
  /** e.g. "Record of processing activities: CieloWeb Share (GDPR Art. 30(1), controller)". */
  title: string;
  /** The ICO template's header block (organization, DPO, representative, model provenance) as label/value pairs.
   *  Rendered by the Markdown output; the CSV holds only the table so every row has the same columns. */
  header: [label: string, value: string][];
  columns: string[];
  /** Every row has `columns.length` cells. */
  rows: string[][];
}

/** Written wherever the model is silent, so an auditor sees the gap. */
export const NOT_SPECIFIED = "not specified";
/** Separator of multi-value cells. */
export const LIST_SEPARATOR = "; ";

/** `items` joined in order with "; " after removing repeats, or `empty` when there are none. */
export function joinList(items: readonly string[], empty: string): string {
  const unique = [...new Set(items)];
  return unique.length ? unique.join(LIST_SEPARATOR) : empty;
}

/** The policy's own words, quoted after a value. */
export function quote(statement: string | undefined): string {
  return statement === undefined ? "" : ` ("${statement}")`;
}
