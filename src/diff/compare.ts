/** The semantic comparison of two checked models: what changed in the organization, the data
 *  subjects, the data, the purposes, the systems and vendors, the flows and the transfers. A pure
 *  function of the two check results' models and transfers. */
import type { Consent, DataCategory, Flow, Model, Organization, Purpose, Store, Subject, System } from "../model/model.js";
import { dataKinds } from "../model/vocabulary.js";
import type { Change, Importance, Part } from "./types.js";
import { atBase, atHead, change, code, codes, user, users, type ModelSide, type Node } from "./change.js";
import { delta, mapped, match, noRenames, set, type Pair, type Renames } from "./match.js";
import { directionWords, retentionChange } from "./retention.js";
import { compareTransfers } from "./transfers.js";

/** A consent's form as written (`explicit, parental`), so a guardian added beside a form is a change. */
const consentWords = (c: Consent | undefined) => c && (c.parental && c.form !== "parental" ? `${c.form}, parental` : c.form);

/** The head's model against the base's: every change, in the order of the sections a reviewer reads. */
export function compareModels(base: ModelSide, head: ModelSide): Change[] {
  const out: Change[] = [];
  const renames = noRenames();
  compareOrganization(base.model, head.model, out);
  const subjects = entities("subject", base.model.subjects, head.model.subjects, renames.subject, out, undefined, subjectAdded);
  for (const p of subjects) if (p.base.name !== p.head.name) out.push(titleChange("subject", p));
  const data = entities("data", base.model.data, head.model.data, renames.data, out, undefined, dataAdded);
  for (const p of data) compareData(p, out);
  const purposes = entities("purpose", base.model.purposes, head.model.purposes, renames.purpose, out,
    { base: (p) => purposeSignature(p, renames), head: (p) => purposeSignature(p, noRenames()) });
  for (const p of purposes) comparePurpose(p, renames, out);
  const systems = entities("system", base.model.systems, head.model.systems, renames.system, out,
    { base: (s) => systemSignature(s, renames), head: (s) => systemSignature(s, noRenames()) }, systemAdded);
  compareVendors(base.model.systems, head.model.systems, out);
  for (const p of systems) compareSystem(p, renames, out);
  const flows = matchFlows(base.model.flows, head.model.flows, renames);
  for (const f of flows.added) out.push(change("flow-added", "flow", f.id, ["flow ", ...flowName(f), " added, carrying ", ...codes(f.data.map((d) => d.id)), f.purposes.length ? [" for ", ...codes(f.purposes.map((p) => p.id))] : []].flat(), { at: atHead(f.span) }));
  for (const f of flows.removed) out.push(change("flow-removed", "flow", f.id, ["flow ", ...flowName(f), " removed"], { at: atBase(f.span), importance: "low" }));
  for (const p of flows.pairs) compareFlow(p, renames, out);
  const flowIds = new Map(flows.pairs.map((p) => [p.base.id, p.head.id]));
  out.push(...compareTransfers(base, head, flowIds));
  return out;
}

/** Added, removed and renamed things of one kind; renames land in `map` (base id -> head id). */
function entities<T extends Node>(
  entity: "subject" | "data" | "purpose" | "system", base: readonly T[], head: readonly T[], map: Map<string, string>, out: Change[],
  signature?: { base: (t: T) => string; head: (t: T) => string }, added?: (t: T) => Change,
): Pair<T>[] {
  const m = match(base, head, signature);
  const label = entity === "data" ? "data category" : entity;
  for (const p of m.pairs) {
    if (!p.renamed) continue;
    map.set(p.base.id, p.head.id);
    out.push(change(`${entity}-renamed`, entity, p.head.id, [`${label} `, code(p.base.id), " renamed to ", code(p.head.id), ...(p.base.name === p.head.name ? [] : [" (", user(p.base.name), " -> ", user(p.head.name), ")"])],
      { before: p.base.id, after: p.head.id, importance: "low", at: atHead(p.head.span) }));
  }
  for (const t of m.added) out.push(added ? added(t) : change(`${entity}-added`, entity, t.id, [`${label} `, code(t.id), " (", user(t.name), ") added"], { at: atHead(t.span) }));
  for (const t of m.removed) out.push(change(`${entity}-removed`, entity, t.id, [`${label} `, code(t.id), " (", user(t.name), ") removed"], { at: atBase(t.span), importance: "low" }));
  return m.pairs;
}

