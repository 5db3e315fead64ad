/** The xlsx register (issue 16 item 3): read back with exceljs and, for the zip and XML layers, independently;
 *  the CLI's register flags; and, where LibreOffice is installed, its PDF export. */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { checkSource, type CheckResult } from "../src/check/index.js";
import { transferFactsAsOf } from "../src/legal/gdpr-transfers.js";
import { buildRegister, SHEETS, toXlsx, type RegisterTable } from "../src/register/index.js";
import { workbookDate } from "../src/register/xlsx.js";
import { dosDateTime } from "../src/register/zip-dates.js";
import { MAX_ROW_HEIGHT, xlsxText } from "../src/register/xlsx-layout.js";
import { hostileCorpus, hostileModel, rawHostile } from "./data/hostile.js";

const root = resolve(".");
const cli = join(root, "dist/flowmap.mjs");
const seeds = readdirSync(join(root, "models")).filter((f) => f.endsWith(".flow")).sort();
const check = (path: string, text = readFileSync(join(root, path), "utf8")): CheckResult => checkSource(path, text);

/** The entries of a zip, read from its central directory: name, DOS date and time, uncompressed bytes. */
function unzip(bytes: Uint8Array): Map<string, { date: number; time: number; localDate: number; localTime: number; data: Buffer }> {
  const buf = Buffer.from(bytes);
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  const out = new Map();
  let at = buf.readUInt32LE(end + 16);
  for (let n = buf.readUInt16LE(end + 10); n > 0; n--) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString("utf8", at + 46, at + 46 + nameLength);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    out.set(name, {
      date: buf.readUInt16LE(at + 14), time: buf.readUInt16LE(at + 12),
      localDate: buf.readUInt16LE(local + 12), localTime: buf.readUInt16LE(local + 10),
      data: method === 8 ? inflateRawSync(raw) : raw,
    });
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return out;
}

