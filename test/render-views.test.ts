/** Issue 16 item 2, maps at any size: the overview and the narrowing views, labels that keep their
 *  verdicts, findings spelled out in the SVG, the marks for partial adequacy, grounds and Art. 9
 *  data, back edges and wrapped rows. */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { generateModel } from "../bench/generate.js";
import { checkSource } from "../src/check/index.js";
import { laidOutMapOf, mapGraphOf, renderMap, viewProblem } from "../src/render/index.js";
import { edgeLines, verdictsText } from "../src/render/labels.js";
import { tableMeasurer } from "../src/render/measure.js";
import { backEdges } from "../src/render/order.js";
import { ink, zoneStyles } from "../src/render/style.js";
import { select } from "../src/render/views.js";
import { groupsOf } from "./svg-groups.js";

const root = join(import.meta.dirname, "..");
const seed = (name: string) => checkSource(`models/${name}.flow`, readFileSync(join(root, `models/${name}.flow`), "utf8"));
const textOf = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((x) => x[1]!.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"'));

const header = `model "T" { regime gdpr  updated "2026-01-01" }
organization o "O" { role controller  country NL  contact "x@o.example" }
subject s "Users"
data email "E-mail" { kind contact }
data health "Health record" { kind health }
`;

/** One flow to a system in two countries, TR (no adequacy) and CH (adequate), with many data items. */
const twoCountries = `${header}
data d1 "Device identifiers" { kind device }
data d2 "Usage statistics" { kind usage }
data d3 "Location history" { kind location }
purpose p "Service" { basis contract  subjects s  data email, d1, d2, d3  retention 1 years }
system app "App" { kind server  operator self  located NL }
system eu "Regional hosting" { kind saas  operator "Host Ltd" as processor  contract "DPA"  located TR, CH }
flow app -> eu "Hosting" { data email, d1, d2, d3  for p }
`;

describe("labels keep the verdict, per country", () => {
  const result = checkSource("two.flow", twoCountries);
  const transfer = result.transfers[0]!;

  it("names each country with its own verdict", () => {
    expect(verdictsText(transfer)).toBe("TR: not covered, CH: adequate");
  });

  it.each(["full", "compact"] as const)("a %s label keeps every country's verdict whole and drops data items first", (detail) => {
    const m = tableMeasurer();
    const flow = result.model.flows[0]!;
    const lines = edgeLines(m, { flow, data: ["E-mail", "Device identifiers", "Usage statistics", "Location history", "A very long data category name indeed"], special: [], purposes: ["Service"], transfer }, detail);
    const verdict = lines.filter((l) => l.bold).map((l) => l.text).join(" ");
    expect(verdict).toContain("TR: not covered");
    expect(verdict).toContain("CH: adequate");
    expect(verdict).not.toContain("…");
    if (detail === "compact") {
      expect(lines.length).toBeLessThanOrEqual(3);
      expect(lines.at(-1)!.text).toMatch(/more$|…$/); // data, shortened, comes last
    }
  });

  it("on the drawn map", async () => {
    const texts = textOf((await renderMap(result)).svg).join(" ");
    expect(texts).toContain("TR: not covered, CH: adequate");
    expect(texts).not.toMatch(/TR, CH: not covered/);
  });
});

describe("marks: grounds, certification, partial adequacy, Art. 9 data, the legend", () => {
  const marks = `${header}
purpose p "Service" { basis contract  subjects s  data email  retention 1 years }
purpose care "Care" { basis contract  condition health_care  subjects s  data health  retention 1 years }
system app "App" { kind server  operator self  located NL }
system crm "US CRM" { kind saas  operator "CRM Inc." as processor  contract "DPA"  located US  certified dpf }
system mail "US mailer" { kind email  operator "Mail Inc." as processor  contract "DPA"  located US }
system clinic "Clinic system" { kind saas  operator "Clinic AG" as processor  contract "DPA"  located DE }
flow app -> crm "CRM sync" { data email  for p  mechanism dpf }
flow app -> mail "Mailing" { data email  for p  mechanism scc c2p  tia "TIA-1" }
flow app -> clinic "Records" { data health  for care }
`;
  const result = checkSource("marks.flow", marks);

  it("shows DPF on the certified recipient, the ground on each transfer, Art. 9 data on its flow", async () => {
    const graph = await mapGraphOf(result);
    const texts = Object.values(graph.systems).flatMap((s) => s.text.lines.map((l) => l.text)).join("\n");
    expect(texts).toContain("DPF-certified");
    const labels = Object.values(graph.edges).map((e) => e.label.lines.map((l) => l.text).join(" "));
    expect(labels.some((l) => l.includes("US: adequate (DPF)"))).toBe(true);
    expect(labels.some((l) => l.includes("US: SCC"))).toBe(true);
    const records = Object.values(graph.edges).find((e) => e.label.lines.some((l) => l.text.includes("Health record")))!;
    expect(records.label.lines.find((l) => l.text.startsWith("Art. 9"))!.color).toBe(ink.special);
    expect(records.labelStroke).toBe(ink.special);
  });

  it("styles a US box of certified recipients apart from full adequacy, and a mixed one as a third country", async () => {
    const graph = await mapGraphOf(result);
    const us = graph.containers.c_US!;
    // One recipient certified, one on SCCs: the box is not "adequate".
    expect(us.style.fill).toBe(zoneStyles.third.fill);
    expect(us.title.lines.map((l) => l.text).join(" ")).toMatch(/not covered by it/);
    const certifiedOnly = checkSource("c.flow", marks.replace(/system mail[^\n]*\n/, "").replace(/flow app -> mail[^\n]*\n/, ""));
    expect((await mapGraphOf(certifiedOnly)).containers.c_US!.style.fill).toBe(zoneStyles.partial.fill);
  });

  it("never styles a whole-adequacy country adequate when a transfer into it is not covered", async () => {
    const ch = `${header}
purpose p "Service" { basis contract  subjects s  data email  retention 1 years }
system app "App" { kind server  operator self  located NL }
system zurich "Zurich host" { kind saas  operator "Host AG" as processor  contract "DPA"  located CH }
flow app -> zurich "Hosting" { data email  for p  mechanism privacy_shield }
`;
    const graph = await mapGraphOf(checkSource("ch.flow", ch));
    expect(graph.containers.c_CH!.style.fill).toBe(zoneStyles.third.fill);
  });

  it("puts every mark in the legend, the red finding number included", async () => {
    const graph = await mapGraphOf(result);
    const legend = graph.legend.map((i) => i.text);
    for (const z of Object.values(zoneStyles)) expect(legend).toContain(z.label);
    expect(graph.legend.some((i) => i.kind === "callout" && i.fill === ink.error)).toBe(true);
    expect(graph.legend.some((i) => i.kind === "tag" && i.sample === "Art. 9")).toBe(true);
    expect(legend.some((t) => /SCC, BCR, DPF/.test(t))).toBe(true);
  });
});

describe("findings readable without tooltips", () => {
  it.each(["cieloweb", "banzaicloud"])("models/%s.flow: every finding is spelled out in the SVG's findings list, numbered as on the map", async (name) => {
    const result = seed(name);
    const { svg } = await renderMap(result);
    const list = svg.slice(svg.indexOf('<g class="findings">'), svg.indexOf('<g class="legend">'));
    const listed = textOf(list).join(" ");
    for (const d of result.diagnostics) expect(listed, d.code).toContain(`[${d.code}]`);
    // Every number on the map is an entry in the list.
    const mapPart = svg.slice(0, svg.indexOf('<g class="findings">'));
    const numbers = (part: string) => new Set([...part.matchAll(/<g class="callout">.*?<text[^>]*>([^<]+)<\/text>/g)].map((x) => x[1]!));
    const entries = numbers(list);
    for (const n of numbers(mapPart)) for (const part of n.split(", ")) for (const k of part.split("\u2013")) expect(entries.has(k), k).toBe(true);
    expect(entries.size).toBeGreaterThan(2);
  });

  it("a purpose's errors (consent) are a numbered entry carried by its flows", async () => {
    const text = `${header}
purpose ads "Advertising" { basis consent  consent bundled  subjects s  data email  retention 1 years }
system app "App" { kind server  operator self  located NL }
system db "Database" { kind database  operator self  located NL }
flow app -> db "Store" { data email  for ads }
`;
    const result = checkSource("consent.flow", text);
    const errors = result.diagnostics.filter((d) => d.code === "consent-invalid");
    expect(errors.length).toBeGreaterThan(0);
    const graph = await mapGraphOf(result);
    const entry = graph.notes.find((n) => n.text.lines[0]!.text.startsWith("Purpose: Advertising"))!;
    expect(entry.callout).toBeDefined();
    const edge = Object.values(graph.edges)[0]!;
    expect(edge.callouts.map((c) => c.text ?? String(c.number))).toContain(String(entry.callout!.number));
  });
});

describe("views", () => {
  const result = seed("senbilcloud");

  it("rejects what the model does not have, with a suggestion", () => {
    expect(viewProblem(result.model, { kind: "overveiw" as never })).toMatch(/unknown view `overveiw`.*did you mean `overview`/);
    expect(viewProblem(result.model, { only: "transfer" as never })).toMatch(/did you mean `transfers`/);
    expect(viewProblem(result.model, { country: "tr" })).toMatch(/no system in `tr`.*did you mean `TR`/);
    const purpose = result.model.purposes[0]!.id;
    expect(viewProblem(result.model, { purpose: `${purpose}x` })).toMatch(new RegExp(`did you mean \`${purpose}\``));
    expect(viewProblem(result.model, { purpose, country: "TR", only: "errors", kind: "overview" })).toBeUndefined();
  });

  it("narrows to a purpose, a country, transfers or errors, and the filters combine", () => {
    const all = select(result);
    const transfers = select(result, { only: "transfers" });
    expect(transfers.flows.length).toBe(result.transfers.length);
    expect(transfers.flows.every((f) => f.transfer)).toBe(true);
    const purpose = result.model.purposes.find((p) => result.model.flows.some((f) => f.purposes.some((r) => r.id === p.id)))!.id;
    const byPurpose = select(result, { purpose });
    expect(byPurpose.flows.length).toBeGreaterThan(0);
    expect(byPurpose.flows.every((f) => f.flow.purposes.some((r) => r.id === purpose))).toBe(true);
    const both = select(result, { purpose, only: "transfers" });
    expect(both.flows.map((f) => f.index)).toEqual(byPurpose.flows.filter((f) => f.transfer).map((f) => f.index));
    const tr = select(result, { country: "TR" });
    for (const f of tr.flows) expect([f.flow.from.id, f.flow.to.id].some((id) => result.model.systems.find((s) => s.id === id)!.locations.some((l) => l.code === "TR"))).toBe(true);
    expect(tr.systems.length).toBeLessThanOrEqual(all.systems.length);
    const errors = select(result, { only: "errors" });
    expect(errors.flows.length).toBeGreaterThan(0);
  });

  it("draws the narrowed map with the original flow indexes and says what it shows", async () => {
    const { svg } = await renderMap(result, { view: { only: "transfers" } });
    const flows = groupsOf(svg).filter((g) => g.cls === "flow").map((g) => Number(g.attrs["data-flows"]));
    expect([...new Set(flows)].sort((a, b) => a - b)).toEqual(select(result, { only: "transfers" }).flows.map((f) => f.index));
    expect(textOf(svg).join(" ")).toContain("View: cross-border transfers only");
  });
});

describe("the overview", () => {
  it("draws one box per place and one counted edge per direction, with the contract's attributes", async () => {
    const result = seed("senbilcloud");
    const { svg } = await renderMap(result, { view: { kind: "overview" } });
    expect(XMLValidator.validate(svg)).toBe(true);
    const groups = groupsOf(svg);
    expect(groups.filter((g) => g.cls === "system")).toEqual([]);
    const places = groups.filter((g) => g.cls === "place");
    const systems = places.flatMap((p) => p.attrs["data-systems"]!.split(" "));
    expect(systems.sort()).toEqual(result.model.systems.map((s) => s.id).sort());
    const flows = groups.filter((g) => g.cls === "flow");
    const indexes = flows.flatMap((f) => f.attrs["data-flows"]!.split(" ").map(Number));
    // Every transfer is on an edge (flows that are no transfer are counted in their boxes).
    for (const f of select(result).flows.filter((x) => x.transfer)) expect(indexes).toContain(f.index);
    for (const f of flows) for (const id of f.attrs["data-from"]!.split(" ")) expect(result.model.systems.some((s) => s.id === id)).toBe(true);
    expect(textOf(svg).join(" ")).toMatch(/\d+ flows?, \d+ transfers?/);
    expect((await renderMap(result, { view: { kind: "overview" } })).svg).toBe(svg);
  });

  it("stays a few boxes and edges for 200 and 2,000 generated systems", async () => {
    for (const n of [200, 2000]) {
      const result = checkSource(`gen${n}.flow`, generateModel(n, 42).text);
      const graph = await mapGraphOf(result, { kind: "overview" });
      expect(graph.elk.children!.length).toBeLessThanOrEqual(12);
      expect(graph.elk.edges!.length).toBeLessThanOrEqual(30);
      const laid = await laidOutMapOf(result, { view: { kind: "overview" } });
      // The 200-system overview's chain of onward transfers (EEA, GB, IN, SG, CA) is cut into rows.
      expect(laid.width).toBeLessThan(3000);
      expect(laid.height).toBeLessThan(2000);
    }
  }, 120_000);
});

describe("hostile names on the overview, the views and the row connectors", () => {
  const evil = `model "<script>alert(1)</script>" { regime gdpr }
organization o "O & <b>" { role controller  country NL  contact "x@o.example" }
subject s "Users"
data email "E-mail <img src=x onerror=alert(1)>" { kind contact }
purpose p "Purpose ]]> <!-- x -->" { basis contract  subjects s  data email  retention 1 years }
system web "<svg onload=alert(1)>" { kind browser }
system api "API \\" onload=\\"alert(1)" { kind server  operator self  located NL }
system a "A \u202e evil" { kind saas  operator "Evil <Ltd>" as processor  contract "DPA"  located US }
system b "B" { kind saas  operator "B Inc" as processor  contract "DPA"  located IN }
system c "C" { kind saas  operator "C Inc" as processor  contract "DPA"  located JP }
system d "D" { kind saas  operator "D Inc" as processor  contract "DPA"  located SG }
flow web -> api "<b>sign in</b>" { data email  for p }
flow api -> a "x" { data email  for p }
flow a -> b "y" { data email  for p }
flow b -> c "z" { data email  for p }
flow c -> d "w" { data email  for p }
`;
  it.each([{}, { kind: "overview" as const }, { only: "transfers" as const }, { country: "US" }])("%o stays text", async (view) => {
    const result = checkSource("evil.flow", evil);
    expect(result.complete).toBe(true);
    const { svg } = await renderMap(result, { view });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toMatch(/<script|<img|<svg onload|<b>|<!-- x|\u202e/);
    const texts = textOf(svg).join(" ");
    expect(texts).toContain("O & <b>");
    if (!Object.keys(view).length) {
      expect(texts).toContain("<svg onload=alert(1)>");
      expect(svg).toContain('<g class="connector"'); // the long chain is cut into rows: connectors name systems too
    }
  });
});

describe("reading direction", () => {
  it("turns back edges forward: flows into the devices, then what closes a cycle", () => {
    const client = (id: string) => id === "web";
    expect([...backEdges(["web", "api", "db"], [{ from: "web", to: "api" }, { from: "api", to: "db" }, { from: "db", to: "api" }, { from: "api", to: "web" }], client)].sort()).toEqual([2, 3]);
    expect([...backEdges(["a", "b"], [{ from: "a", to: "b" }], () => false)]).toEqual([]);
  });

  it("wraps a long seed map into rows joined by lettered connectors", async () => {
    const laid = await laidOutMapOf(seed("banzaicloud"));
    expect(laid.rowBreaks.length).toBeGreaterThanOrEqual(1);
    const connectors = laid.systems.filter((s) => s.cls === "connector");
    expect(connectors.length % 2).toBe(0);
    const letters = connectors.map((c) => c.text[0]!.text.replace(/ .*/, "")).sort();
    expect(letters.filter((l, i) => i % 2 === 0)).toEqual(letters.filter((l, i) => i % 2 === 1));
    // A wrapped flow's two parts carry the same data-flows.
    const parts = laid.edges.filter((e) => e.id.endsWith("__cont"));
    for (const p of parts) expect(laid.edges.find((e) => e.id === p.id.replace(/__cont$/, ""))!.data).toEqual(p.data);
  });
});

describe("flowmap render views (the bundled CLI)", () => {
  const cli = join(root, "dist/flowmap.mjs");
  let dir = "";
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, "scripts/bundle.mjs")]);
    dir = mkdtempSync(join(tmpdir(), "flowmap-views-"));
    writeFileSync(join(dir, "m.flow"), readFileSync(join(root, "models/cieloweb.flow")));
  });
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });

  it("writes a view beside the full map, and refuses an unknown id with a suggestion (exit 2, nothing written)", () => {
    const ok = run("render", "m.flow", "--view", "overview", "--only", "transfers");
    expect(ok.status, ok.stderr).toBe(0);
    expect(existsSync(join(dir, "out/m.overview.transfers.svg"))).toBe(true);
    const bad = run("render", "m.flow", "--purpose", "advertsing");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("no purpose `advertsing` in m.flow (did you mean `advertising`?)");
    expect(existsSync(join(dir, "out/m.purpose-advertsing.svg"))).toBe(false);
  });

  it("a view that selects nothing says so on stderr; a view flag given twice is a usage error", () => {
    // cieloweb's peer-to-peer purpose moves data between users' own devices only: no transfer.
    const empty = run("render", "m.flow", "--purpose", "p2p_sharing", "--only", "transfers", "-o", "empty.svg");
    expect(empty.status, empty.stderr).toBe(0);
    expect(empty.stderr).toContain("nothing in m.flow matches purpose `p2p_sharing` and --only transfers; the map is empty");
    const twice = run("render", "m.flow", "--purpose", "accounts", "--purpose", "advertising", "-o", "twice.svg");
    expect(twice.status).toBe(2);
    expect(twice.stderr).toContain("--purpose given twice");
    expect(existsSync(join(dir, "twice.svg"))).toBe(false);
  });
});

