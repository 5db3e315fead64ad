/** The register as an .xlsx workbook to file: a cover sheet (who keeps the record, the dates, the findings
 *  summary, the accepted risks), the Art. 30 fields one row per activity, the optional fields the same way,
 *  and the findings, each once. Every sheet prints landscape, fitted to the page width, with its heading row
 *  repeated on each page. exceljs is loaded here only, when an xlsx is asked for.
 *
 *  Every cell is a plain string (exceljs writes it as a shared string, never a formula), made inert by
 *  `xlsxText`. Same input, same bytes: the workbook's dates are the model's `updated` date (or 1980-01-01,
 *  the zip format's first day), and `pinZipDates` overwrites the time of the run the zip writer stamps. */
import type { Worksheet } from "exceljs";
import { findingText } from "./findings.js";
import type { RegisterTable } from "./table.js";
import { fitWidths, FONT_SIZE, rowHeight, xlsxText } from "./xlsx-layout.js";
import { pinZipDates } from "./zip-dates.js";

export const SHEETS = { cover: "Cover", record: "Art. 30 record", optional: "Lawfulness and systems", findings: "Findings" } as const;

const FONT = { name: "Arial", size: FONT_SIZE };
const HEADING_FILL = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E2F3" } } as const;
/** A4, landscape, one page wide and as many long as it takes, narrow margins (inches). */
const PAGE = {
  paperSize: 9,
  orientation: "landscape",
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
  margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.25, footer: 0.25 },
} as const;

/** The date the workbook says it was written: the model's own (`updated "2025-05"` is its first day), so that
 *  the same model gives the same file; 1980-01-01, the zip format's first day, when it has none. */
export function workbookDate(modelUpdated: string | undefined): Date {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(modelUpdated ?? "");
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1))) : undefined;
  return date && !Number.isNaN(date.getTime()) && date.getUTCFullYear() >= 1980 && date.getUTCFullYear() < 2108 ? date : new Date(Date.UTC(1980, 0, 1));
}

/** A sheet of one heading row and rows below it: wrapped, top-aligned, the heading frozen (with the first
 *  column) and repeated on every printed page. */
function tableSheet(sheet: Worksheet, headings: string[], rows: string[][]): void {
  const widths = fitWidths(headings, rows);
  // exceljs leaves out a column of width 9, its default, and a reader then applies its own (8.43).
  sheet.columns = widths.map((width) => ({ width: width === 9 ? 9.01 : width }));
  const heading = sheet.addRow(headings.map(xlsxText));
  heading.font = { ...FONT, bold: true };
  heading.height = rowHeight(headings, widths, true);
  heading.eachCell((c) => (c.fill = HEADING_FILL));
  for (const cells of rows) sheet.addRow(cells.map(xlsxText)).height = rowHeight(cells, widths);
  sheet.eachRow((row) => {
    row.alignment = { wrapText: true, vertical: "top" };
    if (row.number > 1) row.font = FONT;
  });
  sheet.views = [{ state: "frozen", xSplit: 1, ySplit: 1, topLeftCell: "B2", activeCell: "B2" }];
  sheet.pageSetup = { ...PAGE, printTitlesRow: "1:1" };
  // Fixed words only: a header or footer interprets `&` codes, so no user text goes there.
  sheet.headerFooter = { oddFooter: "&L&A&RPage &P of &N" };
}

