/** The Art. 30 register: seed models rendered to out/ and goldens, read back by an independent RFC 4180 parser. */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { checkSource, type CheckResult } from "../src/check/index.js";
import { eeaCountries } from "../src/legal/gdpr-transfers.js";
import { relationsOf } from "../src/model/relations.js";
import { buildRegister, defaultRecord, markdownCell, toCsv, toMarkdown, UNASSIGNED_REF, type RegisterTable } from "../src/register/index.js";
import { EXCEPTIONAL_SAFEGUARDS, INTERNAL_RECIPIENTS, RECIPIENTS, TRANSFER_GROUNDS } from "../src/register/controller.js";
import { transferFactsAsOf } from "../src/legal/gdpr-transfers.js";

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
  RECIPIENTS,
  "Link to contract with processor",
  "Names of third countries or international organisations that personal data are transferred to (if applicable)",
  TRANSFER_GROUNDS,
  EXCEPTIONAL_SAFEGUARDS,
  "Retention schedule (if possible)",
  "General description of technical and organisational security measures (if possible)",
];
const [, , , , , , COUNTRIES, GROUNDS, , RETENTION, SECURITY] = icoColumns as [string, string, string, string, string, string, string, string, string, string, string];

describe("registers of the seed models", () => {
  for (const file of seeds) {
    const name = basename(file, ".flow");
    const result = check(`models/${file}`);
    const table = buildRegister(result, "controller");
    const csv = toCsv(table);
    const md = toMarkdown(table);

    it(`${name}: matches the goldens, every row as wide as the header, deterministic`, async () => {
      await expect(csv).toMatchFileSnapshot(`golden/register/${name}.csv`);
      await expect(md).toMatchFileSnapshot(`golden/register/${name}.md`);
      const rows = parseCsv(csv);
      expect(rows[0]).toEqual(table.columns);
      expect(rows).toHaveLength(table.rows.length + 1);
      for (const row of rows) expect(row).toHaveLength(table.columns.length);
      expect(csv.endsWith("\r\n")).toBe(true);
      expect(outsideQuotes(csv).split("\r\n").join("")).not.toMatch(/[\r\n]/);
      expect(toCsv(buildRegister(check(`models/${file}`), "controller"))).toBe(csv); // same bytes
    });

    it(`${name}: the committed out/${name}.register.csv and .md are current`, () => {
      // `npm start` (flowmap build) writes these; the test reads what is committed.
      expect(readFileSync(join(root, "out", `${name}.register.csv`), "utf8")).toBe(csv);
      expect(readFileSync(join(root, "out", `${name}.register.md`), "utf8")).toBe(md);
    });

    it(`${name}: out/ lists, in (e), every third country where the activity's systems hold the data`, () => {
      const [header, ...rows] = parseCsv(readFileSync(join(root, "out", `${name}.register.csv`), "utf8"));
      const countries = header!.indexOf(COUNTRIES);
      const relations = relationsOf(result.model);
      for (const purpose of result.model.purposes) {
        const row = rows.find((r) => r[0] === purpose.id)!;
        expect(row, purpose.id).toBeDefined();
        for (const system of relations.systemsOfPurpose(purpose.id)) {
          if (system.clientSide) continue;
          for (const { code } of system.locations) {
            if (eeaCountries.has(code) || code === "unspecified") continue;
            expect(row[countries], `${purpose.id}: ${system.id} in ${code}`).toContain(code === "global" || code === "anywhere" ? code : `(${code})`);
          }
        }
      }
    });
  }
});

/** A seed's committed register, read back with csv-parse: `cell(activity, column)`. */
function committed(name: string) {
  const [header, ...rows] = parseCsv(readFileSync(join(root, "out", `${name}.register.csv`), "utf8"));
  const cell = (activity: string, column: string) => {
    const row = rows.find((r) => r[0] === activity);
    expect(row, `row ${activity}`).toBeDefined();
    const i = header!.indexOf(column);
    expect(i, column).toBeGreaterThanOrEqual(0);
    return row![i]!;
  };
  return { header: header!, rows, cell };
}

