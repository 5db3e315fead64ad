// `system x "X" from <id> { ... }`: a vendor entry's facts in the model, what the block overrides,
// provenance on the model and on findings, unknown ids, the team's own entries through imports,
// stale entries, fmt; and the CLI's reference date.
import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { checkEntry, checkSource, type CheckResult } from "../src/check/index.js";
import { loadProject } from "../src/project/load.js";
import { memoryHost } from "../src/project/host.js";
import { builtinCatalogue } from "../src/catalogue/builtin.js";
import { formatSource } from "../src/cli/fmt-command.js";
import { parseFlow } from "../src/syntax/parser.js";
import { addMonths, referenceDate, referenceToday, todayFromEnvironment } from "../src/check/catalogue-notes.js";
import type { CatalogueEntry } from "../src/catalogue/schema.js";

const header = `model "Acme" { regime gdpr  updated "2026-11-01" }
organization acme "Acme B.V." {
  role controller
  country NL
  contact "privacy@acme.example"
}
subject customer "Customers"
data email "E-mail address" { kind contact }
purpose orders "Orders" {
  basis contract
  subjects customer
  data email
  retention 2 years
}
system app "Backend" {
  kind server
  operator self
  located NL
}
`;

const flowTo = (to: string, extra = "") => `flow app -> ${to} {\n  data email\n  for orders\n${extra}}\n`;

const mailerEntry = (id = "mailer_inc", asOf = "2026-11-01", extra = "") => `vendor ${id} "Mailer" {
  aliases "Mailer Mail"
  kind email
  operator "Mailer Inc." in US
  located US
  certified dpf
  role processor
  contract "Mailer DPA", "https://mailer.example/dpa"
  subprocessors "https://mailer.example/subprocessors"
  as_of "${asOf}"
  source "https://mailer.example/dpa"
${extra}}
`;

function check(text: string): CheckResult {
  return checkSource("m.flow", text);
}
/** The findings outside the shared header (the organization, data and purpose every test model
 *  starts with): what the vendor parts cause, whatever rules about the rest of a model come along. */
function own(r: CheckResult) {
  const at = r.source.text.indexOf(header);
  return r.diagnostics.filter((d) => at < 0 || d.span.file !== r.files[0] || d.span.start < at || d.span.start >= at + header.length);
}
const codes = (r: CheckResult) => own(r).map((d) => d.code);
const system = (r: CheckResult, id: string) => r.model.systems.find((s) => s.id === id)!;

/** A built-in entry with a known entity, establishment and role, for tests that read the shipped data. */
const shipped = [...builtinCatalogue().all().entries.values()];
const withEntity = shipped.find((e) => e.entity?.name && e.entity.country && (e.role?.typical === "processor" || e.role?.typical === "controller"));