function coverSheet(sheet: Worksheet, table: RegisterTable): void {
  const widths = [34, 110];
  sheet.columns = widths.map((width) => ({ width }));
  const cover = { ...FONT, size: 10 };
  const add = (label: string, value: string, style?: "title" | "section") => {
    const row = sheet.addRow([xlsxText(label), xlsxText(value)]);
    row.alignment = { wrapText: true, vertical: "top" };
    row.getCell(1).font = { ...cover, bold: true, ...(style === "section" ? { size: 11 } : {}) };
    row.getCell(2).font = cover;
    row.height = style === "section" ? rowHeight([value], [widths[1]!]) + 10 : rowHeight([label, value], widths) + 2;
    if (style === "title") {
      // The title spans both columns, one line of 14 pt.
      sheet.mergeCells(row.number, 1, row.number, 2);
      row.getCell(1).font = { ...cover, size: 14, bold: true };
      row.height = 24;
    }
  };
  add(table.title, "", "title");
  for (const [label, value] of table.header) add(label, value);
  add("", "");
  const counts = { error: 0, warning: 0, info: 0, accepted: 0 };
  for (const f of table.findings) counts[f.severity]++;
  add("Findings summary", `${counts.error} errors, ${counts.warning} warnings, ${counts.info} info, ${counts.accepted} accepted risk${counts.accepted === 1 ? "" : "s"}`, "section");
  const byCode = new Map<string, number>();
  for (const f of table.findings) if (f.severity !== "accepted") byCode.set(`${f.severity} ${f.code}`, (byCode.get(`${f.severity} ${f.code}`) ?? 0) + 1);
  const order = { error: 0, warning: 1, info: 2 } as Record<string, number>;
  for (const [code, n] of [...byCode].sort(([a], [b]) => order[a.split(" ")[0]!]! - order[b.split(" ")[0]!]! || (a < b ? -1 : a > b ? 1 : 0))) add(code, `${n} finding${n === 1 ? "" : "s"}`);
  add("", "");
  const accepted = table.findings.filter((f) => f.severity === "accepted");
  add("Accepted risks", accepted.length ? `${accepted.length}, each with the reason the organization gave` : "none", "section");
  for (const f of accepted) add(f.ref, `Reason: ${f.reason ?? ""}\n${f.message}\nActivities: ${f.activities.join(", ")}`);
  add("", "");
  add("Sheets", `"${SHEETS.record}": the Art. 30 fields, one row per processing activity. "${SHEETS.optional}": lawful basis, Art. 9 condition, source, systems, location and the findings of each activity. "${SHEETS.findings}": each finding's text, once; the activity rows name findings by their reference.`, "section");
  sheet.pageSetup = { ...PAGE, printTitlesRow: undefined };
  sheet.headerFooter = { oddFooter: "&L&A&RPage &P of &N" };
}

/** The workbook's bytes. */
export async function toXlsx(table: RegisterTable, modelUpdated: string | undefined): Promise<Uint8Array> {
  const exceljs = await import("exceljs");
  const { Workbook } = (exceljs.default ?? exceljs) as typeof import("exceljs");
  const date = workbookDate(modelUpdated);
  const workbook = new Workbook();
  workbook.creator = "flowmap";
  workbook.lastModifiedBy = "flowmap";
  workbook.created = date;
  workbook.modified = date;
  workbook.title = xlsxText(table.title);

  coverSheet(workbook.addWorksheet(SHEETS.cover), table);
  const pick = (groups: string[]) => table.columns.map((_, i) => i).filter((i) => groups.includes(table.columnGroups[i]!));
  const art30 = pick(["ref", "art30"]);
  // The optional sheet repeats the purpose, so each sheet reads on its own.
  const purpose = table.columns.findIndex((_, i) => table.columnGroups[i] === "art30" && /^(Purpose of processing|Categories of processing)/.test(table.columns[i]!));
  const optional = [...pick(["ref"]), ...(purpose >= 0 ? [purpose] : []), ...pick(["optional"])];
  const sheetOf = (name: string, indexes: number[]) => tableSheet(workbook.addWorksheet(name), indexes.map((i) => table.columns[i]!), table.rows.map((r) => indexes.map((i) => r[i]!)));
  sheetOf(SHEETS.record, art30);
  sheetOf(SHEETS.optional, optional);
  tableSheet(
    workbook.addWorksheet(SHEETS.findings),
    ["Finding", "Text", "Activities"],
    table.findings.map((f) => [f.ref, findingText(f), f.activities.join(", ")]),
  );
  const buffer = await workbook.xlsx.writeBuffer();
  return pinZipDates(new Uint8Array(buffer as ArrayBuffer), date);
}
