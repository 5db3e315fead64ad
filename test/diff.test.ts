// `flowmap diff` end to end: real git repositories in temporary directories (commits of the seed
// models with edits), the bundled CLI as users run it, its JSON and exit codes for each kind of change.
import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import yaml from "js-yaml";

const root = resolve(".");
const cli = join(root, "dist/flowmap.mjs");
const env = { ...process.env, NO_COLOR: "", FORCE_COLOR: "", GITHUB_BASE_REF: "", GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1",
  GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" };
let template: string;

const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, env, encoding: "utf8" }).trim();

beforeAll(() => {
  execFileSync(process.execPath, [join(root, "scripts/bundle.mjs")]);
  template = mkdtempSync(join(tmpdir(), "flowmap-diff-template-"));
  cpSync(join(root, "models"), join(template, "models"), { recursive: true, filter: (p) => !p.endsWith(".md") });
  git(template, "init", "-q", "-b", "main");
  git(template, "add", ".");
  git(template, "commit", "-q", "-m", "seed models");
});

interface Change { kind: string; entity: string; id: string; field?: string; before?: unknown; after?: unknown; details?: Record<string, unknown>; conditions: string[]; text: string; file?: string; line?: number }
interface Report {
  base: { label: string; errors: { code: string; file: string }[] }; head: { label: string; errors: { code: string; file: string }[] };
  occurred: string[]; failed: string[];
  models: { path: string; basePath?: string; status: string; notCompared?: string[]; changes: Change[] }[];
  findings: Record<"new" | "resolved" | "acceptedAdded" | "acceptedRemoved", { code: string; severity: string; fingerprint: string; reason?: string }[]>;
}