function titleChange(entity: "subject" | "data" | "purpose" | "system" | "flow", p: Pair<Node>): Change {
  return change(`${entity}-changed`, entity, p.head.id, [`${entity === "data" ? "data category" : entity} `, code(p.head.id), " retitled from ", user(p.base.name), " to ", user(p.head.name)],
    { field: "name", before: p.base.name, after: p.head.name, importance: "low", at: atHead(p.head.span) });
}

const childish = /(^|[^a-z])(child|children|kid|kids|minor|minors|pupil|pupils|teen|teens|teenager|teenagers|under_?1[0-8])([^a-z]|$)/;

/** A new data subject category; children (by the words of its name or title) stand out. */
function subjectAdded(s: Subject): Change {
  const children = childish.test(s.id.toLowerCase()) || childish.test(s.name.toLowerCase());
  return change("subject-added", "subject", s.id, ["data subjects ", code(s.id), " (", user(s.name), ") added", children ? ": children" : ""],
    { details: { children }, importance: children ? "high" : "medium", at: atHead(s.span) });
}

function dataWords(d: DataCategory): string {
  const label = d.kind ? dataKinds[d.kind].label : "no kind";
  return d.special ? `${label}, a special category (Art. ${d.kind === "criminal" ? "10" : "9"})` : d.sensitive ? `${label}, sensitive` : label;
}

function dataAdded(d: DataCategory): Change {
  return change("data-added", "data", d.id, ["data category ", code(d.id), " (", user(d.name), `; ${dataWords(d)}) added`],
    { details: { kind: d.kind ?? null, special: d.special, sensitive: d.sensitive }, importance: d.special || d.sensitive ? "high" : "medium",
      conditions: d.special ? ["new-special-category"] : [], at: atHead(d.span) });
}

function compareData(p: Pair<DataCategory>, out: Change[]): void {
  if (p.base.name !== p.head.name) out.push(titleChange("data", p));
  // A claim that the data is anonymous takes it out of storage limitation: a reviewer sees it come and go.
  if (p.base.anonymous !== p.head.anonymous) {
    const [b, h] = [p.base.anonymous, p.head.anonymous];
    const parts: Part[] = ["data category ", code(p.head.id), ": anonymity claim ", ...(b === undefined ? ["set to ", user(h!)] : h === undefined ? ["removed (was ", user(b), ")"] : ["changed from ", user(b), " to ", user(h)])];
    out.push(change("data-changed", "data", p.head.id, parts, { field: "anonymous", before: b ?? null, after: h ?? null, importance: h !== undefined && b === undefined ? "high" : "medium", at: atHead(p.head.span, "anonymous", p.head.spans) }));
  }
  if (p.base.kind === p.head.kind) return;
  const special = p.head.special && !p.base.special;
  out.push(change("data-changed", "data", p.head.id, ["data category ", code(p.head.id), ` is now ${dataWords(p.head)} (was ${dataWords(p.base)})`],
    { field: "kind", before: p.base.kind ?? null, after: p.head.kind ?? null, details: { special: p.head.special, sensitive: p.head.sensitive },
      importance: special || (p.head.sensitive && !p.base.sensitive) ? "high" : "medium", conditions: special ? ["new-special-category"] : [], at: atHead(p.head.span, "kind", p.head.spans) }));
}

