// The vendor catalogue as data: every shipped entry validated, the validator's own checks, lookup,
// and `flowmap vendors` through the bundled CLI.
import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { entrySchema, entryKeys, entryProblems, isHttpsUrl, isRealDate, type CatalogueEntry } from "../src/catalogue/schema.js";
import { catalogueDir, readCatalogue } from "../src/catalogue/builtin.js";
import { nearestId, searchEntries } from "../src/catalogue/lookup.js";
import { countryNames } from "../src/legal/countries.js";

const root = resolve(".");
const dir = join(root, "catalogue");
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();

describe("every shipped catalogue entry", () => {
  it("the package's catalogue is the one the loader finds", () => {
    expect(catalogueDir()).toBe(dir);
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)("%s follows the entry format", (file) => {
    const text = readFileSync(join(dir, file), "utf8");
    const raw = JSON.parse(text) as Record<string, unknown>;
    // Keys in the format's order.
    expect(Object.keys(raw)).toEqual([...entryKeys]);
    const parsed = entrySchema().safeParse(raw);
    expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.code}`)).toEqual([]);
    const e = parsed.data!;
    expect(`${e.id}.json`).toBe(file);
    // Known countries, real dates, well-formed https URLs, DPF only on a US-established entity,
    // evidence for every fact that is not null: entryProblems says which fails.
    expect(entryProblems(e)).toEqual([]);
    expect(isRealDate(e.asOf)).toBe(true);
    for (const c of [e.entity?.country, e.parent?.country]) if (c) expect(countryNames[c], c).toBeDefined();
    if (e.dpf) expect([e.entity, e.parent].find((p) => p?.name === e.dpf!.entity)?.country).toBe("US");
  });

  it("every entry reads through the loader (none left out as broken)", () => {
    const catalogue = readCatalogue(dir).all();
    expect([...catalogue.broken.entries()]).toEqual([]);
    expect([...catalogue.entries.keys()]).toEqual(files.map((f) => f.replace(/\.json$/, "")));
  });
});

/** A valid entry to mutate. */
const good = (): CatalogueEntry => ({
  id: "paynord",
  name: "Paynord",
  aliases: ["PN"],
  kind: "payment",
  entity: { name: "Paynord Inc.", country: "US" },
  parent: null,
  locations: { default: ["US"], regions: [{ id: "eu", countries: ["DE"], note: null }] },
  dpf: { certified: true, entity: "Paynord Inc.", checked: "2026-11-01", source: 0 },
  dpa: { name: "Paynord DPA", url: "https://paynord.example/dpa", scc: ["c2p"] },
  role: { typical: "processor", when: null },
  subprocessors: "https://paynord.example/subprocessors",
  sources: [{ url: "https://paynord.example/dpa", title: "DPA", seen: "2026-11-01", published: null }],
  evidence: {
    entity: { source: 0, quote: "Paynord Inc." },
    locations: { source: 0, quote: "US" },
    dpf: { source: 0, quote: "certified" },
    dpa: { source: 0, quote: "DPA" },
    role: { source: 0, quote: "processor" },
  },
  asOf: "2026-11-01",
  notes: null,
});

describe("the entry validator", () => {
  it("the format's key order is the schema's", () => {
    expect(Object.keys(entrySchema().def.shape)).toEqual([...entryKeys]);
  });

  it("accepts a good entry", () => {
    expect(entrySchema().safeParse(good()).success).toBe(true);
    expect(entryProblems(good())).toEqual([]);
  });

  const cases: Array<[string, (e: CatalogueEntry) => void, RegExp]> = [
    ["an unknown country code", (e) => (e.entity!.country = "UK"), /entity\.country: `UK` is not an ISO/],
    ["a location code that is no country", (e) => (e.locations!.default = ["EU"]), /locations\.default\[0\]/],
    ["an http URL", (e) => (e.dpa!.url = "http://paynord.example/dpa"), /dpa\.url/],
    ["a URL that is no URL", (e) => (e.subprocessors = "https://"), /subprocessors/],
    ["a date that does not exist", (e) => (e.sources[0]!.seen = "2026-02-30"), /sources\[0\]\.seen/],
    ["DPF on an entity established outside the US", (e) => (e.entity!.country = "IE"), /not established in the US/],
    ["DPF naming neither entity nor parent", (e) => (e.dpf!.entity = "Someone Else LLC"), /neither the entity nor the parent/],
    ["a fact without evidence", (e) => delete e.evidence.dpa, /evidence\.dpa: missing/],
    ["evidence pointing at no source", (e) => (e.evidence.role!.source = 3), /evidence\.role\.source: source 3 does not exist/],
    ["`either` without when", (e) => (e.role = { typical: "either", when: null }), /role\.when/],
    ["asOf later than the sources", (e) => (e.asOf = "2026-11-02"), /asOf: 2026-11-02 is later/],
  ];
  it.each(cases)("reports %s", (_what, mutate, expected) => {
    const e = good();
    mutate(e);
    expect(entryProblems(e).join("\n")).toMatch(expected);
  });

  it("the schema refuses a missing key, an unknown key, a wrong kind and a non-snake_case id", () => {
    const { notes: _, ...withoutNotes } = good();
    expect(entrySchema().safeParse(withoutNotes).success).toBe(false);
    expect(entrySchema().safeParse({ ...good(), extra: 1 }).success).toBe(false);
    expect(entrySchema().safeParse({ ...good(), kind: "browser" }).success).toBe(false);
    expect(entrySchema().safeParse({ ...good(), id: "Pay-Nord" }).success).toBe(false);
  });

  it("isHttpsUrl and isRealDate", () => {
    expect(isHttpsUrl("https://stripe.com/legal/dpa")).toBe(true);
    expect(isHttpsUrl("https://stripe.com/a b")).toBe(false);
    expect(isHttpsUrl("ftp://stripe.com/")).toBe(false);
    expect(isRealDate("2024-02-29")).toBe(true);
    expect(isRealDate("2023-02-29")).toBe(false);
    expect(isRealDate("2026-1-01")).toBe(false);
  });

  it("a broken file is left out with its problems, never thrown", () => {
    const scratch = mkdtempSync(join(tmpdir(), "flowmap-catalogue-"));
    writeFileSync(join(scratch, "paynord.json"), JSON.stringify(good()));
    writeFileSync(join(scratch, "other.json"), JSON.stringify(good()));
    writeFileSync(join(scratch, "junk.json"), "{ not json");
    const c = readCatalogue(scratch).all();
    expect([...c.entries.keys()]).toEqual(["paynord"]);
    expect(c.broken.get("other")?.[0]).toMatch(/differs from the file name/);
    expect(c.broken.get("junk")?.[0]).toMatch(/not valid JSON/);
    expect(readCatalogue(join(scratch, "missing")).all().entries.size).toBe(0);
    // One entry is read when asked for; a name that is no id reads nothing.
    const lazy = readCatalogue(scratch);
    expect(lazy.file("paynord")?.entry?.name).toBe("Paynord");
    expect(lazy.file("../paynord")).toBeUndefined();
    expect(lazy.file("absent")).toBeUndefined();
  });
});

describe("lookup", () => {
  const entries = [
    { ...good(), id: "google_analytics", name: "Google Analytics", aliases: ["GA4"] },
    { ...good(), id: "google_ads", name: "Google Ads", aliases: [] },
    { ...good(), id: "mixpanel", name: "Mixpanel", aliases: [] },
  ];
  it("matches ids, names and aliases, exact matches first", () => {
    expect(searchEntries(entries, "google").map((e) => e.id)).toEqual(["google_ads", "google_analytics"]);
    expect(searchEntries(entries, "ga4").map((e) => e.id)).toEqual(["google_analytics"]);
    expect(searchEntries(entries, "Google Ads").map((e) => e.id)).toEqual(["google_ads"]);
    expect(searchEntries(entries, "panel").map((e) => e.id)).toEqual(["mixpanel"]);
    expect(searchEntries(entries, "").length).toBe(3);
    expect(searchEntries(entries, "stripe")).toEqual([]);
  });
  it("suggests the nearest id, or the entry a name or alias names", () => {
    const byId = new Map(entries.map((e) => [e.id, e]));
    expect(nearestId("gogle_analytics", byId)).toBe("google_analytics");
    expect(nearestId("GA4", byId)).toBe("google_analytics");
    expect(nearestId("zzz", byId)).toBeUndefined();
  });
});

describe("flowmap vendors", () => {
  const cli = join(root, "dist/flowmap.mjs");
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, "scripts/bundle.mjs")]);
  });
  // A fresh directory: no models/ there, so only the catalogue's entries are listed.
  const empty = mkdtempSync(join(tmpdir(), "flowmap-vendors-"));
  const run = (args: string[], cwd = empty) => {
    const r = spawnSync(process.execPath, [cli, "vendors", ...args], { cwd, encoding: "utf8", timeout: 30_000, env: { ...process.env, NO_COLOR: "1" } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const shipped = readCatalogue(dir).all();
  const [first] = [...shipped.entries.values()];

  it("lists every entry, from any directory (the catalogue is the package's)", () => {
    const r = run([]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^id\s+name\s+kind\s+entity\s+DPF\s+as of\s+from$/);
    const listed = new Set(lines.slice(1).map((l) => l.split(/\s+/)[0]));
    for (const id of shipped.entries.keys()) expect(listed, id).toContain(id);
  });

  it("--format json lists the matching entries as they are in the catalogue, with where each comes from", () => {
    const r = run([first!.name, "--format", "json"]);
    expect(r.code).toBe(0);
    const found = JSON.parse(r.stdout) as CatalogueEntry[];
    expect(found[0]).toEqual({ ...first, origin: "catalogue" });
  });

  it("lists the team's own `vendor` entries in its models beside the catalogue's, a team entry overriding one of the same id", () => {
    const repo = mkdtempSync(join(tmpdir(), "flowmap-team-"));
    execFileSync("mkdir", ["-p", join(repo, "privacy")]);
    writeFileSync(join(repo, "privacy", "vendors.flow"), `vendor paynord "Paynord" {
  kind payment
  operator "Paynord AB" in SE
  located SE
  as_of "2026-10-01"
  source "https://paynord.example/privacy"
}

vendor ${first!.id} "Our own terms" {
  kind ${first!.kind}
  as_of "2026-11-01"
  source "https://example.com/terms"
}
`);
    writeFileSync(join(repo, "flowmap.config.json"), JSON.stringify({ models: "privacy" }));
    const listed = run([], repo).stdout.split("\n");
    expect(listed.find((l) => l.startsWith("paynord "))).toMatch(/Paynord AB \(SE\).*privacy\/vendors\.flow:1$/);
    expect(listed.find((l) => l.startsWith(`${first!.id} `))).toMatch(/Our own terms.*privacy\/vendors\.flow:9 \(overrides the catalogue's\)$/);
    expect(listed.filter((l) => l.startsWith(`${first!.id} `))).toHaveLength(1);
    const one = run(["paynord"], repo);
    expect(one.stdout).toContain("paynord: Paynord  (the team's entry, privacy/vendors.flow:1)");
    expect(JSON.parse(run([first!.id, "-f", "json"], repo).stdout)).toMatchObject({ name: "Our own terms", origin: "privacy/vendors.flow:9", overrides: "catalogue" });
    // --models names the place; one that does not exist is a usage error.
    expect(run(["--models", "nowhere"], repo).code).toBe(2);
  });

  it("an id shows the entry: facts, sources, date", () => {
    const r = run([first!.id]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${first!.id}: ${first!.name}`);
    expect(r.stdout).toContain(`as of         ${first!.asOf}`);
    for (const s of first!.sources) expect(r.stdout).toContain(s.url);
    expect(JSON.parse(run([first!.id, "-f", "json"]).stdout)).toEqual({ ...first, origin: "catalogue" });
  });

  it("no match: says so with the nearest id, exit 1; a bad format is exit 2", () => {
    const misspelt = `${first!.id.slice(0, 2)}x${first!.id.slice(3)}`;
    const r = run([misspelt]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`did you mean \`${first!.id}\``);
    expect(run(["--format", "xml"]).code).toBe(2);
  });
});