describe("from <id>: the entry's facts", () => {
  it("a team entry gives kind, operator, establishment, role, locations, DPF and contract, with provenance", () => {
    const r = check(header + mailerEntry() + 'system mailer "Mailer" from mailer_inc\n' + flowTo("mailer"));
    const s = system(r, "mailer");
    expect(s.kind).toBe("email");
    expect(s.operator).toMatchObject({ self: false, vendor: "Mailer Inc.", role: "processor", established: { code: "US" } });
    expect(s.locations.map((l) => l.code)).toEqual(["US"]);
    expect(s.certified).toEqual(["dpf"]);
    expect(s.contract).toBe("Mailer DPA (https://mailer.example/dpa)");
    expect(s.catalogue).toMatchObject({ entry: "mailer_inc", origin: "m.flow", asOf: "2026-11-01", facts: ["kind", "operator", "located", "certified", "contract"], unknown: [] });
    // Every fact's span is the id's: a finding resting on it points at `from mailer_inc`.
    const at = r.source.text.indexOf("from mailer_inc") + "from ".length;
    expect(s.spans.located).toMatchObject({ start: at, end: at + "mailer_inc".length });
    // The transfer is covered by the DPF certification the entry records: the info finding asks for the ground.
    expect(r.transfers[0]!.verdict).toBe("adequacy");
    expect(codes(r)).toEqual(["catalogue-ground-unstated"]);
    const d = own(r)[0]!;
    expect(d.message).toContain("covered only by a fact of vendor entry `mailer_inc` in m.flow (DPF-certified per vendor entry, checked 2026-11-01)");
    expect(d.related[0]!.message).toBe("kind email; operator Mailer Inc. in US as processor; located US; DPF-certified per vendor entry, checked 2026-11-01; contract Mailer DPA (https://mailer.example/dpa): from vendor entry `mailer_inc` in m.flow, as of 2026-11-01");
  });

  it("what the block states overrides the entry's fact, each property on its own", () => {
    const block = `system mailer "Mailer" from mailer_inc {
  located IE
  contract "Our own DPA, 2025"
}
`;
    const r = check(header + mailerEntry() + block + flowTo("mailer"));
    const s = system(r, "mailer");
    expect(s.locations.map((l) => l.code)).toEqual(["IE"]);
    expect(s.contract).toBe("Our own DPA, 2025");
    expect(s.operator?.vendor).toBe("Mailer Inc.");
    expect(s.catalogue!.facts).toEqual(["kind", "operator", "certified"]);
    // No transfer now (IE): nothing to report.
    expect(own(r)).toEqual([]);
  });

  it("`unstated` keeps facts the modelled policy does not state out of the model, so the checker still reports them", () => {
    const block = `system mailer "Mailer" from mailer_inc {
  unstated contract, certified "the policy names no DPA and no certification"
}
`;
    const r = check(header + mailerEntry() + block + flowTo("mailer"));
    const s = system(r, "mailer");
    expect(s.contract).toBeUndefined();
    expect(s.certified).toEqual([]);
    expect(s.catalogue!.facts).toEqual(["kind", "operator", "located"]);
    expect(codes(r).sort()).toEqual(["processor-without-contract", "transfer-without-mechanism"]);
    expect(codes(check(header + mailerEntry() + 'system mailer "Mailer" from mailer_inc { unstated contrct }\n' + flowTo("mailer", "  mechanism dpf\n")))).toEqual(["invalid-value"]);
    expect(codes(check(header + 'system mailer "Mailer" { kind email  operator self  located NL  unstated contract }\n' + flowTo("mailer")))).toEqual(["invalid-property"]);
  });

  it("an operator written with the entry's entity and a role keeps the entry's establishment", () => {
    const entry = mailerEntry().replace("role processor\n", "");
    const r = check(header + entry + 'system mailer "Mailer" from mailer_inc { operator "Mailer Inc." as controller }\n' + flowTo("mailer", "  mechanism dpf\n"));
    const s = system(r, "mailer");
    expect(s.operator).toMatchObject({ vendor: "Mailer Inc.", role: "controller", established: { code: "US" } });
    expect(s.catalogue!.facts).toContain("operator.established");
    expect(codes(r)).not.toContain("catalogue-role-unstated");
  });

  it("an entry that leaves the role open asks the model to state it, once (not also operator-unspecified)", () => {
    const entry = mailerEntry().replace("role processor", 'role either "processor for sending; controller for its own analytics"');
    const r = check(header + entry + 'system mailer "Mailer" from mailer_inc\n' + flowTo("mailer", "  mechanism dpf\n"));
    expect(codes(r)).toEqual(["catalogue-role-unstated"]);
    expect(own(r)[0]!.message).toBe("vendor entry `mailer_inc` in m.flow leaves the role of Mailer Inc. open (either: processor for sending; controller for its own analytics); system `mailer` states none");
    const unknownRole = mailerEntry().replace("role processor\n", "");
    const r2 = check(header + unknownRole + 'system mailer "Mailer" from mailer_inc\n' + flowTo("mailer", "  mechanism dpf\n"));
    expect(codes(r2)).toEqual(["catalogue-role-unstated"]);
    expect(own(r2)[0]!.message).toContain("open (unknown)");
  });

  it("a fact the entry leaves unknown stays unknown: the rule that needs it reports, noting the entry does not know it", () => {
    // (Its entity is placed in the EEA: one established in a third country places the transfer there.)
    const entry = mailerEntry().replace("  located US\n", "").replace('operator "Mailer Inc." in US', 'operator "Mailer Ltd" in IE').replace("  certified dpf\n", "");
    // (DPF is a US company's certification: an Irish entity's entry states none, so it is unknown too.)
    const r = check(header + entry + 'system mailer "Mailer" from mailer_inc\n' + flowTo("mailer"));
    expect(system(r, "mailer").locations).toEqual([]);
    expect(system(r, "mailer").catalogue!.unknown).toEqual(["located", "certified"]);
    expect(codes(r)).toContain("location-unspecified");
    const d = own(r).find((x) => x.code === "location-unspecified")!;
    expect(d.related.map((x) => x.message).join("\n")).toContain("does not know it either: located is the model's to state");
  });

  it.skipIf(!withEntity)("a built-in entry's facts, read from the shipped catalogue", () => {
    const e = withEntity as CatalogueEntry;
    const r = check(`${header}system v "V" from ${e.id}\n${flowTo("v")}`);
    const s = system(r, "v");
    expect(s.kind).toBe(e.kind);
    expect(s.operator).toMatchObject({ vendor: e.entity!.name, established: { code: e.entity!.country }, role: e.role!.typical });
    expect(s.locations.map((l) => l.code)).toEqual(e.locations?.default ?? []);
    expect(s.catalogue).toMatchObject({ entry: e.id, origin: "catalogue", asOf: e.asOf });
    // DPF only as the operator's own certification (a certified US parent of an EEA entity is not it).
    expect(s.certified.includes("dpf")).toBe(e.dpf?.certified === true && e.dpf.entity === e.entity!.name);
  });
});

