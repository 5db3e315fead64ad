/** The Art. 30 register: seed models rendered to out/ and goldens, read back by an independent RFC 4180 parser. */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { checkSource, type CheckResult } from "../src/check/index.js";
import { buildRegister, defaultRecord, toCsv, toMarkdown, UNASSIGNED_REF, type RegisterTable } from "../src/register/index.js";

const root = join(import.meta.dirname, "..");
const modelsDir = join(root, "models");
const seeds = readdirSync(modelsDir).filter((f) => f.endsWith(".flow")).sort();

function check(path: string, text = readFileSync(join(root, path), "utf8")): CheckResult {
  return checkSource(path, text);
}

function parseCsv(csv: string): string[][] {
  return parse(csv, { bom: true, relax_column_count: false, relax_quotes: false, record_delimiter: "\r\n" }) as string[][];
}

/** The CSV with every quoted field removed: what is left must hold line breaks only as CRLF record ends. */
function outsideQuotes(csv: string): string {
  return csv.replace(/"(?:[^"]|"")*"/g, "");
}

/** The ICO controller template's activity columns 2-11 (shared/reference/article-30.md), in the order of
 *  Art. 30(1)(a)-(g): the joint controller belongs to (a), so it comes before the purpose (ICO puts it after). */
const icoColumns = [
  "Name and contact details of joint controller (if applicable)",
  "Purpose of processing",
  "Categories of individuals",
  "Categories of personal data",
  "Categories of recipients",
  "Link to contract with processor",
  "Names of third countries or international organisations that personal data are transferred to (if applicable)",
  "Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)",
  "Retention schedule (if possible)",
  "General description of technical and organisational security measures (if possible)",
];
const [, , , , , , COUNTRIES, SAFEGUARDS, RETENTION, SECURITY] = icoColumns as [string, string, string, string, string, string, string, string, string, string];

describe("registers of the seed models", () => {
  for (const file of seeds) {
    const name = basename(file, ".flow");
    it(`${name}: the committed out/${name}.register.csv and .md are current and match the goldens`, async () => {
      const result = check(`models/${file}`);
      const table = buildRegister(result, "controller");
      const csv = toCsv(table);
      const md = toMarkdown(table);
      // `npm start` (flowmap build) writes these; the test reads what is committed.
      expect(readFileSync(join(root, "out", `${name}.register.csv`), "utf8")).toBe(csv);
      expect(readFileSync(join(root, "out", `${name}.register.md`), "utf8")).toBe(md);
      await expect(csv).toMatchFileSnapshot(`golden/register/${name}.csv`);
      await expect(md).toMatchFileSnapshot(`golden/register/${name}.md`);

      const rows = parseCsv(readFileSync(join(root, "out", `${name}.register.csv`), "utf8"));
      expect(rows[0]).toEqual(table.columns);
      for (const row of rows) expect(row).toHaveLength(table.columns.length);
      expect(csv.endsWith("\r\n")).toBe(true);
      expect(outsideQuotes(csv).split("\r\n").join("")).not.toMatch(/[\r\n]/);
      expect(buildRegister(check(`models/${file}`), "controller")).toEqual(table); // deterministic
    });
  }
});