function run(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8", env, timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of the seed repository, and edits committed on top of it. */
function repo() {
  const dir = mkdtempSync(join(tmpdir(), "flowmap-diff-"));
  cpSync(template, dir, { recursive: true });
  const self = {
    dir,
    edit(file: string, ...pairs: [string, string][]) {
      let text = readFileSync(join(dir, file), "utf8");
      for (const [from, to] of pairs) {
        if (!text.includes(from)) throw new Error(`${file} has no ${JSON.stringify(from)}`);
        text = text.replace(from, to);
      }
      writeFileSync(join(dir, file), text);
      return self;
    },
    append(file: string, text: string) {
      writeFileSync(join(dir, file), readFileSync(join(dir, file), "utf8") + text);
      return self;
    },
    commit(message = "edit") {
      git(dir, "add", "-A");
      git(dir, "commit", "-q", "--allow-empty", "-m", message);
      return self;
    },
    diff(...args: string[]) {
      const r = run(dir, "diff", ...args, "--format", "json");
      return { ...r, json: (r.stdout ? JSON.parse(r.stdout) : undefined) as Report };
    },
  };
  return self;
}

const changesOf = (r: Report, model = "models/cieloweb.flow") => r.models.find((m) => m.path === model)?.changes ?? [];
const kinds = (r: Report, model?: string) => changesOf(r, model).map((c) => c.field ? `${c.kind}:${c.field}` : c.kind);
const find = (r: Report, kind: string, pred: (c: Change) => boolean = () => true, model?: string) => changesOf(r, model).find((c) => c.kind === kind && pred(c));
const cielo = "models/cieloweb.flow";

describe("flowmap diff: what changed", () => {
  it("reports nothing between a revision and itself, and says so", () => {
    const r = repo();
    const d = r.diff("HEAD", "HEAD");
    expect(d.code).toBe(0);
    expect(d.json.occurred).toEqual([]);
    expect(d.json.models.every((m) => m.status === "unchanged")).toBe(true);
    expect(run(r.dir, "diff", "HEAD", "HEAD").stdout).toContain("no change in the processing");
  });

  it("systems and vendors: added, removed, operator, role, locations, certification, contract", () => {
    const r = repo().edit(cielo,
      ['operator "Google LLC" as processor\n  // The policy', 'operator "Google Ireland Limited" as processor\n  contract "Firebase Data Processing Terms"\n  // The policy'],
      ['operator "Google LLC" as controller\n  located US', 'operator "Google LLC" as processor\n  located US, IE\n  certified dpf'],
      ['system peer "Other user\'s browser" { kind peer_device }\n', ""],
      ['flow browser -> peer "WebRTC data channel and media" {', 'flow browser -> browser "WebRTC data channel and media" {'],
    ).append(cielo, 'system backups "Backups" { kind storage  operator self  located NL }\n').commit();
    const d = r.diff("HEAD~1", "HEAD").json;
    const k = kinds(d);
    for (const want of ["system-changed:operator", "system-changed:contract", "system-changed:role", "system-changed:locations", "system-changed:certified", "system-removed", "system-added", "vendor-added"]) expect(k).toContain(want);
    expect(find(d, "system-changed", (c) => c.field === "operator")).toMatchObject({ id: "firebase_auth", before: "Google LLC", after: "Google Ireland Limited" });
    expect(find(d, "system-changed", (c) => c.field === "locations")).toMatchObject({ id: "adsense", before: ["US"], after: ["IE", "US"], details: { added: ["IE"], removed: [] } });
    expect(find(d, "system-changed", (c) => c.field === "role")).toMatchObject({ before: "controller", after: "processor" });
    expect(find(d, "vendor-added")).toMatchObject({ id: "Google Ireland Limited", details: { systems: ["firebase_auth"] } });
    expect(find(d, "system-removed")).toMatchObject({ id: "peer", file: cielo });
    // Google LLC still runs adsense: not a removed vendor.
    expect(k).not.toContain("vendor-removed");
  });

  it("the words a policy's statements are written in: targeting, rights, a purpose's role, an anonymity claim, a linked flow", () => {
    const r = repo().edit(cielo,
      ['rights access, rectification, erasure "', 'targets eea "Voor gebruikers in de EU"\n  rights access, rectification, erasure, complaint "'],
      ['purpose accounts "Manage accounts, distinguish free and Pro users, grant access" {', 'purpose accounts "Manage accounts, distinguish free and Pro users, grant access" {\n  role processor "for our customers"'],
      ['data ad_cookies "Advertising cookies and browsing history" { kind online_identifiers }', 'data ad_cookies "Advertising cookies and browsing history" { kind online_identifiers  anonymous "anoniem" }'],
      ['  data ad_cookies\n  for advertising\n}', '  data ad_cookies\n  for advertising\n  linked "Zij bezoeken Google zelf"\n}'],
    ).commit();
    const d = r.diff("HEAD~1", "HEAD").json;
    expect(find(d, "organization-changed", (c) => c.field === "targets")).toMatchObject({ before: null, after: 'eea "Voor gebruikers in de EU"' });
    expect(find(d, "organization-changed", (c) => c.field === "rights")).toMatchObject({ before: "access, erasure, rectification", after: "access, complaint, erasure, rectification" });
    expect(find(d, "purpose-changed", (c) => c.field === "role")).toMatchObject({ id: "accounts", before: null, after: 'processor "for our customers"' });
    expect(find(d, "data-changed", (c) => c.field === "anonymous")).toMatchObject({ id: "ad_cookies", after: "anoniem" });
    expect(find(d, "flow-changed", (c) => c.field === "linked")).toMatchObject({ after: "Zij bezoeken Google zelf" });
    // The linked flow is no transfer any more: the transfer to the US disappears from the diff too.
    expect(find(d, "transfer-removed")).toBeDefined();
  });

  it("transfers: a new third country, a new destination, a ground that changed, a verdict that got worse", () => {
    const r = repo().edit(cielo, ['for accounts\n}\n\nflow browser -> adsense', 'for accounts\n  mechanism scc c2p\n}\n\nflow browser -> adsense']).commit("scc");
    r.edit(cielo, ["mechanism scc c2p", "mechanism adequacy"], ['located US\n}', 'located US, IN\n}'])
      .append(cielo, 'system crm "CRM" { kind saas  operator "Zoho Corporation" as processor  located IN  contract "Zoho DPA" }\nflow browser -> crm "CRM sync" { data email  for accounts  mechanism scc c2p }\n').commit("worse");
    const d = r.diff("HEAD~1", "HEAD").json;
    expect(find(d, "transfer-changed", (c) => c.id === "browser->firebase_auth")).toMatchObject({
      field: "verdict", before: { verdict: "safeguard" }, after: { verdict: "not-covered" }, details: { place: "US", worse: true },
    });
    expect(find(d, "transfer-destination-added")).toMatchObject({ id: "browser->adsense", after: { place: "IN" }, conditions: ["new-transfer"] });
    expect(find(d, "transfer-added")).toMatchObject({ id: "browser->crm", details: { verdict: "safeguard", destinations: [{ place: "IN", verdict: "safeguard" }] }, conditions: ["new-transfer"] });
    expect(find(d, "third-country-added")).toMatchObject({ id: "IN", details: { flows: ["browser->adsense", "browser->crm"] }, conditions: ["new-third-country"] });
    expect(d.occurred).toEqual(expect.arrayContaining(["new-transfer", "new-third-country", "new-error"]));
    // The ground changed, in the same verdict: DPF certification instead of nothing is covered now.
    const dpf = repo().edit(cielo, ["located US\n  stores name", "located US\n  certified dpf\n  stores name"]).commit().diff("HEAD~1", "HEAD").json;
    expect(find(dpf, "transfer-changed")).toMatchObject({ before: { verdict: "not-covered" }, after: { verdict: "adequacy" }, details: { worse: false } });
    expect(dpf.findings.resolved.map((f) => f.code)).toContain("transfer-without-mechanism");
    expect(r.diff("HEAD~1", "HEAD", "--fail-on", "new-third-country").code).toBe(1);
    // Several grounds, one line each: the flow's mechanism is all of them, in order.
    const grounds = repo().edit(cielo, ["  for accounts\n}\n\nflow browser -> adsense", '  for accounts\n  mechanism dpf\n  mechanism scc c2p\n  tia "TIA 2024-05"\n}\n\nflow browser -> adsense']).commit().diff("HEAD~1", "HEAD").json;
    expect(find(grounds, "flow-changed", (c) => c.field === "mechanism")).toMatchObject({ before: null, after: "dpf; scc c2p" });
    expect(find(grounds, "flow-changed", (c) => c.field === "tia")).toMatchObject({ after: "TIA 2024-05" });
    expect(repo().edit(cielo, ["located US\n  stores name", "located US\n  certified dpf\n  stores name"]).commit().diff("HEAD~1", "HEAD", "--fail-on", "new-transfer,new-third-country").code).toBe(0);
  });

  it("data: categories added to flows and systems, a special category newly processed, new subjects (children)", () => {
    const r = repo().edit(cielo,
      ["  data ad_cookies\n  for advertising", "  data ad_cookies, plan\n  for advertising"],
      ['data plan "Account plan (free or pro)" { kind profile }', 'data plan "Account plan (free or pro)" { kind profile }\ndata diagnosis "Health notes" { kind health }'],
      ["data name, username, email, plan, company, credentials\n  // No retention", "data name, username, email, plan, company, credentials, diagnosis\n  // No retention"],
      ["stores name, username, email, plan, company, credentials for accounts", "stores name, username, email, plan, company, credentials, diagnosis for accounts"],
      ['subject free_user "Users of the free plan (see ads)"', 'subject free_user "Users of the free plan (see ads)"\nsubject children "Children under 16"'],
      ["subjects account_holder\n  data name", "subjects account_holder, children\n  data name"],
    ).commit();
    const d = r.diff("HEAD~1", "HEAD").json;
    expect(find(d, "flow-data-added")).toMatchObject({ id: "browser->adsense", after: ["plan"] });
    expect(find(d, "system-data-added")).toMatchObject({ id: "firebase_auth", after: ["diagnosis"] });
    expect(find(d, "data-added")).toMatchObject({ id: "diagnosis", details: { kind: "health", special: true }, conditions: ["new-special-category"] });
    expect(find(d, "subject-added")).toMatchObject({ id: "children", details: { children: true }, importance: "high" });
    expect(find(d, "purpose-subjects-added")).toMatchObject({ id: "accounts", after: ["children"] });
    expect(r.diff("HEAD~1", "HEAD", "--fail-on", "new-special-category").code).toBe(1);
    // A category whose kind becomes special is newly processed as one.
    const kind = repo().edit(cielo, ['data company "Company name (optional)" {\n  kind professional', 'data company "Company name (optional)" {\n  kind political']).commit().diff("HEAD~1", "HEAD");
    expect(find(kind.json, "data-changed")).toMatchObject({ field: "kind", before: "professional", after: "political", conditions: ["new-special-category"] });
    expect(kind.json.failed).toEqual([]);
  });

  it("purposes: added, removed, basis and consent, retention lengthened and shortened", () => {
    const r = repo().edit(cielo, ["retention unspecified \"U kunt", "retention 30 days \"U kunt"]).commit("30 days");
    r.edit(cielo,
      ["retention 30 days \"U kunt", "retention 13 months \"U kunt"],
      ["  subjects free_user, visitor\n  data ad_cookies\n  retention unspecified", "  basis consent\n  consent by_use \"by using the Service\"\n  subjects free_user, visitor\n  data ad_cookies\n  retention 6 months"],
      ['retention session "Al deze', 'retention 2 days "Al deze'],
    ).append(cielo, 'purpose support "Answer support requests" { basis contract  subjects account_holder  data email  retention 1 year }\nflow browser -> firebase_auth "Support" { data email  for support }\n').commit();
    const d = r.diff("HEAD~1", "HEAD").json;
    const retention = changesOf(d).filter((c) => c.kind === "retention-changed");
    expect(retention.find((c) => c.id === "accounts")).toMatchObject({ before: "30 days", after: "13 months", details: { direction: "longer" }, conditions: ["retention-longer"] });
    expect(retention.find((c) => c.id === "accounts")!.text).toBe("retention of purpose `accounts` lengthened from 30 days to 13 months");
    expect(retention.find((c) => c.id === "advertising")).toMatchObject({ before: "unspecified", after: "6 months", details: { direction: "shorter" }, conditions: [] });
    expect(retention.find((c) => c.id === "p2p_sharing")).toMatchObject({ before: "session", after: "2 days", details: { direction: "longer" } });
    expect(find(d, "purpose-changed", (c) => c.field === "basis")).toMatchObject({ id: "advertising", before: null, after: "consent" });
    expect(find(d, "purpose-changed", (c) => c.field === "consent")).toMatchObject({ after: 'by_use "by using the Service"' });
    expect(find(d, "purpose-added")).toMatchObject({ id: "support" });
    expect(r.diff("HEAD~1", "HEAD", "--fail-on", "retention-longer").code).toBe(1);
    const back = r.diff("HEAD", "HEAD~1").json;
    expect(back.models[2]!.changes.find((c) => c.id === "accounts" && c.kind === "retention-changed")).toMatchObject({ details: { direction: "shorter" } });
    expect(find(back, "purpose-removed")).toMatchObject({ id: "support" });
    // A limit dropped (6 months -> unspecified) is a lengthening: what was bounded no longer is.
    expect(back.models[2]!.changes.find((c) => c.id === "advertising" && c.kind === "retention-changed")).toMatchObject({ before: "6 months", after: "unspecified", details: { direction: "longer" } });
    const shorter = repo().edit(cielo, ['retention session "Al deze', 'retention memory "Al deze']).commit();
    expect(shorter.diff("HEAD~1", "HEAD", "--fail-on", "retention-longer").code).toBe(0);
  });

  it("findings new and resolved by fingerprint, accepted risks added; an edit elsewhere moves no finding", () => {
    const r = repo().edit(cielo, ['subject visitor "Website visitors"', '// a comment that moves every line below\nsubject visitor "Website visitors"\nsubject nobody "Nobody"']).commit();
    const d = r.diff("HEAD~1", "HEAD");
    expect(d.json.findings.new.map((f) => f.code)).toEqual(["unused-subject"]);
    expect(d.json.findings.resolved).toEqual([]);
    const before = repo().edit(cielo, ['security "secure methods provided by Firebase Authentication"\n', ""]).commit();
    const accepted = before.edit(cielo, ["system firebase_auth \"Firebase Authentication\" from firebase_authentication {", "// flowmap-ignore storage-without-security: reviewed, see PRIV-7\nsystem firebase_auth \"Firebase Authentication\" from firebase_authentication {"]).commit().diff("HEAD~1", "HEAD").json;
    expect(accepted.findings.acceptedAdded).toMatchObject([{ code: "storage-without-security", reason: "reviewed, see PRIV-7" }]);
    expect(accepted.findings.resolved.map((f) => f.code)).toEqual(["storage-without-security"]);
    // The fingerprint is SARIF's.
    const sarif = JSON.parse(run(before.dir, "check", "--format", "sarif", "models").stdout) as { runs: { results: { ruleId: string; partialFingerprints: Record<string, string> }[] }[] };
    expect(sarif.runs[0]!.results.filter((x) => x.ruleId === "storage-without-security").map((x) => x.partialFingerprints["flowmapFinding/v1"])).toContain(accepted.findings.acceptedAdded[0]!.fingerprint);
    const error = repo().edit(cielo, ["  for advertising\n}", "  for advertising, nothing_declared\n}"]).commit();
    expect(error.diff("HEAD~1", "HEAD", "--fail-on", "new-error")).toMatchObject({ code: 1, json: { failed: ["new-error"] } });
  });

  it("renames: a system or purpose renamed with the same content is a rename, not a removal and an addition", () => {
    const r = repo();
    const text = readFileSync(join(r.dir, cielo), "utf8").replace(/\bfirebase_auth\b/g, "firebase").replace(/(purpose|for) advertising\b/g, "$1 ads")
      .replace("data plan ", "data account_plan ").replace(/, plan,/g, ", account_plan,");
    writeFileSync(join(r.dir, cielo), text);
    r.commit("renames");
    const d = r.diff("HEAD~1", "HEAD").json;
    expect(kinds(d).sort()).toEqual(["data-renamed", "purpose-renamed", "system-renamed"]);
    expect(find(d, "system-renamed")).toMatchObject({ before: "firebase_auth", after: "firebase" });
    expect(find(d, "purpose-renamed")).toMatchObject({ before: "advertising", after: "ads" });
    // Renamed and changed: matched by its unchanged title, the change reported on it.
    const changed = repo().edit(cielo, ['system adsense "Google AdSense" from google_adsense {', 'system google_ads "Google AdSense" from google_adsense {'], ["flow browser -> adsense", "flow browser -> google_ads"], ['as controller\n  located US', 'as controller\n  located US, CA']).commit().diff("HEAD~1", "HEAD").json;
    expect(kinds(changed).sort()).toEqual(["system-changed:locations", "system-renamed", "third-country-added", "transfer-destination-added:destinations"]);
    expect(kinds(changed)).not.toContain("system-added");
  });

  it("models: matched by path; a moved file with the same organization is moved, another organization is removed + added", () => {
    const r = repo();
    renameSync(join(r.dir, cielo), join(r.dir, "models/cielo.flow"));
    const moved = r.commit().diff("HEAD~1", "HEAD").json;
    expect(moved.models.find((m) => m.path === "models/cielo.flow")).toMatchObject({ status: "moved", basePath: cielo, changes: [{ kind: "model-moved" }] });
    r.edit("models/cielo.flow", ["organization cieloweb", "organization cielo_bv"]);
    renameSync(join(r.dir, "models/cielo.flow"), join(r.dir, "models/c.flow"));
    const other = r.commit().diff("HEAD~2", "HEAD").json;
    expect(other.models.filter((m) => m.path === cielo || m.path === "models/c.flow").map((m) => m.status).sort()).toEqual(["added", "removed"]);
    // A new model's transfers are new transfers.
    expect(other.occurred).toContain("new-transfer");
  });

  it("each side is checked with its own flowmap.config.json, unless --config names one for both", () => {
    const r = repo();
    writeFileSync(join(r.dir, "flowmap.config.json"), '{ "rules": { "storage-without-security": "off", "no-longer-a-rule": "error" } }\n');
    r.commit("config");
    writeFileSync(join(r.dir, "flowmap.config.json"), '{ "rules": {} }\n');
    const own = r.diff("HEAD").json;
    expect(own.findings.new.length).toBeGreaterThan(0);
    expect(new Set(own.findings.new.map((f) => f.code))).toEqual(new Set(["storage-without-security"]));
    const both = r.diff("HEAD", "--config", "flowmap.config.json").json;
    expect(both.findings.new).toEqual([]);
  });

  it("imports are resolved on each side: a shared library's change shows in every model that imports it", () => {
    const dir = mkdtempSync(join(tmpdir(), "flowmap-diff-acme-"));
    cpSync(join(root, "examples/acme-group"), dir, { recursive: true });
    git(dir, "init", "-q", "-b", "main");
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "acme");
    writeFileSync(join(dir, "shared/vendors.flow"), readFileSync(join(dir, "shared/vendors.flow"), "utf8").replace('contract "Paynord DPA, 2024-11-15"\n', ""));
    const d = JSON.parse(run(dir, "diff", "HEAD", "--format", "json").stdout) as Report;
    for (const m of ["models/media.flow", "models/shop.flow"]) {
      const c = d.models.find((x) => x.path === m)!.changes;
      if (c.length) expect(c).toMatchObject([{ kind: "system-changed", id: "payments", field: "contract", before: "Paynord DPA, 2024-11-15", after: null }]);
    }
    expect(d.models.some((m) => m.changes.length)).toBe(true);
    // The library's finding is reported once.
    expect(d.findings.new.filter((f) => f.code === "processor-without-contract")).toHaveLength(1);
  });
});