describe("one mistake, one error", () => {
  it("an unknown id is one error on the id, with did-you-mean, and no findings about the system", () => {
    const r = check(header + mailerEntry() + 'system mailer "Mailer" from mailer_icn\n' + flowTo("mailer"));
    expect(own(r).map((d) => `${d.code} ${d.message}`)).toEqual(["unknown-name unknown vendor entry `mailer_icn` (did you mean `mailer_inc`?)"]);
    const d = own(r)[0]!;
    expect(r.source.text.slice(d.span.start, d.span.end)).toBe("mailer_icn");
  });

  it.skipIf(!shipped.length)("a misspelt built-in id suggests the built-in entry", () => {
    const id = shipped[0]!.id;
    const misspelt = `${id.slice(0, -1)}${id.endsWith("x") ? "y" : "x"}`;
    const r = check(`${header}system v "V" from ${misspelt}\n${flowTo("v")}`);
    expect(codes(r)).toEqual(["unknown-name"]);
    expect(own(r)[0]!.message).toContain(`did you mean \`${id}\``);
  });

  it("a team entry with an error is that one error; the systems using it report nothing more", () => {
    const broken = mailerEntry().replace("kind email", "kind emial");
    const r = check(header + broken + 'system mailer "Mailer" from mailer_inc\n' + flowTo("mailer"));
    expect(codes(r)).toEqual(["invalid-value"]);
    expect(own(r)[0]!.message).toContain("`emial`");
  });

  it("a team entry states its date and sources; DPF needs a US entity; URLs are https", () => {
    const entry = `vendor v "V" {
  kind saas
  operator "V GmbH" in DE
  certified dpf
  contract "DPA", "http://v.example/dpa"
}
`;
    const r = check(header + entry);
    expect(own(r).filter((d) => !d.code.startsWith("unused-")).map((d) => d.message)).toEqual([
      "vendor entry `v` has no `as_of` date",
      "vendor entry `v` names no `source`",
      "the Data Privacy Framework certifies only organisations established in the US, and neither the operator nor a parent of `v` is stated `in US`",
      'the DPA\'s URL should be an https URL, not "http://v.example/dpa"',
    ]);
  });

  it("`from` on anything but a system is an invalid property", () => {
    const r = check(header + mailerEntry() + 'data phone "Phone" from mailer_inc { kind contact }\n');
    expect(codes(r)).toContain("invalid-property");
  });
});

describe("the team's entries through imports", () => {
  /** A workspace in memory: a library of the team's entries, and a model importing it. */
  function project(files: Record<string, string>, entry = "/w/models/shop.flow"): CheckResult {
    const p = loadProject([entry], memoryHost(files, { cwd: "/w" }));
    return checkEntry(p, p.entries[0]!);
  }

  it("a library entry is used like a built-in one, and overrides a built-in entry of the same id", () => {
    const id = shipped[0]?.id ?? "google_analytics";
    const library = mailerEntry(id);
    const model = `import "../shared/vendors.flow"\n${header}system v "V" from ${id}\n${flowTo("v", "  mechanism dpf\n")}`;
    const r = project({ "/w/shared/vendors.flow": library, "/w/models/shop.flow": model });
    const s = system(r, "v");
    expect(s.operator?.vendor).toBe("Mailer Inc.");
    expect(s.catalogue).toMatchObject({ entry: id, origin: "shared/vendors.flow" });
    expect(own(r)).toEqual([]);
  });

  it("a model that does not import the library does not see its entries", () => {
    const model = `${header}system v "V" from mailer_inc\n${flowTo("v")}`;
    const r = project({ "/w/shared/vendors.flow": mailerEntry(), "/w/models/shop.flow": model });
    expect(codes(r)).toEqual(["unknown-name"]);
  });

  it("two entries of one id in a model's files are a duplicate name", () => {
    const model = `import "../shared/vendors.flow"\n${header}${mailerEntry()}`;
    const r = project({ "/w/shared/vendors.flow": mailerEntry(), "/w/models/shop.flow": model });
    expect(codes(r)).toContain("duplicate-name");
  });
});