function compareOrganization(base: Model, head: Model, out: Change[]): void {
  const b = base.organization;
  const h = head.organization;
  if (!b || !h) return;
  const fields: [string, (o: Organization) => string | undefined][] = [
    ["id", (o) => o.id], ["name", (o) => o.name], ["role", (o) => o.role], ["country", (o) => o.country?.code], ["contact", (o) => o.contact],
    ["address", (o) => o.address], ["dpo", (o) => o.dpo], ["representative", (o) => o.representative], ["joint", (o) => set(o.jointControllers).join(", ") || undefined],
    ["targets", (o) => o.targets && [o.targets.zone, o.targets.note && `"${o.targets.note}"`].filter(Boolean).join(" ")],
    ["rights", (o) => o.rights && (o.rights.none ? "none" : set(o.rights.list).join(", "))],
    // The promises and their own exceptions (`not_shared except consent, reservation`): what the claim rules judge.
    ["claim", (o) => o.claims?.map((c) => (c.except ? `${c.kind} except ${[...c.except.bases, ...c.except.purposes].join(", ")}` : c.kind)).sort().join("; ") || undefined],
  ];
  for (const [field, get] of fields) {
    const before = get(b);
    const after = get(h);
    if (before === after) continue;
    const words = field === "joint" ? "joint controllers" : field === "dpo" ? "DPO" : field === "targets" ? "Art. 3(2) targeting" : field === "rights" ? "stated data-subject rights" : field === "claim" ? "claims" : field;
    const parts: Part[] = after === undefined ? [`organization's ${words} removed (was `, user(before!), ")"]
      : before === undefined ? [`organization's ${words} set to `, user(after)] : [`organization's ${words} changed from `, user(before), " to ", user(after)];
    out.push(change("organization-changed", "organization", h.id, parts, { field, before: before ?? null, after: after ?? null, importance: field === "role" || field === "country" ? "high" : "medium", at: atHead(h.span, field, h.spans) }));
  }
}

function purposeSignature(p: Purpose, r: Renames): string {
  return JSON.stringify([p.role, p.basis, p.basisNote, p.condition, p.conditionNote, p.consent?.form, p.consent?.parental, p.consent?.note, p.law?.places.map((x) => x.code), p.law?.note,
    set(p.subjects.map((s) => mapped(r.subject, s.id))), set(p.data.map((d) => mapped(r.data, d.id))), p.retention?.text, p.retention?.statement]);
}

function comparePurpose({ base: b, head: h, renamed }: Pair<Purpose>, r: Renames, out: Change[]): void {
  if (b.name !== h.name) out.push(titleChange("purpose", { base: b, head: h, renamed }));
  const at = (field: string) => atHead(h.span, field, h.spans);
  const value = (x: string | undefined, note?: string) => (x === undefined ? undefined : note ? `${x} "${note}"` : x);
  const scalar = (field: string, words: string, before: string | undefined, after: string | undefined, importance: Importance = "high") => {
    if (before === after) return;
    const parts: Part[] = ["purpose ", code(h.id), `: ${words} `, ...(before === undefined ? ["set to ", user(after!)] : after === undefined ? ["removed (was ", user(before), ")"] : ["changed from ", user(before), " to ", user(after)])];
    out.push(change("purpose-changed", "purpose", h.id, parts, { field, before: before ?? null, after: after ?? null, importance, at: at(field) }));
  };
  scalar("role", "the organization's role", value(b.role, b.roleNote), value(h.role, h.roleNote));
  scalar("basis", "legal basis", value(b.basis, b.basisNote), value(h.basis, h.basisNote));
  scalar("condition", "Art. 9 condition", value(b.condition, b.conditionNote), value(h.condition, h.conditionNote));
  scalar("consent", "consent", value(consentWords(b.consent), b.consent?.note), value(consentWords(h.consent), h.consent?.note));
  scalar("law", "law", value(b.law?.places.map((p) => p.code).join(", "), b.law?.note), value(h.law?.places.map((p) => p.code).join(", "), h.law?.note), "medium");
  const lists: ["subjects" | "data", Map<string, string>][] = [["subjects", r.subject], ["data", r.data]];
  for (const [field, map] of lists) {
    const d = delta(b[field].map((x) => mapped(map, x.id)), h[field].map((x) => x.id));
    const what = field === "data" ? "data" : "data subjects";
    if (d.added.length) out.push(change(`purpose-${field}-added`, "purpose", h.id, ["purpose ", code(h.id), ` now covers ${what} `, ...codes(d.added)], { field, after: d.added, at: at(field) }));
    if (d.removed.length) out.push(change(`purpose-${field}-removed`, "purpose", h.id, ["purpose ", code(h.id), ` no longer covers ${what} `, ...codes(d.removed)], { field, before: d.removed, importance: "low", at: at(field) }));
  }
  const ret = retentionChange(b.retention, h.retention, h.span);
  if (ret) out.push(retention("purpose", h.id, ["retention of purpose ", code(h.id)], ret, at("retention")));
}