async function workbookOf(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** A sheet's rows as strings, the heading row first. */
function cellsOf(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
  return rows;
}

describe("the xlsx register of each seed", () => {
  for (const file of seeds) {
    const name = basename(file, ".flow");
    const result = check(`models/${file}`);
    const table = buildRegister(result, "controller");
    const bytes = toXlsx(table, result.model.updated);

    it(`${name}: a cover sheet, the Art. 30 record, the optional fields and the findings, as the table holds them`, async () => {
      const wb = await workbookOf(await bytes);
      expect(wb.worksheets.map((s) => s.name)).toEqual([SHEETS.cover, SHEETS.record, SHEETS.optional, SHEETS.findings]);
      const cover = cellsOf(wb.getWorksheet(SHEETS.cover)!);
      const coverText = cover.map((r) => r.join(" | ")).join("\n");
      const org = result.model.organization!;
      expect(coverText).toContain(`Organization | ${org.name}`);
      expect(coverText).toContain(`Data protection officer | ${org.dpo ?? "not specified"}`);
      expect(coverText).toContain("Representative | ");
      expect(coverText).toContain("Joint controllers | ");
      expect(coverText).toContain(`Model updated | ${table.dates.model}`);
      expect(coverText).toContain(`Transfer facts as of | ${transferFactsAsOf}`);
      expect(coverText).toMatch(/Findings summary \| \d+ errors, \d+ warnings, \d+ info, \d+ accepted risks?/);
      expect(coverText).toContain("Accepted risks | ");

      const record = cellsOf(wb.getWorksheet(SHEETS.record)!);
      const art30 = table.columns.filter((_, i) => table.columnGroups[i] === "ref" || table.columnGroups[i] === "art30");
      expect(record[0]).toEqual(art30);
      // The controller block and the dates are on the cover, not on every row.
      expect(record[0]).not.toContain("Name and contact details of controller");
      expect(record[0]).not.toContain("Model updated");
      expect(record.slice(1).map((r) => r[0])).toEqual(table.rows.map((r) => r[0]));
      for (const [i, heading] of art30.entries()) {
        const col = table.columns.indexOf(heading);
        expect(record.slice(1).map((r) => r[i]), heading).toEqual(table.rows.map((r) => r[col]));
      }
      const optional = cellsOf(wb.getWorksheet(SHEETS.optional)!);
      expect(optional[0]!.slice(0, 2)).toEqual(["Activity ref.", "Purpose of processing"]);
      expect(optional[0]!.at(-1)).toBe("Findings (flowmap check)");
      const findings = cellsOf(wb.getWorksheet(SHEETS.findings)!);
      expect(findings[0]).toEqual(["Finding", "Text", "Activities"]);
      expect(findings.slice(1).map((r) => r[0])).toEqual(table.findings.map((f) => f.ref));
      // Every ref a findings cell names has its text on the findings sheet.
      const refs = new Set(findings.slice(1).map((r) => r[0]));
      for (const row of optional.slice(1)) for (const line of row.at(-1)!.split("\n")) if (line !== "none") expect(refs.has(line.replace(/, reason: .*$/, "")), line).toBe(true);
    });

    it(`${name}: wrapped cells, frozen heading row and first column, landscape fitted to the page width, heading repeated on each page`, async () => {
      const wb = await workbookOf(await bytes);
      for (const sheetName of [SHEETS.record, SHEETS.optional, SHEETS.findings]) {
        const sheet = wb.getWorksheet(sheetName)!;
        expect(sheet.views[0], sheetName).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 1 });
        expect(sheet.pageSetup, sheetName).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 });
        expect(sheet.pageSetup.printTitlesRow, sheetName).toBe("1:1");
        expect(sheet.getRow(1).font?.bold, sheetName).toBe(true);
        sheet.eachRow((row) => {
          row.eachCell((c) => expect(c.alignment?.wrapText, `${sheetName} ${c.address}`).toBe(true));
          expect(row.height, `${sheetName} row ${row.number}`).toBeLessThan(MAX_ROW_HEIGHT); // nothing cut off
        });
        const widths = sheet.columns.map((c) => c.width!);
        for (const w of widths) expect(w, `${sheetName}: ${widths.join(" ")}`).toBeGreaterThanOrEqual(8);
        expect(widths.reduce((a, b) => a + b, 0), sheetName).toBeLessThanOrEqual(190);
      }
      expect(wb.getWorksheet(SHEETS.cover)!.pageSetup).toMatchObject({ orientation: "landscape", fitToWidth: 1 });
    });

    it(`${name}: same input, same bytes; no date of the run in the zip or the document properties`, async () => {
      const first = await bytes;
      const again = await toXlsx(buildRegister(check(`models/${file}`), "controller"), result.model.updated);
      expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
      const expected = dosDateTime(workbookDate(result.model.updated));
      const entries = unzip(first);
      expect(entries.size).toBeGreaterThan(8);
      for (const [entry, e] of entries) expect([e.date, e.time, e.localDate, e.localTime], entry).toEqual([expected.date, expected.time, expected.date, expected.time]);
      // The print titles, as the workbook XML has them: the heading row of each table sheet.
      const workbookXml = entries.get("xl/workbook.xml")!.data.toString("utf8");
      for (const [i, sheet] of [SHEETS.record, SHEETS.optional, SHEETS.findings].entries()) expect(workbookXml).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="${i + 1}">&apos;${sheet}&apos;!$1:$1</definedName>`);
      const core = entries.get("docProps/core.xml")!.data.toString("utf8");
      const day = workbookDate(result.model.updated).toISOString().slice(0, 10);
      if (result.model.updated) expect(day.startsWith(result.model.updated.slice(0, 7))).toBe(true);
      expect(core).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${day}T00:00:00Z</dcterms:created>`);
      expect(core).toContain(`<dcterms:modified xsi:type="dcterms:W3CDTF">${day}T00:00:00Z</dcterms:modified>`);
    });
  }
});