describe("stale entries", () => {
  it("an entry older than the allowed age, measured to the model's own date when no clock is given", () => {
    const r = check(header + mailerEntry("mailer_inc", "2025-10-31") + 'system mailer "Mailer" from mailer_inc\n' + flowTo("mailer", "  mechanism dpf\n"));
    expect(codes(r)).toEqual(["catalogue-entry-stale"]);
    expect(own(r)[0]!.message).toBe("vendor entry `mailer_inc` in m.flow was checked on 2025-10-31, more than 12 months ago");
    const fresh = check(header + mailerEntry("mailer_inc", "2025-11-01") + 'system mailer "Mailer" from mailer_inc\n' + flowTo("mailer", "  mechanism dpf\n"));
    expect(codes(fresh)).toEqual([]);
  });

  it("the reference date and the age come from the options", () => {
    const text = header + mailerEntry() + 'system mailer "Mailer" from mailer_inc\n' + flowTo("mailer", "  mechanism dpf\n");
    const p = loadProject(["/m.flow"], memoryHost({ "/m.flow": text }));
    expect(codes(checkEntry(p, p.entries[0]!, { now: "2027-11-02" }))).toEqual(["catalogue-entry-stale"]);
    expect(codes(checkEntry(p, p.entries[0]!, { now: "2027-11-01" }))).toEqual([]);
    expect(codes(checkEntry(p, p.entries[0]!, { now: "2027-11-02", catalogueMaxAgeMonths: 13 }))).toEqual([]);
  });

  it("dates", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2025-12-01", 12)).toBe("2026-12-01");
    expect(referenceDate(undefined, { updated: "2024-01-01" })).toBe("2024-01-01");
    expect(referenceDate(undefined, { updated: "2025-05" })).toBe("2025-05-31");
    expect(referenceDate(undefined, {})).toBe("");
    expect(referenceDate("2026-12-01", { updated: "2024-01-01" })).toBe("2026-12-01");
    expect(todayFromEnvironment({ SOURCE_DATE_EPOCH: "1798761600" })).toBe("2027-01-01");
    expect(todayFromEnvironment({}, () => Date.UTC(2026, 11, 1, 23, 59))).toBe("2026-12-01");
    // Commands that write outputs take no clock; SOURCE_DATE_EPOCH is every command's date.
    expect(referenceToday(false, {})).toBeUndefined();
    expect(referenceToday(false, { SOURCE_DATE_EPOCH: "1798761600" })).toBe("2027-01-01");
    expect(referenceToday(true, {})).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe("syntax", () => {
  const text = `${header}${mailerEntry()}system mailer "Mailer"   from   mailer_inc {located IE}\nsystem other from mailer_inc\n`;
  it("both parsers read `from` and `vendor` alike, and fmt keeps them", () => {
    const parsed = parseFlow("s.flow", text);
    expect(parsed.diagnostics).toEqual([]);
    const mailer = parsed.file.declarations.find((d) => d.name?.text === "mailer")!;
    expect(mailer.entry?.text).toBe("mailer_inc");
    const { formatted } = formatSource("s.flow", text);
    expect(formatted).toContain('system mailer "Mailer" from mailer_inc { located IE }');
    expect(formatted).toContain("system other from mailer_inc\n");
    expect(formatSource("s.flow", formatted!).formatted).toBe(formatted);
    const strip = (r: CheckResult) => JSON.parse(JSON.stringify(r.model, (k, v) => (k === "span" || k === "spans" || k.endsWith("Span") ? undefined : v)));
    expect(strip(checkSource("s.flow", formatted!))).toEqual(strip(checkSource("s.flow", text)));
  });

  it("a syntax error after `from` is reported by the recovering parser", () => {
    const r = parseFlow("s.flow", `${header}system mailer "Mailer" from { located IE }\n`);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["syntax-error"]);
  });
});

describe("the CLI", () => {
  const root = resolve(".");
  const cli = join(root, "dist/flowmap.mjs");
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, "scripts/bundle.mjs")]);
  });
  function workspace(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), "flowmap-catalogue-"));
    for (const [p, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), content);
    }
    return dir;
  }
  const run = (args: string[], cwd: string, env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8", timeout: 30_000, env: { ...process.env, NO_COLOR: "1", ...env } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const model = header + mailerEntry() + 'system mailer "Mailer" from mailer_inc\n' + flowTo("mailer", "  mechanism dpf\n");

  it("entries age against SOURCE_DATE_EPOCH's day; catalogueMaxAgeMonths in flowmap.config.json", () => {
    const dir = workspace({ "flowmap.config.json": "{}\n", "models/m.flow": model });
    const later = String(Date.UTC(2028, 0, 1) / 1000);
    const stale = run(["check", "--format", "json"], dir, { SOURCE_DATE_EPOCH: later });
    const stales = (out: string) => (JSON.parse(out).diagnostics as Array<{ code: string }>).filter((d) => d.code === "catalogue-entry-stale").length;
    expect(stales(stale.stdout)).toBe(1);
    const soon = run(["check", "--format", "json"], dir, { SOURCE_DATE_EPOCH: String(Date.UTC(2027, 0, 1) / 1000) });
    expect(stales(soon.stdout)).toBe(0);
    writeFileSync(join(dir, "flowmap.config.json"), '{ "catalogueMaxAgeMonths": 60 }\n');
    expect(stales(run(["check", "--format", "json"], dir, { SOURCE_DATE_EPOCH: later }).stdout)).toBe(0);
    // `check` measures against today; the outputs do not depend on the day they are made (an entry
    // checked in 2020, in a model of a 2019 policy: stale today, not as of the policy's date).
    const old = header.replace('updated "2026-11-01"', 'updated "2019-06-01"') + mailerEntry("mailer_inc", "2020-01-01") + 'system mailer "Mailer" from mailer_inc\n' + flowTo("mailer", "  mechanism dpf\n");
    writeFileSync(join(dir, "models/m.flow"), old);
    writeFileSync(join(dir, "flowmap.config.json"), "{}\n");
    expect(stales(run(["check", "--format", "json"], dir).stdout)).toBe(1);
    expect(run(["register", "models/m.flow", "-o", "r.csv"], dir).code).toBe(0);
    expect(readFileSync(join(dir, "r.csv"), "utf8")).not.toContain("catalogue-entry-stale");
    expect(run(["register", "models/m.flow", "-o", "r2.csv"], dir, { SOURCE_DATE_EPOCH: later }).code).toBe(0);
    expect(readFileSync(join(dir, "r2.csv"), "utf8")).toContain("catalogue-entry-stale");
    writeFileSync(join(dir, "flowmap.config.json"), '{ "catalogueMaxAgeMonths": 0 }\n');
    expect(run(["check"], dir).code).toBe(2);
  });
});