function retention(entity: "purpose" | "system", id: string, what: Part[], ret: NonNullable<ReturnType<typeof retentionChange>>, at: Change["at"], details: Record<string, unknown> = {}): Change {
  return change("retention-changed", entity, id, [...what, ` ${directionWords[ret.direction]} from `, user(ret.before), " to ", user(ret.after)], {
    field: "retention", before: ret.before, after: ret.after, details: { ...details, direction: ret.direction },
    importance: ret.direction === "longer" ? "high" : ret.direction === "same" ? "low" : "medium", conditions: ret.direction === "longer" ? ["retention-longer"] : [], at,
  });
}

const operatorOf = (s: System): string | undefined => (s.operator?.self ? "self" : s.operator?.vendor);
const roleOf = (s: System): string | undefined => (s.operator?.self ? undefined : s.operator?.role);

function storeKey(st: Store, r: Renames, d: string): string {
  return `${mapped(r.data, d)}\u0000${set(st.purposes.map((p) => mapped(r.purpose, p.id))).join(",")}`;
}

function systemSignature(s: System, r: Renames): string {
  return JSON.stringify([s.kind, operatorOf(s), roleOf(s), s.operator?.of && mapped(r.system, s.operator.of.id), set(s.locations.map((l) => l.code)), set(s.certified), s.contract, set(s.security),
    set(s.stores.flatMap((st) => st.data.map((d) => `${storeKey(st, r, d.id)}\u0000${st.retention?.text ?? ""}`)))]);
}

function systemWords(s: System): Part[] {
  const op = s.operator?.self ? ["run by the organization"] : s.operator?.vendor ? ["run by ", user(s.operator.vendor), ...(s.operator.role ? [` as ${s.operator.role}`] : [])] : [];
  const where = s.locations.length ? [" in ", ...users(s.locations.map((l) => l.code))] : [];
  return [...(s.kind ? [s.kind] : []), ...(op.length ? [s.kind ? ", " : "", ...op] : []), ...where];
}

function systemAdded(s: System): Change {
  const words = systemWords(s);
  return change("system-added", "system", s.id, ["system ", code(s.id), " (", user(s.name), ") added", ...(words.length ? [": ", ...words] : [])],
    { details: { kind: s.kind ?? null, operator: operatorOf(s) ?? null, role: roleOf(s) ?? null, locations: s.locations.map((l) => l.code) }, at: atHead(s.span) });
}