describe("cieloweb controller record, read back with csv-parse", () => {
  const result = check("models/cieloweb.flow");
  const { model } = result;
  const [header, ...rows] = parseCsv(toCsv(buildRegister(result, "controller")));
  const col = (name: string) => {
    const i = header!.indexOf(name);
    expect(i, name).toBeGreaterThanOrEqual(0);
    return i;
  };
  const row = (purpose: string) => rows.find((r) => r[0] === purpose)!;
  const cell = (purpose: string, column: string) => row(purpose)[col(column)]!;
  const systemById = (id: string) => model.systems.find((s) => s.id === id)!;

  it("has the ICO columns in Art. 30(1) order after the controller, one row per purpose, findings last", () => {
    const positions = ["Name and contact details of controller", ...icoColumns].map(col);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(header!.at(-1)).toMatch(/^Findings/);
    expect(rows.map((r) => r[0])).toEqual(model.purposes.map((p) => p.id));
  });

  it("shows the Firebase transfer to the US with its missing mechanism as not specified, and the finding", () => {
    const flow = model.flows.find((f) => f.to.id === "firebase_auth")!;
    const firebase = systemById("firebase_auth");
    expect(flow.mechanism).toBeUndefined();
    expect(firebase.locations.map((l) => l.code)).toEqual(["US"]);
    const purpose = flow.purposes[0]!.id;
    expect(cell(purpose, COUNTRIES)).toContain("United States (US)");
    expect(cell(purpose, SAFEGUARDS)).toContain(`${firebase.name} in United States (US): not specified`);
    const finding = result.diagnostics.find((d) => d.code === "transfer-without-mechanism" && d.span.line === flow.span.line)!;
    expect(finding).toBeDefined();
    expect(cell(purpose, "Findings (flowmap check)")).toContain(`transfer-without-mechanism (line ${finding.span.line})`);
  });

  it("names AdSense an independent controller and Firebase a processor with no contract", () => {
    const adsense = systemById("adsense");
    const firebase = systemById("firebase_auth");
    expect(adsense.operator?.role).toBe("controller");
    expect(firebase.operator?.role).toBe("processor");
    expect(cell("advertising", "Categories of recipients")).toBe(`independent controller: ${adsense.operator!.vendor} (${adsense.name})`);
    expect(cell("accounts", "Categories of recipients")).toBe(`processor: ${firebase.operator!.vendor} (${firebase.name})`);
    expect(firebase.contract).toBeUndefined();
    expect(cell("accounts", "Link to contract with processor")).toBe(`${firebase.operator!.vendor} (${firebase.name}): not specified`);
    expect(cell("advertising", "Link to contract with processor")).toMatch(/^not applicable/);
  });

  it("writes 'not specified' retention where the policy is silent, and quotes it where it speaks", () => {
    const advertising = model.purposes.find((p) => p.id === "advertising")!;
    expect(advertising.retention?.kind).toBe("unspecified");
    expect(advertising.retention?.statement).toBeUndefined();
    const dataName = model.data.find((d) => d.id === advertising.data[0]!.id)!.name;
    expect(cell("advertising", RETENTION)).toBe(`${dataName}: not specified`);
    const accounts = model.purposes.find((p) => p.id === "accounts")!;
    expect(cell("accounts", RETENTION)).toBe(`all categories: not specified ("${accounts.retention!.statement}")`);
  });

  it("gives the Art. 6 basis with its article, the source and the encryption", () => {
    expect(cell("accounts", "Article 6 lawful basis for processing personal data")).toBe("Art. 6(1)(b) contract");
    expect(cell("advertising", "Article 6 lawful basis for processing personal data")).toBe("not specified");
    expect(cell("advertising", "Findings (flowmap check)")).toContain("purpose-without-basis");
    expect(cell("accounts", "Source of the personal data")).toBe("data subject (browser)");
    expect(cell("p2p_sharing", COUNTRIES)).toMatch(/^none/);
    expect(cell("p2p_sharing", SECURITY)).toContain("end-to-end encryption");
    expect(cell("p2p_sharing", "Categories of recipients")).toContain("other users");
  });

  it("puts every finding in some row", () => {
    const findings = rows.map((r) => r.at(-1)!).join("\n");
    for (const d of result.diagnostics) expect(findings).toContain(`${d.code} (line ${d.span.line}): ${d.message}`);
  });
});