describe("the register and the map mark what came from a vendor entry", () => {
  const text = header + mailerEntry() + 'system mailer "Mailer" from mailer_inc\n' + flowTo("mailer", "  mechanism dpf\n");
  it("the register names the entry and its date beside the recipient and the contract it gave", async () => {
    const { buildRegister, toCsv } = await import("../src/register/index.js");
    const csv = toCsv(buildRegister(check(text), "controller"));
    expect(csv).toContain("processor: Mailer Inc. (Mailer) (per vendor entry mailer_inc, as of 2026-11-01)");
    expect(csv).toContain("Mailer Inc. (Mailer): Mailer DPA (https://mailer.example/dpa) (per vendor entry mailer_inc, as of 2026-11-01)");
    // A recipient whose facts the block states itself is not marked.
    const own = toCsv(buildRegister(check(text.replace('from mailer_inc', 'from mailer_inc {\n  operator "Mailer Inc." in US as processor\n  contract "Our DPA"\n}')), "controller"));
    expect(own).not.toContain("per vendor entry");
  });
  it("the map's system tooltip says which facts came from which entry, and its date", async () => {
    const { mapGraphOf } = await import("../src/render/index.js");
    const graph = await mapGraphOf(check(text));
    expect(graph.systems["s_mailer"]!.tooltip).toContain("From vendor entry mailer_inc (as of 2026-11-01): kind, operator, located, certified, contract");
    expect(graph.systems["s_app"]!.tooltip).not.toContain("vendor entry");
  });
});