const CONTROLLER = "Name and contact details of controller";
const REPRESENTATIVE = "Name and contact details of representative (if applicable)";
const CONTRACT = "Link to contract with processor";
const BASIS = "Article 6 lawful basis for processing personal data";
const LOCATION = "Location of personal data";

describe("known cells of the committed seed registers (out/, read with csv-parse)", () => {
  it("senbilcloud: the Cloudflare transfer to the US on the policy's stated Art. 49(1)(a) consent, also for the activities behind it", () => {
    const { cell } = committed("senbilcloud");
    const consent = '("Your consent to this Privacy Policy followed by Your submission of such information represents Your agreement to that transfer.")';
    expect(cell("traffic", COUNTRIES)).toBe("United States (US)\nglobal (unknown countries)");
    // Destinations on the same ground share one line: the policy's sentence is written once.
    expect(cell("traffic", GROUNDS)).toBe(`Cloudflare in United States (US), global (unknown countries): Art. 49(1)(a) derogation: explicit consent after being informed of the risks ${consent}, not valid: Art. 49(1)(a) consent obtained by accepting the policy or terms as a whole, not explicitly`);
    expect(cell("traffic", EXCEPTIONAL_SAFEGUARDS)).toBe("not applicable (no transfer under Art. 49(1) second subparagraph)");
    expect(cell("traffic", RECIPIENTS)).toBe("processor: Cloudflare, Inc. (Cloudflare)");
    expect(cell("traffic", CONTRACT)).toBe("Cloudflare, Inc. (Cloudflare): not specified");
    expect(cell("traffic", RETENTION)).toBe("all categories: not specified");
    // Accounts are kept on the servers, but every request crosses Cloudflare first.
    expect(cell("accounts", COUNTRIES)).toBe("United States (US)\nglobal (unknown countries)\nTürkiye (TR)\nSwitzerland (CH)");
    expect(cell("accounts", GROUNDS)).toContain("Cloudflare in United States (US), global (unknown countries); Senbilcloud servers (cloud, bulut, okul, auth and other senbil.net sites) in Türkiye (TR): Art. 49(1)(a) derogation");
    expect(cell("accounts", GROUNDS).split(consent)).toHaveLength(2); // quoted once
    expect(cell("accounts", GROUNDS)).toContain("(the policy's words quoted above)");
    expect(cell("accounts", GROUNDS)).toContain("in Switzerland (CH): Art. 45 adequacy");
    expect(cell("accounts", "Findings (flowmap check)")).toContain("derogation-for-regular-transfer (line");
    expect(cell("accounts", CONTROLLER)).toBe("Senbilcloud; established in Türkiye (TR); contact: mail@senbil.net; address: not specified");
    expect(cell("accounts", REPRESENTATIVE)).toBe("not specified");
    expect(cell("accounts", BASIS)).toBe('Art. 6(1)(a) consent, obtained by use of the service ("By using the Service, You agree to the collection and use of information in accordance with this Privacy Policy")');
    expect(cell("accounts", "Findings (flowmap check)")).toContain("consent-invalid (line");
    // The derogation claims consent that is not explicit, so it covers nothing (derogation-consent-not-explicit).
    expect(cell("traffic", GROUNDS)).toContain(`${consent}, not valid: Art. 49(1)(a) consent obtained by accepting the policy or terms as a whole, not explicitly`);
    expect(cell("traffic", "Findings (flowmap check)")).toContain("derogation-consent-not-explicit (line");
    expect(cell("marketing", BASIS)).toBe('Art. 6(1)(a) consent ("Where local law requires, we will obtain your consent before sending such communications.")');
    expect(cell("legal_disclosure", RECIPIENTS)).toContain("public authority: Public authorities (courts, government agencies)");
    // "The authorities", country unstated, are presumed the organization's own country's (Türkiye).
    expect(cell("legal_disclosure", GROUNDS)).toContain("Public authorities (courts, government agencies) in Türkiye (TR): not specified (no international agreement (Art. 48) and no Art. 49 derogation)");
    expect(cell("legal_disclosure", "Findings (flowmap check)")).toContain("authority-transfer-without-agreement (line");
    expect(cell("legal_disclosure", COUNTRIES)).toContain("not specified (location of Public authorities (courts, government agencies) unknown)");
    expect(cell("calls", RETENTION)).toContain('for the session only ("We generally do not store the contents of video or voice calls")');
  });

  it("banzaicloud: a Hungarian controller, unknown hosting location (no transfer shown), US authorities, indefinite retention", () => {
    const { cell } = committed("banzaicloud");
    expect(cell("service", CONTROLLER)).toBe("Cloud Native Zrt. (Banzai Cloud); established in Hungary (HU); contact: not specified; address: not specified");
    expect(cell("service", REPRESENTATIVE)).toBe("not applicable (established in the EEA)");
    expect(cell("service", COUNTRIES)).toBe("not specified (location of Service hosting (third-party providers such as Amazon) unknown)");
    // The policy is silent about where its hosts are: for an EEA controller no transfer is shown, and
    // the record says where the gap is.
    expect(cell("service", GROUNDS)).toBe("not specified (location of Service hosting (third-party providers such as Amazon) unknown)");
    expect(cell("service", RETENTION)).toMatch(/^all categories: until deleted by user \("You may update.*\), in Service hosting \(third-party providers such as Amazon\): indefinitely \("we may retain all information/);
    expect(cell("analytics", RETENTION)).toMatch(/^all categories: indefinitely \("we may retain all information you submit/);
    expect(cell("admin_contact", RETENTION)).toContain("Customer service requests: not specified");
    expect(cell("legal_disclosure", COUNTRIES)).toContain("United States (US)");
    expect(cell("legal_disclosure", GROUNDS)).toContain("Courts, government and law enforcement agencies in United States (US), an unspecified location: not specified (no international agreement (Art. 48) and no Art. 49 derogation)");
    expect(cell("legal_disclosure", RECIPIENTS)).toContain("public authority: Public authorities (Courts, government and law enforcement agencies)");
    expect(cell("legal_disclosure", BASIS)).toBe('Art. 6(1)(c) legal obligation ("We may also disclose your information if required to do so by law"), under the law of United States (US) ("state and federal laws (such as U.S. Copyright law)")');
    expect(cell("legal_disclosure", "Findings (flowmap check)")).toContain("basis-under-third-country-law (line");
    expect(cell("advertising", RECIPIENTS)).toContain("independent controller: Unnamed third-party content providers (Third-party content providers and web beacons (unnamed))");
    expect(cell("analytics", "Source of the personal data")).toContain("third party: Unnamed partners and advertisers");
    expect(cell("publishing", RECIPIENTS)).toContain("other users (Anyone with access to public areas of the Service)");
  });

  it("cbline: no country anywhere, location in memory, audio for seconds", () => {
    const { cell, rows } = committed("cbline");
    expect(cell("service", CONTROLLER)).toBe("ALAN Communication JSC; country of establishment not specified; contact: not specified; address: not specified");
    expect(cell("service", REPRESENTATIVE)).toBe("not specified");
    for (const r of rows) expect(r[0] === UNASSIGNED_REF || /^not specified \(location of .* unknown\)/.test(cell(r[0]!, GROUNDS)), r[0]).toBe(true);
    expect(cell("proximity", RETENTION)).toContain('Location (GPS coordinates): in memory only, not stored ("Your location is kept in server memory only while using client software.")');
    expect(cell("audio_messaging", RETENTION)).toBe('Audio (voice) messages: for the session only ("Audio messages are removed from server within some seconds.")');
    expect(cell("web_sessions", RETENTION)).toBe('Session identifier cookie: until logout ("The server erases your cookies when you log out.")');
    // The organization's own server is where it keeps the data, not a recipient.
    expect(cell("channels", RECIPIENTS)).toBe("other users (Other users' devices in the same channel)");
    expect(cell("analytics", SECURITY)).toBe("Server log file: not specified");
  });

  it("mittalcloud: unnamed processors with the policy's contract words, retention until the account is closed", () => {
    const { cell } = committed("mittalcloud");
    expect(cell("service", RECIPIENTS)).toContain("processor: Unnamed third-party service providers (Third-party service providers (unnamed))");
    expect(cell("service", CONTRACT)).toContain("These providers are bound by contractual obligations to protect your data");
    expect(cell("accounts", RETENTION)).toMatch(/^all categories: until account closed \("We will retain your personal data for as long as your account remains active/);
    expect(cell("marketing", BASIS)).toMatch(/^Art\. 6\(1\)\(a\) consent \(/);
    expect(cell("legal", BASIS)).toMatch(/^Art\. 6\(1\)\(c\) legal obligation/);
    expect(cell("other_consented", COUNTRIES)).toBe("not specified (no system or flow is declared for this purpose)");
    expect(cell("other_consented", LOCATION)).toBe("not specified");
    expect(cell("other_consented", "Categories of personal data")).toBe("not specified");
    const noData = check("models/mittalcloud.flow").diagnostics.find((d) => d.code === "purpose-without-data")!;
    expect(cell("other_consented", "Findings (flowmap check)")).toContain(`${noData.severity} purpose-without-data (line ${noData.span.line})`);
    expect(cell("legal", RECIPIENTS)).toContain("public authority: Public authorities (Courts and authorities)");
    expect(cell("website_cookies", RETENTION)).toBe('all categories: not specified ("Please refer to our separate Cookie Policy for further details.")');
  });
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
    expect(cell(purpose, GROUNDS)).toContain(`${firebase.name} in United States (US): not specified`);
    const finding = result.diagnostics.find((d) => d.code === "transfer-without-mechanism" && d.span.line === flow.span.line)!;
    expect(finding).toBeDefined();
    expect(cell(purpose, "Findings (flowmap check)")).toContain(`transfer-without-mechanism (line ${finding.span.line})`);
  });

  it("names AdSense an independent controller and Firebase a processor with no contract", () => {
    const adsense = systemById("adsense");
    const firebase = systemById("firebase_auth");
    expect(adsense.operator?.role).toBe("controller");
    expect(firebase.operator?.role).toBe("processor");
    expect(cell("advertising", RECIPIENTS)).toBe(`independent controller: ${adsense.operator!.vendor} (${adsense.name})`);
    expect(cell("accounts", RECIPIENTS)).toBe(`processor: ${firebase.operator!.vendor} (${firebase.name})`);
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

  it("writes the missing Art. 6 basis as not specified with its finding, the source and the encryption", () => {
    // The policy states no basis for any purpose (models/README.md); stated bases are asserted on senbilcloud.
    for (const purpose of ["accounts", "advertising", "p2p_sharing"]) {
      expect(cell(purpose, "Article 6 lawful basis for processing personal data")).toBe("not specified");
      expect(cell(purpose, "Findings (flowmap check)")).toContain("purpose-without-basis");
    }
    expect(cell("accounts", "Source of the personal data")).toBe("data subject (browser)");
    expect(cell("p2p_sharing", COUNTRIES)).toMatch(/^none/);
    expect(cell("p2p_sharing", SECURITY)).toContain("end-to-end encryption");
    expect(cell("p2p_sharing", RECIPIENTS)).toContain("other users");
  });

  it("names every finding in some row by its ref, and gives its text once, in the findings list", () => {
    const table = buildRegister(result, "controller");
    const findings = rows.map((r) => r.at(-1)!.split("\n")).flat();
    const md = toMarkdown(table);
    for (const d of result.diagnostics) {
      const ref = `${d.severity} ${d.code} (line ${d.span.line})`;
      expect(findings).toContain(ref);
      expect(table.findings.filter((f) => f.ref === ref && f.message === d.message)).toHaveLength(1);
      expect(md.split("\n").filter((l) => l.startsWith(`- **${ref}**: `))).not.toHaveLength(0);
    }
    // The cells hold refs only: no message is repeated in them.
    for (const f of table.findings) expect(rows.map((r) => r.at(-1)!).join("\n")).not.toContain(f.message);
    expect(table.findings).toHaveLength(result.diagnostics.length);
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
purpose mail "Mailing" { basis contract  subjects user  data email  retention 1 years }
purpose ops "Operations" { basis legitimate_interests  lia "LIA-1"  subjects user  data logs  retention 30 days }
system web "Browser" { kind browser }
system db "Database" {
  kind database
  operator self
  located NL
  security "access control"
  stores email for mail retention unspecified "as long as needed"
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
    expect(column("Categories of individuals").startsWith("'-2\nsay \"hi\", then\nnew line")).toBe(true);
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
    expect(cell(TRANSFER_GROUNDS)).toContain("Module 3 (processor to processor)");
    expect(cell(EXCEPTIONAL_SAFEGUARDS)).toMatch(/^not applicable/);
    expect(cell("Name and contact details of data protection officer (if applicable)")).toBe("dpo@acme.example");
  });

  it("writes 'not specified' for a model with no processor-side information", () => {
    // The seed as a processor's model: its purposes are then carried out for others (Art. 30(2)).
    const result = check("models/cieloweb.flow", readFileSync(join(root, "models/cieloweb.flow"), "utf8").replace("role controller", "role processor"));
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

describe("what the cells hold (issue 16)", () => {
  const tables = seeds.map((file) => {
    const result = check(`models/${file}`);
    return { file, result, table: buildRegister(result, "controller") };
  });

  it("every format states the model's date and the legal facts' as-of date", () => {
    for (const { file, result, table } of tables) {
      const name = basename(file, ".flow");
      const [header, ...rows] = parseCsv(readFileSync(join(root, "out", `${name}.register.csv`), "utf8"));
      const updated = header!.indexOf("Model updated");
      const asOf = header!.indexOf("Transfer facts as of");
      // cbline's policy gives no date: the register says so.
      const date = result.model.updated ?? "not specified (the model has no `updated` date)";
      for (const row of rows) expect([row[updated], row[asOf]], name).toEqual([date, transferFactsAsOf]);
      const md = readFileSync(join(root, "out", `${name}.register.md`), "utf8");
      expect(md).toContain(`- **Model updated**: ${markdownCell(date)}`);
      expect(md).toContain(`- **Transfer facts as of**: ${transferFactsAsOf}`);
      expect(table.dates).toEqual({ model: date, legalFacts: transferFactsAsOf });
    }
    const undated = buildRegister(check("u.flow", 'model "U" { regime gdpr }\norganization o "O" { role controller  country NL  contact "x@example.org" }\n'), "controller");
    expect(undated.dates.model).toMatch(/^not specified/);
  });

  it("recipients are processors, third parties and authorities, never the organization's own systems", () => {
    const categories = /^(processor|sub-processor|independent controller|joint controller|public authority|role not specified|operator not specified): |^other users \(|^none outside the organization|^not specified$/;
    let ownSystems = 0;
    for (const { file, result, table } of tables) {
      const col = table.columns.indexOf(RECIPIENTS);
      const own = result.model.systems.filter((s) => s.operator?.self).map((s) => s.name);
      ownSystems += own.length;
      for (const row of table.rows.filter((r) => r[0] !== UNASSIGNED_REF)) {
        for (const line of row[col]!.split("\n")) {
          expect(line, `${file} ${row[0]}`).toMatch(categories);
          expect(own.some((n) => line.endsWith(`: ${n}`) || line.includes(`(${n})`)), `${file} ${row[0]}: ${line}`).toBe(false);
        }
      }
    }
    expect(ownSystems).toBeGreaterThan(2);
  });

  it("no cell of a seed register runs to thousands of characters (2,386 before: findings and quotes repeated)", () => {
    for (const { file, table } of tables) {
      const longest = Math.max(...table.rows.flat().map((c) => c.length));
      expect(longest, file).toBeLessThan(1000);
    }
  });

  it("the exceptional-transfers column holds only Art. 49(1) second-subparagraph transfers and their documentation", () => {
    const text = `
model "Compelling" { regime gdpr  updated "2025-01-02" }
organization o "O" { role controller  country NL  contact "x@example.org" }
subject user "Users"
data email "E-mail" { kind contact }
purpose support "Support" { basis legitimate_interests  subjects user  data email  retention 30 days }
purpose backup "Backup" { basis legitimate_interests  subjects user  data email  retention 30 days }
system web "Browser" { kind browser }
system desk "Helpdesk" { kind saas  operator "Desk Inc." in US as processor  located US  contract "DPA" }
system store "Backups" { kind storage  operator "Store Inc." in US as processor  located US  contract "DPA" }
flow web -> desk { data email for support  mechanism derogation compelling "one-off transfer, safeguards documented in memo SEC-12"  occasional }
flow web -> store { data email for backup  mechanism scc c2p  tia "TIA-3" }
`;
    const table = buildRegister(check("c.flow", text), "controller");
    const cell = (id: string, column: string) => table.rows.find((r) => r[0] === id)![table.columns.indexOf(column)]!;
    expect(cell("support", EXCEPTIONAL_SAFEGUARDS)).toBe('Helpdesk in United States (US): "one-off transfer, safeguards documented in memo SEC-12"');
    expect(cell("support", TRANSFER_GROUNDS)).toContain("Art. 49(1) second subparagraph derogation");
    expect(cell("backup", EXCEPTIONAL_SAFEGUARDS)).toBe("not applicable (no transfer under Art. 49(1) second subparagraph)");
    expect(cell("backup", TRANSFER_GROUNDS)).toContain("Art. 46(2)(c) standard contractual clauses");
  });

  it("CNIL annotations only with the cnil template: its checklist categories and the internal recipients apart", () => {
    for (const { result, table } of tables) {
      expect(table.template).toBe("ico");
      expect(table.rows.flat().join("\n")).not.toContain("CNIL:");
      expect(table.columns).not.toContain(INTERNAL_RECIPIENTS);
      const cnil = buildRegister(result, "controller", { template: "cnil" });
      expect(cnil.template).toBe("cnil");
      expect(cnil.columns).toEqual([...table.columns.slice(0, table.columns.indexOf(RECIPIENTS) + 1), INTERNAL_RECIPIENTS, ...table.columns.slice(table.columns.indexOf(RECIPIENTS) + 1)]);
      expect(cnil.rows.map((r) => r[cnil.columns.indexOf("Categories of personal data")]).join("\n")).toMatch(/CNIL: (identity and identifiers|connection data|internet data)/);
    }
    const cbline = buildRegister(check("models/cbline.flow"), "controller", { template: "cnil" });
    expect(cbline.rows.find((r) => r[0] === "channels")![cbline.columns.indexOf(INTERNAL_RECIPIENTS)]).toBe("CBLINE server");
  });

  it("the record-level columns are marked, and the same on every row", () => {
    for (const { table } of tables) {
      const record = table.columns.filter((_, i) => table.columnGroups[i] === "record");
      expect(record).toEqual(["Name and contact details of controller", "Name and contact details of representative (if applicable)", "Name and contact details of data protection officer (if applicable)", "Model updated", "Transfer facts as of"]);
      for (const name of record) expect(new Set(table.rows.map((r) => r[table.columns.indexOf(name)])).size).toBe(1);
    }
  });
});

describe("the source of the personal data, from `obtained` and the flows that bring data in (Art. 14(2)(f))", () => {
  const SOURCE = "Source of the personal data";
  const head = `model "S" { regime gdpr  updated "2025-01-02" }
organization o "O" { role controller  country NL  contact "x@example.org" }
subject baby "Babies" { kind child }
subject user "Users" { kind user }
system app "App" { kind mobile_app }
system db "Database" { kind database  operator self  located NL  security "TLS" }
`;
  const sourceOf = (text: string, purpose: string) => {
    const table = buildRegister(check("s.flow", head + text), "controller");
    return table.rows.find((r) => r[0] === purpose)![table.columns.indexOf(SOURCE)]!;
  };

  it("data about children supplied by their parents reads 'supplied by parents', with the policy's words", () => {
    const cell = sourceOf(`
data baby_name "Baby's name" { kind identity  obtained parents "Parents enter their baby's name and birth date" }
data birth "Birth date" { kind demographic  obtained parents "Parents enter their baby's name and birth date" }
purpose tracking "Baby tracking" { basis contract  subjects baby  data baby_name, birth  retention 1 years }
flow app -> db { data baby_name, birth  for tracking }
`, "tracking");
    expect(cell.split("\n")).toEqual(["data subject (mobile app)", `supplied by parents: Baby's name, Birth date ("Parents enter their baby's name and birth date")`]);
  });

  it("social-login data names the provider, once, with what it supplies", () => {
    const cell = sourceOf(`
data profile "Name and e-mail" { kind identity  obtained social_login "Google gives us your name and e-mail" }
purpose accounts "Accounts" { basis contract  subjects user  data profile  retention 1 years }
system google "Sign in with Google" { kind authentication  operator "Google Ireland Limited" in IE as controller  located IE }
flow google -> db { data profile  for accounts }
`, "accounts");
    expect(cell).toBe(`third party: Google Ireland Limited (Sign in with Google), as social-login provider: Name and e-mail ("Google gives us your name and e-mail")`);
  });

  it("a third party's flow with no `obtained` keeps its plain line; a source named by kind only says it is not named", () => {
    const cell = sourceOf(`
data profile "Profile" { kind identity }
data leads "Leads" { kind contact  obtained brokers "We buy contact lists" }
purpose accounts "Accounts" { basis contract  subjects user  data profile, leads  retention 1 years }
system google "Sign in with Google" { kind authentication  operator "Google Ireland Limited" in IE as controller  located IE }
flow google -> db { data profile  for accounts }
`, "accounts");
    expect(cell.split("\n")).toEqual(["third party: Google Ireland Limited (Sign in with Google)", `data brokers (not named): Leads ("We buy contact lists")`]);
  });

  it("a sender's kind picks which stated source it is: the authentication service is the social-login provider, the other the partner", () => {
    const cell = sourceOf(`
data profile "Profile" { kind profile  obtained social_login, partners }
purpose accounts "Accounts" { basis contract  subjects user  data profile  retention 1 years }
system fb "Facebook Login" { kind authentication  operator "Meta Platforms Ireland Limited" in IE as controller  located IE }
system crm "Partner CRM" { kind crm  operator "Partner B.V." in NL as controller  located NL }
flow fb -> db { data profile  for accounts }
flow crm -> db { data profile  for accounts }
`, "accounts");
    expect(cell.split("\n")).toEqual([
      "third party: Meta Platforms Ireland Limited (Facebook Login), as social-login provider: Profile",
      "third party: Partner B.V. (Partner CRM), as partner: Profile",
    ]);
  });

  it("data the subject gives is the data subject's line; stated so only when no flow shows it", () => {
    const data = `data email "E-mail" { kind contact  obtained subject "you give us your e-mail" }
purpose news "Newsletter" { basis consent  consent opt_in  subjects user  data email  retention 1 years }
`;
    expect(sourceOf(`${data}flow app -> db { data email  for news }\n`, "news")).toBe("data subject (mobile app)");
    expect(sourceOf(data, "news")).toBe("data subject: E-mail");
  });
});