describe("findings assignment", () => {
  const text = `
model "Findings" { regime gdpr }
organization org "Org" { role controller  country NL  contact "dpo@example.org" }
subject user "Users"
data email "E-mail" { kind contact }
data logs "Logs" { kind usage }
data spare "Spare" { kind usage }
purpose mail "Mailing" { basis contract  subjects user  data email }
purpose ops "Operations" { basis legitimate_interests  subjects user  data logs  retention 30 days }
system web "Browser" { kind browser }
system db "Database" {
  kind database
  operator self
  located NL
  security "access control"
  stores email for mail
  stores logs for ops
}
flow web -> db { data email for mail }
flow web -> db { data logs for ops }
`;
  const result = check("findings.flow", text);
  const table = buildRegister(result, "controller");
  const findingsOf = (id: string) => table.rows.find((r) => r[0] === id)!.at(-1)!;

  it("assigns a finding on a stores line only to the purposes that line serves", () => {
    const storeFinding = result.diagnostics.find((d) => d.code === "retention-missing" && d.message.includes("system `db`"))!;
    expect(storeFinding).toBeDefined();
    expect(findingsOf("mail")).toContain(`line ${storeFinding.span.line}`);
    expect(findingsOf("ops")).not.toContain(`line ${storeFinding.span.line}`);
    expect(findingsOf("ops")).toBe("none");
  });

  it("collects findings tied to no activity in a last row of the same width", () => {
    const unused = result.diagnostics.find((d) => d.code === "unused-data")!;
    expect(unused.message).toContain("spare");
    const last = table.rows.at(-1)!;
    expect(last[0]).toBe(UNASSIGNED_REF);
    expect(last).toHaveLength(table.columns.length);
    expect(last.at(-1)).toContain(`unused-data (line ${unused.span.line})`);
    expect(table.rows.slice(0, -1).map((r) => r.at(-1)).join("")).not.toContain("unused-data");
  });
});

describe("hostile names", () => {
  const text = String.raw`
model "=HYPERLINK(\"http://x\")" { regime gdpr }
organization org "+1" { role controller  country NL  contact "@SUM(A1)" }
subject minus "-2"
subject quoted "say \"hi\", then\nnew line | pipe \\| escaped <br> <script>"
data link "=HYPERLINK(\"http://x\")" { kind contact }
data tab "\tx" { kind usage }
purpose at "@SUM(A1)" { basis contract  subjects minus, quoted  data link, tab  retention 30 days "-2, \"quoted\"" }
purpose tabbed "\tx" { basis contract  subjects quoted  data tab  retention 30 days }
system web "=1+1" { kind browser }
system srv "-cmd|' /C calc'!A0" { kind server  operator self  located DE  security "+encrypted", "@audit"  stores link, tab for at }
flow web -> srv "=flow" { data link, tab  for at }
flow web -> srv "-flow" { data tab  for tabbed }
`;
  const result = check("hostile.flow", text);
  result.model.purposes[1]!.name = "\rx"; // CR cannot be written in a .flow string
  const table = buildRegister(result, "controller");
  const csv = toCsv(table);
  const dangerous = /^[=+\-@\t\r]/;

  it("parses back to the same table with every formula-like cell prefixed by a quote", () => {
    const parsed = parseCsv(csv);
    expect(parsed).toHaveLength(table.rows.length + 1);
    const raw = [table.columns, ...table.rows];
    let neutralised = 0;
    parsed.forEach((row, r) => {
      expect(row).toHaveLength(table.columns.length);
      row.forEach((cell, c) => {
        const original = raw[r]![c]!;
        expect(cell).not.toMatch(dangerous);
        if (dangerous.test(original)) {
          neutralised++;
          expect(cell).toBe(`'${original}`);
        } else expect(cell).toBe(original);
      });
    });
    const row = parsed.find((r) => r[0] === "at")!;
    const column = (name: string) => row[table.columns.indexOf(name)]!;
    expect(column("Purpose of processing")).toBe("'@SUM(A1)");
    expect(column("Name and contact details of controller").startsWith("'+1; ")).toBe(true);
    expect(column("Categories of individuals").startsWith("'-2; say \"hi\", then\nnew line")).toBe(true);
    expect(column("Categories of personal data").startsWith("'=HYPERLINK(\"http://x\")")).toBe(true);
    expect(parsed.find((r) => r[0] === "tabbed")![table.columns.indexOf("Purpose of processing")]).toBe("'\rx");
    expect(neutralised).toBeGreaterThanOrEqual(5);
  });

  it("ends every record with CRLF and keeps line breaks only inside quoted fields", () => {
    expect(csv.endsWith("\r\n")).toBe(true);
    const bare = outsideQuotes(csv);
    expect(bare.split("\r\n")).toHaveLength(table.rows.length + 2);
    expect(bare.split("\r\n").join("")).not.toMatch(/[\r\n]/);
  });

  it("adds a BOM only when asked", () => {
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    const withBom = toCsv(table, { bom: true });
    expect(withBom.charCodeAt(0)).toBe(0xfeff);
    expect(parseCsv(withBom)).toEqual(parseCsv(csv));
  });

  it("keeps the Markdown table intact", () => {
    const md = toMarkdown(table);
    const tableLines = md.split("\n").filter((l) => l.startsWith("|"));
    expect(tableLines).toHaveLength(table.rows.length + 2);
    for (const line of tableLines) expect(unescapedPipes(line)).toBe(table.columns.length + 1);
    expect(md).not.toContain("<script>");
    expect(md).toContain("\\|");
  });
});