describe("the workbook's date", () => {
  it("is the model's updated date, its first day when only a month or a year is given, else 1980-01-01", () => {
    expect(workbookDate("2024-05-24").toISOString()).toBe("2024-05-24T00:00:00.000Z");
    expect(workbookDate("2025-05").toISOString()).toBe("2025-05-01T00:00:00.000Z");
    expect(workbookDate("2025").toISOString()).toBe("2025-01-01T00:00:00.000Z");
    for (const none of [undefined, "", "May 2024", "1975-01-01"]) expect(workbookDate(none).toISOString()).toBe("1980-01-01T00:00:00.000Z");
  });
});

describe("accepted risks on the cover sheet", () => {
  it("each with the reason the organization gave, its text and the activities it bears on", async () => {
    const insecure = readFileSync(join(root, "test/fixtures/rules/storage-without-security.flow"), "utf8");
    const text = insecure.replace(/^system db /m, "// flowmap-ignore storage-without-security: encrypted by the platform (ticket SEC-7)\nsystem db ");
    const result = check("t.flow", text);
    expect(result.accepted).toHaveLength(1);
    const table = buildRegister(result, "controller");
    const cover = cellsOf((await workbookOf(await toXlsx(table, result.model.updated))).getWorksheet(SHEETS.cover)!);
    const at = cover.findIndex((r) => r[0] === "Accepted risks");
    expect(cover[at]![1]).toBe("1, each with the reason the organization gave");
    const risk = cover[at + 1]!;
    expect(risk[0]).toBe(`accepted storage-without-security (line ${result.accepted[0]!.span.line})`);
    expect(risk[1]).toBe(`Reason: encrypted by the platform (ticket SEC-7)\n${result.accepted[0]!.message}\nActivities: ${table.findings[0]!.activities.join(", ")}`);
    expect(cover.find((r) => r[0] === "Findings summary")![1]).toMatch(/, 1 accepted risk$/);
  });
});