describe("a shipped entry the bundle checked is only parsed", () => {
  it("parses a text whose fingerprint the bundle recorded, and checks any other text in full", async () => {
    const { entryFromText, fingerprint, checkEntryText } = await import("../src/catalogue/entry-file.js");
    const [file] = files;
    const id = file!.slice(0, -".json".length);
    const text = readFileSync(join(dir, file!), "utf8");
    expect(entryFromText(id, text, { [id]: fingerprint(text) })).toEqual(checkEntryText(id, text));
    // An edited file no longer has the recorded fingerprint: it is checked, and what is wrong is said.
    const broken = text.replace(/"kind": "[a-z_]+"/, '"kind": "nonsense"');
    expect(broken).not.toBe(text);
    expect(fingerprint(broken)).not.toBe(fingerprint(text));
    expect(entryFromText(id, broken, { [id]: fingerprint(text) }).problems?.length).toBeGreaterThan(0);
  });

  it("the bundle records a fingerprint for every valid shipped entry", () => {
    const bundled = readdirSync(join(root, "dist", "chunks")).map((f) => readFileSync(join(root, "dist", "chunks", f), "utf8")).join("\n") + readFileSync(join(root, "dist", "flowmap.mjs"), "utf8");
    for (const f of files) {
      const id = f.slice(0, -".json".length);
      expect(bundled, id).toMatch(new RegExp(`["{,]${id}"?:"\\d+:[0-9a-f]+"`));
    }
  });
});