/** Cell delimiters in a GFM table row: pipes not escaped by a backslash (which itself may be escaped). */
function unescapedPipes(line: string): number {
  let count = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === "\\") i++;
    else if (line[i] === "|") count++;
  }
  return count;
}

describe("processor record, Art. 30(2)", () => {
  const text = `
model "Processor" { regime gdpr }
organization acme "Acme Hosting" { role processor  country DE  contact "privacy@acme.example"  dpo "dpo@acme.example" }
subject customer "Customers of the client"
data email "E-mail" { kind contact }
purpose hosting "Hosting the client's shop" { basis contract  subjects customer  data email  retention 30 days }
system shop "Client shop backend" { kind server  operator "Shop GmbH" as controller  located DE }
system host "Acme servers" { kind server  operator self  located DE  security "encryption at rest"  stores email }
system backup "Backup" { kind storage  operator "Store Inc." as subprocessor of host  located US  contract "DPA 2025-01" }
flow shop -> host { data email for hosting }
flow host -> backup { data email for hosting  mechanism scc p2p }
`;

  it("names the controller from the flows it sends, the sub-processor and the transfer safeguard", () => {
    const result = check("processor.flow", text);
    expect(defaultRecord(result)).toBe("processor");
    const table = buildRegister(result, defaultRecord(result));
    const [header, ...rows] = parseCsv(toCsv(table));
    expect(rows).toHaveLength(1);
    const cell = (name: string) => rows[0]![header!.indexOf(name)]!;
    expect(cell("Name and contact details of controller on whose behalf the processor acts")).toBe("Shop GmbH (via Client shop backend)");
    expect(cell("Other processors engaged (sub-processors)")).toBe("Store Inc. (Backup), contract: DPA 2025-01");
    expect(cell("Names of third countries or international organisations that personal data are transferred to (if applicable)")).toBe("United States (US)");
    expect(cell("Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)"))
      .toContain("Module 3 (processor to processor)");
    expect(cell("Name and contact details of data protection officer (if applicable)")).toBe("dpo@acme.example");
  });

  it("writes 'not specified' for a model with no processor-side information", () => {
    const result = check("models/cieloweb.flow");
    const table: RegisterTable = buildRegister(result, "processor");
    const [header, ...rows] = parseCsv(toCsv(table));
    expect(rows.map((r) => r[0])).toEqual(result.model.purposes.map((p) => p.id));
    const i = header!.indexOf("Name and contact details of controller on whose behalf the processor acts");
    for (const r of rows) {
      expect(r).toHaveLength(header!.length);
      expect(r[i]).toMatch(/^not specified/);
    }
  });
});