describe("flowmap diff: sides, defaults and bad input", () => {
  const broken = (r: ReturnType<typeof repo>, what: string) => r.edit(cielo, ['subject visitor "Website visitors" { kind visitor }', `subject visitor "Website visitors" { kind visitor }\n${what}`]);

  it("a side that does not parse: which side, its errors; exit 1 when the head does not parse", () => {
    const r = broken(repo(), "system { oops").commit("broken base");
    broken(r, "flow -> nowhere {").commit("still broken");
    const both = r.diff("HEAD~1", "HEAD");
    expect(both.code).toBe(1);
    expect(both.json.base.errors.map((e) => e.code)).toContain("syntax-error");
    expect(both.json.head.errors.map((e) => e.file)).toContain(cielo);
    expect(both.json.models.find((m) => m.path === cielo)).toMatchObject({ status: "not-compared", notCompared: ["base", "head"], changes: [] });
    expect(both.stderr).toContain("the head (HEAD");
    // The rules did not run on the broken file: their findings there are unknown, not resolved.
    const broke = repo();
    broken(broke, "system { oops");
    expect(broke.diff("HEAD").json.findings).toMatchObject({ new: [{ code: "syntax-error" }, { code: "syntax-error" }], resolved: [] });
    // The other models are still compared.
    expect(both.json.models.filter((m) => m.status === "unchanged")).toHaveLength(4);
    const text = run(r.dir, "diff", "HEAD~1", "HEAD");
    expect(text.stdout).toMatch(/^base \(HEAD~1 \([0-9a-f]{7}\)\): models\/cieloweb\.flow does not parse/m);
    expect(text.stdout).toMatch(/^head \(HEAD \([0-9a-f]{7}\)\): models\/cieloweb\.flow does not parse/m);
    expect(text.stdout).toContain("error syntax-error");
    // A fix: the base does not parse, the head does; exit 0.
    const fixed = repo();
    broken(fixed, "system { oops").commit("broken");
    fixed.edit(cielo, ["system { oops\n", ""]).commit("fixed");
    expect(fixed.diff("HEAD~1", "HEAD")).toMatchObject({ code: 0, json: { head: { errors: [] }, models: expect.arrayContaining([expect.objectContaining({ path: cielo, notCompared: ["base"] })]) } });
    expect(fixed.diff("HEAD~1", "HEAD").json.findings.resolved.map((f) => f.code)).toContain("syntax-error");
  });

  it("a missing revision names the closest refs; bad arguments and paths exit 2", () => {
    const r = repo();
    git(r.dir, "branch", "release-2024");
    let x = run(r.dir, "diff", "mian");
    expect(x.code).toBe(2);
    expect(x.stderr).toContain("no revision `mian` in this repository; the closest refs: `main`");
    x = run(r.dir, "diff", "relase-2024", "HEAD");
    expect(x).toMatchObject({ code: 2, stderr: expect.stringContaining("`release-2024`") });
    expect(run(r.dir, "diff", "HEAD", "HEAD", "--fail-on", "new-trasnfer")).toMatchObject({ code: 2, stderr: expect.stringContaining("did you mean `new-transfer`") });
    expect(run(r.dir, "diff", "--format", "xml").code).toBe(2);
    expect(run(r.dir, "diff", "a", "b", "c").code).toBe(2);
    expect(run(r.dir, "diff", "HEAD", "HEAD", "--models", "nothing/").stderr).toContain("no .flow files in nothing/ on either side");
    expect(run(r.dir, "diff", "models", "nope/")).toMatchObject({ code: 2, stderr: expect.stringContaining("no such file or directory: nope/") });
    const outside = mkdtempSync(join(tmpdir(), "flowmap-diff-nogit-"));
    expect(run(outside, "diff")).toMatchObject({ code: 2, stderr: expect.stringContaining("not in a git repository") });
    // A FIFO named .flow is not read (it would block).
    mkdirSync(join(outside, "a"));
    mkdirSync(join(outside, "b"));
    writeFileSync(join(outside, "a/m.flow"), 'organization o "O" { role controller  country NL  contact "x" }\n');
    execFileSync("mkfifo", [join(outside, "b/m.flow")]);
    expect(run(outside, "diff", "a", "b")).toMatchObject({ code: 2, stderr: expect.stringContaining("not a regular file") });
  });

  it("a shallow clone without the base says so", () => {
    const r = repo().edit(cielo, ["retention session", "retention memory"]).commit();
    const clone = mkdtempSync(join(tmpdir(), "flowmap-diff-shallow-"));
    git(clone, "clone", "-q", "--depth", "1", `file://${r.dir}`, "c");
    const x = run(join(clone, "c"), "diff", "HEAD~1");
    expect(x.code).toBe(2);
    expect(x.stderr).toContain("this is a shallow clone");
    expect(x.stderr).toContain("fetch-depth: 0");
  });

  it("defaults: the merge base with the default branch and the working tree; HEAD for uncommitted work", () => {
    const r = repo();
    git(r.dir, "checkout", "-q", "-b", "feature");
    r.edit(cielo, ["retention session", "retention 1 year"]).commit("on the branch");
    git(r.dir, "checkout", "-q", "main");
    r.edit("models/mittalcloud.flow", ['data name "Name" {\n  kind identity', 'data name "Full name" {\n  kind identity']).commit("on main");
    git(r.dir, "checkout", "-q", "feature");
    r.edit(cielo, ["kind peer_device }", "kind peer_device }\nsystem cache \"Cache\" { kind storage  operator self  located NL }"]);
    const d = r.diff().json;
    expect(d.base.label).toMatch(/^the merge base with main \([0-9a-f]{7}\)$/);
    expect(d.head.label).toBe("the working tree");
    expect(kinds(d)).toEqual(expect.arrayContaining(["retention-changed:retention", "system-added"]));
    expect(changesOf(d, "models/mittalcloud.flow")).toEqual([]);
    git(r.dir, "checkout", "-q", "-f", "main");
    r.edit(cielo, ["retention session", "retention 2 years"]);
    const u = r.diff().json;
    expect(u.base.label).toMatch(/^HEAD \([0-9a-f]{7}\)$/);
    expect(kinds(u)).toEqual(["retention-changed:retention"]);
  });

  it("two directories or two files, without git", () => {
    const dir = mkdtempSync(join(tmpdir(), "flowmap-diff-paths-"));
    cpSync(join(root, "models"), join(dir, "old"), { recursive: true });
    cpSync(join(root, "models"), join(dir, "new"), { recursive: true });
    writeFileSync(join(dir, "new/cieloweb.flow"), readFileSync(join(dir, "new/cieloweb.flow"), "utf8").replace("located US\n  stores", "located US, CN\n  stores"));
    const d = JSON.parse(run(dir, "diff", "old", "new", "--format", "json").stdout) as Report;
    expect(d.models.find((m) => m.path === "new/cieloweb.flow")!.changes.map((c) => c.kind).sort()).toEqual(["system-changed", "third-country-added", "transfer-destination-added"]);
    rmSync(join(dir, "new/cbline.flow"));
    const files = run(dir, "diff", "old/cieloweb.flow", "new/cieloweb.flow", "--format", "json", "--fail-on", "new-third-country");
    expect(files.code).toBe(1);
    expect((JSON.parse(files.stdout) as Report).models).toHaveLength(1);
  });

  it("markdown for a pull-request comment: a golden of a realistic change; model text never acts", async () => {
    const r = repo().edit(cielo,
      ['operator "Google LLC" as controller\n  located US', 'operator "Google LLC" as controller\n  located US\n  contract "<img src=x onerror=alert(1)> | [click](http://evil.example) \u202e"'],
      ["located US\n  stores name", "located US\n  certified dpf\n  stores name"],
      ['retention session "Al deze', 'retention 30 days "Al deze'],
      ['data plan "Account plan (free or pro)" { kind profile }', 'data plan "Account plan (free or pro)" { kind profile }\ndata health "Health notes" { kind health }'],
      ["  data ad_cookies\n  retention unspecified", "  basis consent\n  consent by_use \"by using the Service\"\n  data ad_cookies, health\n  retention unspecified"],
    ).append(cielo, 'system insights "Insights **now**" {\n  kind analytics\n  operator "Insight Labs Pvt" as processor\n  located IN\n  contract "Insight DPA"\n  security "encryption at rest"\n}\nflow browser -> insights "Usage" {\n  data ad_cookies, health\n  for advertising\n  mechanism scc c2p\n}\n').commit();
    const md = run(r.dir, "diff", "HEAD~1", "HEAD", "--format", "markdown");
    expect(md.code).toBe(0);
    const stable = md.stdout.replace(/\b[0-9a-f]{7}\b/g, "<sha>");
    await expect(stable).toMatchFileSnapshot("golden/diff/cieloweb.md");
    expect(stable).not.toContain("<img");
    expect(stable).toContain("\\[click\\](http\\://evil.example)");
    expect(stable).not.toContain("\u202e");
    expect(stable.split("\n")[0]).toBe("<!-- flowmap-diff -->");
  });

  it("the JSON example in docs/diff.md has the fields the real output has", () => {
    const r = repo();
    renameSync(join(r.dir, cielo), join(r.dir, "models/cielo.flow"));
    r.edit("models/cielo.flow", ['retention session "Al deze', 'retention 30 days "Al deze'], ["system firebase_auth \"Firebase", "// flowmap-ignore processor-without-contract: DPA being signed, PRIV-9\nsystem firebase_auth \"Firebase"])
      .append("models/cielo.flow", 'system crm "CRM" { kind saas  operator "Zoho Corporation" as processor  located IN  contract "Zoho DPA" }\nflow browser -> crm "CRM sync" { data email  for accounts  mechanism scc c2p }\n')
      .edit("models/cbline.flow", ["organization", "system { oops\norganization"]);
    const real = r.diff("HEAD", "--fail-on", "new-transfer").json as unknown as Record<string, unknown>;
    const doc = readFileSync(join(root, "docs/diff.md"), "utf8");
    const example = JSON.parse(/```json\n([\s\S]*?)```/.exec(doc)![1]!) as Record<string, unknown>;
    const keys = (o: unknown, deep = false, at = ""): string[] =>
      o && typeof o === "object" && !Array.isArray(o) ? Object.entries(o).flatMap(([k, v]) => [`${at}${k}`, ...(deep ? keys(v, true, `${at}${k}.`) : [])]).sort() : [];
    const union = (list: unknown[]) => [...new Set(list.flatMap((x) => keys(x)))].sort();
    expect(keys(example)).toEqual(keys(real));
    expect(keys(example.base)).toEqual(keys(real.base));
    expect(keys(example.summary, true)).toEqual(keys(real.summary, true));
    const models = (x: Record<string, unknown>) => x.models as { changes: unknown[] }[];
    expect(union(models(example))).toEqual(union(models(real)));
    expect(union(models(example).flatMap((m) => m.changes))).toEqual(union(models(real).flatMap((m) => m.changes)));
    const findings = (x: Record<string, unknown>) => Object.values(x.findings as Record<string, unknown[]>).flat();
    expect(union(findings(example))).toEqual(union(findings(real)));
    expect(union((example.head as { errors: unknown[] }).errors)).toEqual(union((real.head as { errors: unknown[] }).errors));
  });

  it("the pull-request workflow's diff step runs as written: the markdown to the summary, the exit status to the outputs", () => {
    const wf = yaml.load(readFileSync(join(root, "docs/github-actions-diff.yml"), "utf8")) as { jobs: Record<string, { steps: { id?: string; run?: string; env?: Record<string, string> }[] }> };
    const step = Object.values(wf.jobs).flatMap((j) => j.steps).find((x) => x.id === "diff")!;
    expect(step.run).toContain("npx flowmap diff");
    const r = repo().edit(cielo, ['retention session "Al deze', 'retention 30 days "Al deze']).commit();
    const script = step.run!.replace(/npx flowmap /g, `"${process.execPath}" "${cli}" `);
    const out = join(r.dir, "outputs");
    const summary = join(r.dir, "summary");
    const x = spawnSync("bash", ["-e", "-c", script], { cwd: r.dir, env: { ...env, BASE: "HEAD~1", GITHUB_OUTPUT: out, GITHUB_STEP_SUMMARY: summary }, encoding: "utf8" });
    expect(x.status, x.stderr).toBe(0);
    expect(readFileSync(out, "utf8")).toBe("status=0\n");
    expect(readFileSync(summary, "utf8")).toMatch(/^<!-- flowmap-diff -->\n### flowmap diff: 1 model changed: 1 retention lengthened/);
    const y = spawnSync("bash", ["-e", "-c", script], { cwd: r.dir, env: { ...env, BASE: "no-such-branch", GITHUB_OUTPUT: out, GITHUB_STEP_SUMMARY: summary }, encoding: "utf8" });
    expect(y.status).not.toBe(0);
    expect(y.stderr).toContain("no revision `no-such-branch`");
  });
});