function compareSystem({ base: b, head: h }: Pair<System>, r: Renames, out: Change[]): void {
  if (b.name !== h.name) out.push(titleChange("system", { base: b, head: h, renamed: false }));
  const at = (field: string) => atHead(h.span, field, h.spans);
  const scalar = (field: string, words: string, before: string | undefined, after: string | undefined, importance: Importance = "medium") => {
    if (before === after) return;
    const parts: Part[] = ["system ", code(h.id), `: ${words} `, ...(before === undefined ? ["set to ", user(after!)] : after === undefined ? ["removed (was ", user(before), ")"] : ["changed from ", user(before), " to ", user(after)])];
    out.push(change("system-changed", "system", h.id, parts, { field, before: before ?? null, after: after ?? null, importance, at: at(field) }));
  };
  scalar("kind", "kind", b.kind, h.kind, "low");
  scalar("operator", "operator", operatorOf(b), operatorOf(h), "high");
  scalar("role", "operator's role", roleOf(b), roleOf(h), "high");
  scalar("of", "sub-processor of", b.operator?.of && mapped(r.system, b.operator.of.id), h.operator?.of?.id);
  scalar("contract", "contract", b.contract, h.contract, h.contract === undefined ? "high" : "medium");
  const lists: [string, string, string[], string[]][] = [
    ["locations", "located", b.locations.map((l) => l.code), h.locations.map((l) => l.code)],
    ["certified", "certified", b.certified, h.certified],
    ["security", "security measures", b.security, h.security],
  ];
  for (const [field, words, before, after] of lists) {
    const d = delta(before, after);
    if (!d.added.length && !d.removed.length) continue;
    const parts: Part[] = ["system ", code(h.id), `: ${words} `, ...(before.length ? users(set(before)) : ["nothing"]), " -> ", ...(after.length ? users(set(after)) : ["nothing"])];
    const importance: Importance = field === "locations" || (field === "certified" && d.removed.length) ? "high" : field === "security" && d.removed.length ? "medium" : "low";
    out.push(change("system-changed", "system", h.id, parts, { field, before: set(before), after: set(after), details: d, importance, at: at(field) }));
  }
  // What the system keeps: data added or dropped, and each (data, purposes) line's retention.
  const stored = (s: System, rr: Renames) => new Map(s.stores.flatMap((st) => st.data.map((d) => [storeKey(st, rr, d.id), { st, data: mapped(rr.data, d.id) }] as const)));
  const bs = stored(b, r);
  const hs = stored(h, noRenames());
  const d = delta([...bs.values()].map((x) => x.data), [...hs.values()].map((x) => x.data));
  if (d.added.length) out.push(change("system-data-added", "system", h.id, ["system ", code(h.id), " now stores ", ...codes(d.added)], { field: "stores", after: d.added, at: at("stores") }));
  if (d.removed.length) out.push(change("system-data-removed", "system", h.id, ["system ", code(h.id), " no longer stores ", ...codes(d.removed)], { field: "stores", before: d.removed, importance: "low", at: at("stores") }));
  for (const [key, { st, data }] of hs) {
    const old = bs.get(key);
    if (!old) continue;
    const ret = retentionChange(old.st.retention, st.retention, st.span);
    const purposes = set(st.purposes.map((p) => p.id));
    if (ret) out.push(retention("system", h.id, ["retention of ", code(data), " on system ", code(h.id), ...(purposes.length ? [" (for ", ...codes(purposes), ")"] : [])], ret, { side: "head", file: st.span.file, line: st.span.line }, { data, purposes }));
  }
}

/** Vendors are the operators of systems that are not the organization's own, by name. */
function compareVendors(base: System[], head: System[], out: Change[]): void {
  const vendors = (systems: System[]) => {
    const m = new Map<string, System[]>();
    for (const s of systems) if (s.operator?.vendor && !s.operator.self) m.set(s.operator.vendor, [...(m.get(s.operator.vendor) ?? []), s]);
    return m;
  };
  const b = vendors(base);
  const h = vendors(head);
  for (const [vendor, systems] of h) {
    if (b.has(vendor)) continue;
    const roles = set(systems.map((s) => s.operator?.role ?? "").filter(Boolean));
    out.push(change("vendor-added", "vendor", vendor, ["vendor ", user(vendor), " added", ...(roles.length ? [` (${roles.join(", ")})`] : []), ", running ", ...codes(systems.map((s) => s.id))],
      { details: { roles, systems: systems.map((s) => s.id) }, importance: "high", at: atHead(systems[0]!.span, "operator", systems[0]!.spans) }));
  }
  for (const [vendor, systems] of b) {
    if (h.has(vendor)) continue;
    out.push(change("vendor-removed", "vendor", vendor, ["vendor ", user(vendor), " removed"], { details: { systems: systems.map((s) => s.id) }, importance: "low", at: atBase(systems[0]!.span) }));
  }
}

const flowName = (f: Flow): Part[] => [code(f.from.id), " -> ", code(f.to.id), ...(f.name !== `${f.from.id} -> ${f.to.id}` ? [" (", user(f.name), ")"] : [])];

/** Flows are matched by their two ends (read through renames); parallel flows between the same two
 *  systems by title, then in order. */