describe("hostile text in the xlsx (test/data/hostile.ts)", () => {
  const result = check("hostile.flow", hostileModel());
  const table = buildRegister(result, "controller");
  const bytes = toXlsx(table, undefined);

  it("the model reads whole, so the hostile strings reach the register", () => {
    expect(result.complete).toBe(true);
    const text = table.rows.flat().join("\n");
    expect(text).toContain(hostileCorpus.formulaEquals!);
    expect(text).toContain(hostileCorpus.script!);
  });

  it("no formula in any sheet, every cell a string that no spreadsheet would run, no raw control character", async () => {
    const entries = unzip(await bytes);
    // Every part is well-formed XML, whatever the names held.
    for (const [n, e] of entries) if (/\.(xml|rels)$/.test(n)) expect(XMLValidator.validate(e.data.toString("utf8")), n).toBe(true);
    const sheets = [...entries].filter(([n]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    expect(sheets).toHaveLength(4);
    for (const [n, e] of sheets) {
      const xml = e.data.toString("utf8");
      expect(xml, n).not.toMatch(/<f[ >]/);
      // Every cell with a value is a shared string (t="s"): no number, boolean, inline formula result.
      for (const c of xml.match(/<c [^>]*>/g) ?? []) if (!c.endsWith("/>")) expect(c, n).toMatch(/ t="s"/);
    }
    const wb = await workbookOf(await bytes);
    let neutralised = 0;
    for (const sheet of wb.worksheets) {
      sheet.eachRow((row) => row.eachCell((c) => {
        expect(typeof c.value, `${sheet.name} ${c.address}`).toBe("string");
        const v = c.value as string;
        expect(v, `${sheet.name} ${c.address}`).not.toMatch(/^[\s\u00a0\u3000"“”‘’]*[=+\-@\t\r＝＋－＠﹦﹢﹣﹫]/);
        expect(v).not.toMatch(rawHostile);
        if (v.startsWith("'")) neutralised++;
      }));
    }
    expect(neutralised).toBeGreaterThan(5);
    const shared = entries.get("xl/sharedStrings.xml")!.data.toString("utf8");
    expect(shared).not.toContain("<script>");
    expect(shared).toContain("&lt;script&gt;");
  });

  it("a cell longer than Excel's limit is cut with a note, not rejected", async () => {
    const purpose = table.columns.indexOf("Purpose of processing");
    const long: RegisterTable = { ...table, rows: table.rows.map((r, i) => (i === 0 ? r.map((c, j) => (j === purpose ? "x".repeat(40_000) : c)) : r)) };
    const wb = await workbookOf(await toXlsx(long, undefined));
    const values: string[] = [];
    wb.getWorksheet(SHEETS.record)!.getRow(2).eachCell((c) => values.push(String(c.value)));
    const cut = values.find((v) => v.startsWith("xxx"))!;
    expect(cut.length).toBeLessThanOrEqual(32_767);
    expect(cut).toMatch(/\[cut: \d+ more characters; the CSV register has the whole cell\]$/);
  });

  it("the cut says how many characters it left out, and never splits a surrogate pair", () => {
    for (const text of ["x".repeat(40_000), "😀".repeat(20_000), `a${"😀".repeat(20_000)}`]) {
      const cell = xlsxText(text);
      const [, kept, n] = /^([\s\S]*) \[cut: (\d+) more characters; the CSV register has the whole cell\]$/.exec(cell)!;
      expect(cell.length).toBeLessThanOrEqual(32_767);
      expect(kept!.length + Number(n)).toBe(text.length);
      expect(text.startsWith(kept!)).toBe(true);
      expect(cell).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }
  });
});

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8", timeout: 30_000, env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("flowmap register flags", () => {
  let dir = "";
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, "scripts/bundle.mjs")]);
    dir = mkdtempSync(join(tmpdir(), "flowmap-register-"));
    mkdirSync(join(dir, "models"));
    for (const f of ["cieloweb.flow", "cbline.flow"]) writeFileSync(join(dir, "models", f), readFileSync(join(root, "models", f)));
    writeFileSync(join(dir, "models/acme.flow"), `model "Acme" { regime gdpr  updated "2025-03-04" }
organization acme "Acme Hosting" { role processor  country DE  contact "privacy@acme.example"  dpo "dpo@acme.example" }
subject customer "Customers of the client"
data email "E-mail" { kind contact }
purpose hosting "Hosting the client's shop" { basis contract  subjects customer  data email  retention 30 days }
system shop "Client shop backend" { kind server  operator "Shop GmbH" as controller  located DE }
system host "Acme servers" { kind server  operator self  located DE  security "encryption at rest"  stores email }
flow shop -> host { data email for hosting }
`);
  });

  it("the bundle loads exceljs only where an xlsx is written: a dynamic import, no static one", () => {
    // The entry and, when the bundle is split, its chunks.
    const chunks = join(root, "dist/chunks");
    const files = [cli, ...(existsSync(chunks) ? readdirSync(chunks).filter((f) => f.endsWith(".mjs")).map((f) => join(chunks, f)) : [])];
    const bundle = files.map((f) => readFileSync(f, "utf8")).join("\n");
    expect(bundle.match(/import\("exceljs"\)/g)?.length).toBeGreaterThanOrEqual(1);
    expect(bundle).not.toMatch(/from\s*["']exceljs["']|require\(["']exceljs["']\)/);
  });

  it("--format xlsx writes out/<model>.register.xlsx, the same bytes on each run", async () => {
    expect(run(["register", "models/cieloweb.flow", "--format", "xlsx"], dir)).toMatchObject({ code: 0, stdout: "wrote out/cieloweb.register.xlsx\n" });
    const first = readFileSync(join(dir, "out/cieloweb.register.xlsx"));
    expect(run(["register", "models/cieloweb.flow", "--format", "xlsx"], dir).code).toBe(0);
    expect(readFileSync(join(dir, "out/cieloweb.register.xlsx")).equals(first)).toBe(true);
    const wb = await workbookOf(first);
    expect(wb.worksheets.map((s) => s.name)).toContain(SHEETS.record);
    // Without --format, the -o path's extension chooses.
    expect(run(["register", "models/cieloweb.flow", "-o", "filed.xlsx"], dir).code).toBe(0);
    expect(readFileSync(join(dir, "filed.xlsx")).equals(first)).toBe(true);
  });

  it("--record processor on a controller's model is a usage error naming its role, with the way out; nothing written", () => {
    const r = run(["register", "models/cieloweb.flow", "--record", "processor"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("models/cieloweb.flow declares its organization CieloWeb as a controller (`role controller`)");
    expect(r.stderr).toContain("Omit --record for the controller's Art. 30(1) record, or declare `role processor`");
    expect(existsSync(join(dir, "out/cieloweb.processor.register.csv"))).toBe(false);
    // A processor keeps both: its Art. 30(2) record, and the Art. 30(1) record of its own processing.
    expect(run(["register", "models/acme.flow", "--record", "processor"], dir).code).toBe(0);
    expect(readFileSync(join(dir, "out/acme.processor.register.csv"), "utf8")).toContain("Shop GmbH (via Client shop backend)");
    expect(run(["register", "models/acme.flow", "--record", "controller", "-o", "acme-own.csv"], dir).code).toBe(0);
  });

  it("--template cnil adds the CNIL annotations; unknown formats, templates and --bom off the CSV are usage errors", () => {
    expect(run(["register", "models/cbline.flow", "-o", "ico.csv"], dir).code).toBe(0);
    expect(readFileSync(join(dir, "ico.csv"), "utf8")).not.toContain("CNIL");
    expect(run(["register", "models/cbline.flow", "--template", "cnil", "-o", "cnil.csv"], dir).code).toBe(0);
    expect(readFileSync(join(dir, "cnil.csv"), "utf8")).toContain("CNIL: ");
    for (const args of [["--format", "pdf"], ["--template", "edpb"], ["--format", "xlsx", "--bom"]]) {
      const r = run(["register", "models/cbline.flow", ...args], dir);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/unknown (format|template)|--bom is for the CSV/);
    }
  });
});

/** LibreOffice, when installed (`apt-get install libreoffice-calc-nogui poppler-utils`): each seed's xlsx
 *  converts to a PDF whose pages are landscape and few. */
const soffice = spawnSync("soffice", ["--version"], { encoding: "utf8" }).status === 0;
const pdfinfo = spawnSync("pdfinfo", ["-v"], { encoding: "utf8" }).status === 0;
describe.skipIf(!soffice || !pdfinfo)("LibreOffice opens the xlsx (skipped without soffice and pdfinfo)", () => {
  it("every seed converts to a landscape PDF of a few pages (the CSV printed 22 to 38)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "flowmap-lo-"));
    for (const file of seeds) {
      const result = check(`models/${file}`);
      writeFileSync(join(dir, `${basename(file, ".flow")}.xlsx`), await toXlsx(buildRegister(result, "controller"), result.model.updated));
    }
    execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${dir}/profile`, "--convert-to", "pdf", "--outdir", dir, ...seeds.map((f) => join(dir, `${basename(f, ".flow")}.xlsx`))], { timeout: 120_000, stdio: "ignore" });
    for (const file of seeds) {
      const info = execFileSync("pdfinfo", [join(dir, `${basename(file, ".flow")}.pdf`)], { encoding: "utf8" });
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!.slice(1).map(Number) as [number, number];
      expect(w, file).toBeGreaterThan(h); // landscape
      expect(pages, file).toBeLessThanOrEqual(10); // 4 to 8 pages in December 2026
    }
  }, 180_000);
});
if (!soffice || !pdfinfo) console.log("register-xlsx: LibreOffice (soffice) or pdfinfo not installed; the PDF export test is skipped");