function matchFlows(base: Flow[], head: Flow[], r: Renames): { pairs: Pair<Flow>[]; added: Flow[]; removed: Flow[] } {
  const group = (flows: Flow[], rr: Renames) => {
    const m = new Map<string, Flow[]>();
    for (const f of flows) {
      const key = `${mapped(rr.system, f.from.id)}\u0000${mapped(rr.system, f.to.id)}`;
      m.set(key, [...(m.get(key) ?? []), f]);
    }
    return m;
  };
  const hg = group(head, noRenames());
  const pairs: Pair<Flow>[] = [];
  const removed: Flow[] = [];
  const taken = new Set<Flow>();
  for (const [key, bs] of group(base, r)) {
    const hs = [...(hg.get(key) ?? [])];
    const rest: Flow[] = [];
    for (const b of bs) {
      const i = hs.findIndex((h) => h.name === b.name);
      if (i >= 0) pairs.push({ base: b, head: hs.splice(i, 1)[0]!, renamed: false });
      else rest.push(b);
    }
    for (const b of rest) {
      const h = hs.shift();
      if (h) pairs.push({ base: b, head: h, renamed: false });
      else removed.push(b);
    }
  }
  for (const p of pairs) taken.add(p.head);
  return { pairs, added: head.filter((f) => !taken.has(f)), removed };
}

/** Every ground a flow states, in order (`dpf; scc c2p`). */
function mechanismText(f: Flow): string | undefined {
  const all = f.mechanisms?.length ? f.mechanisms : f.mechanism ? [f.mechanism] : [];
  return all.map((m) => [m.kind, m.module, m.derogation, m.note && `"${m.note}"`].filter(Boolean).join(" ")).join("; ") || undefined;
}

function compareFlow({ base: b, head: h }: Pair<Flow>, r: Renames, out: Change[]): void {
  if (b.name !== h.name) out.push(change("flow-changed", "flow", h.id, ["flow ", code(h.from.id), " -> ", code(h.to.id), " retitled from ", user(b.name), " to ", user(h.name)], { field: "name", before: b.name, after: h.name, importance: "low", at: atHead(h.span) }));
  const at = (field: string) => atHead(h.span, field, h.spans);
  const lists: ["data" | "purposes", Map<string, string>, string][] = [["data", r.data, "carries"], ["purposes", r.purpose, "serves"]];
  for (const [field, map, verb] of lists) {
    const d = delta(b[field].map((x) => mapped(map, x.id)), h[field].map((x) => x.id));
    if (d.added.length) out.push(change(`flow-${field}-added`, "flow", h.id, ["flow ", ...flowName(h), ` now ${verb} `, ...codes(d.added)], { field, after: d.added, importance: field === "data" ? "high" : "medium", at: at(field) }));
    if (d.removed.length) out.push(change(`flow-${field}-removed`, "flow", h.id, ["flow ", ...flowName(h), ` no longer ${verb} `, ...codes(d.removed)], { field, before: d.removed, importance: "low", at: at(field) }));
  }
  const scalars: [string, string, string | undefined, string | undefined][] = [
    ["mechanism", "transfer mechanism", mechanismText(b), mechanismText(h)],
    ["consent", "consent", b.consent && [consentWords(b.consent), b.consent.note].filter(Boolean).join(" "), h.consent && [consentWords(h.consent), h.consent.note].filter(Boolean).join(" ")],
    ["encrypted", "encryption", set(b.encrypted).join(", ") || undefined, set(h.encrypted).join(", ") || undefined],
    ["occasional", "occasional", b.occasional ? "yes" : undefined, h.occasional ? "yes" : undefined],
    ["tia", "transfer impact assessment", b.tia, h.tia],
    ["linked", "reached by the data subject on their own", b.linked, h.linked],
  ];
  for (const [field, words, before, after] of scalars) {
    if (before === after) continue;
    const parts: Part[] = ["flow ", ...flowName(h), `: ${words} `, ...(before === undefined ? ["set to ", user(after!)] : after === undefined ? ["removed (was ", user(before), ")"] : ["changed from ", user(before), " to ", user(after)])];
    out.push(change("flow-changed", "flow", h.id, parts, { field, before: before ?? null, after: after ?? null, importance: field === "mechanism" || field === "linked" || (field === "tia" && after === undefined) ? "high" : field === "tia" ? "medium" : "low", at: at(field) }));
  }
}
