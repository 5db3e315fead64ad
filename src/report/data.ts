/** CheckResult -> the facts the report's page script shows about each system, flow and finding.
 *  Pure. Arrays, never objects keyed by model ids (a system named `__proto__` stays a value), in
 *  model order, so the JSON is the same bytes for the same input. Every piece of user text is
 *  passed through `visible` here: controls and bidi characters arrive as escapes. */
import type { CheckResult } from "../check/index.js";
import type { Transfer, Verdict } from "../check/transfers.js";
import { placeLabel } from "../check/transfers.js";
import type { Diagnostic, Span } from "../diagnostics.js";
import { zoneOf, type Zone } from "../legal/gdpr-transfers.js";
import type { Flow, Model, System } from "../model/model.js";
import { basisArticle, conditionArticle, dataKinds, isUnknownPlace } from "../model/vocabulary.js";
import { mechanismText } from "../register/transfers.js";
import { visible } from "../util/visible.js";

export type PlaceZone = Zone | "client";

export interface PlaceData { code: string; label: string; zone: PlaceZone }

export interface SystemData {
  id: string;
  name: string;
  kind: string;
  operator: string;
  places: PlaceData[];
  certified: string[];
  contract: string;
  /** Which facts came from a vendor entry, and the entry's date ("" when none did). */
  entry: string;
  stores: { data: string[]; purposes: string[]; retention: string }[];
  security: string[];
  /** Everything the system touches: what it stores and what its flows carry. */
  data: string[];
  purposes: string[];
  flows: number[];
  findings: number[];
  where: string;
}

export interface FlowData {
  name: string;
  from: string;
  to: string;
  data: string[];
  purposes: string[];
  grounds: string[];
  transfer?: { verdict: Verdict; onward: boolean; destinations: { place: string; zone: PlaceZone; verdict: Verdict; basis: string }[] };
  findings: number[];
  where: string;
}

export interface DataItemData { id: string; name: string; kind: string; special: boolean; sensitive: boolean }

export interface PurposeData { id: string; name: string; basis: string; condition: string; retention: string; findings: number[] }

export interface FindingData {
  code: string;
  severity: Diagnostic["severity"];
  message: string;
  where: string;
  help: string;
  related: { message: string; where: string }[];
  /** The reason an inline suppression gives: an accepted risk. */
  accepted?: string;
  systems: string[];
  flows: number[];
  purposes: string[];
}

export interface ReportData {
  systems: SystemData[];
  flows: FlowData[];
  data: DataItemData[];
  purposes: PurposeData[];
  findings: FindingData[];
}

const t = (s: string | undefined) => (s === undefined ? "" : visible(s));

export function where(span: Span): string {
  return `${visible(span.file)}:${span.line}:${span.column}`;
}

/** Active findings first, then accepted ones, each in check's order: indexes into this list. */
export function reportFindings(result: CheckResult): Diagnostic[] {
  return [...result.diagnostics, ...result.accepted];
}

export function reportData(result: CheckResult): ReportData {
  const { model } = result;
  const findings = reportFindings(result);
  const owners = new DeclarationOwners(model);
  const findingData = findings.map((d) => findingOf(d, owners));
  const byOwner = (list: FindingData[], pick: (f: FindingData) => readonly (string | number)[]) => {
    const out = new Map<string | number, number[]>();
    list.forEach((f, i) => { for (const k of pick(f)) (out.get(k) ?? out.set(k, []).get(k)!).push(i); });
    return out;
  };
  const systemFindings = byOwner(findingData, (f) => f.systems);
  const flowFindings = byOwner(findingData, (f) => f.flows);
  const purposeFindings = byOwner(findingData, (f) => f.purposes);
  const transfers = transfersByFlow(model.flows, result.transfers);
  const systems = model.systems.map((s) => systemOf(s, model, systemFindings.get(s.id) ?? []));
  return {
    systems,
    flows: model.flows.map((f, i) => flowOf(f, transfers[i], flowFindings.get(i) ?? [])),
    data: model.data.map((d) => ({ id: t(d.id), name: t(d.name), kind: d.kind ? dataKinds[d.kind].label : "kind not stated", special: d.special, sensitive: d.sensitive })),
    purposes: model.purposes.map((p) => ({
      id: t(p.id),
      name: t(p.name),
      basis: p.basis ? `${p.basis.replace(/_/g, " ")} (${basisArticle[p.basis]})${p.basisNote ? `: ${t(p.basisNote)}` : ""}` : "no legal basis stated",
      condition: p.condition ? `${p.condition.replace(/_/g, " ")} (${conditionArticle[p.condition]})` : "",
      retention: p.retention ? t(p.retention.text) : "not stated",
      findings: purposeFindings.get(p.id) ?? [],
    })),
    findings: findingData,
  };
}

/** Transfers in flow order: computeTransfers walks the flows in model order, one transfer per flow
 *  that is one, so a flow's transfer is the next one with its id. */
function transfersByFlow(flows: Flow[], transfers: Transfer[]): (Transfer | undefined)[] {
  const queue = new Map<string, Transfer[]>();
  for (const tr of transfers) (queue.get(tr.flow) ?? queue.set(tr.flow, []).get(tr.flow)!).push(tr);
  return flows.map((f) => {
    const q = queue.get(f.id);
    return q && q.length > 1 ? q.shift() : q?.[0];
  });
}

function placesOf(s: System): PlaceData[] {
  if (s.clientSide) return [{ code: "client", label: "the data subject's device", zone: "client" }];
  const codes = s.locations.length ? s.locations.map((l) => l.code) : ["unspecified"];
  return codes.map((code) => ({ code: t(code), label: t(placeLabel(code)), zone: isUnknownPlace(code) ? "unknown" : zoneOf(code) }));
}


function operatorText(s: System): string {
  const o = s.operator;
  if (!o) return "not stated";
  if (o.self) return "the organization itself";
  const parts = [t(o.vendor ?? "a vendor")];
  if (o.role) parts.push(`as ${o.role.replace(/_/g, " ")}`);
  if (o.established) parts.push(`established in ${t(placeLabel(o.established.code))}`);
  if (o.of) parts.push(`engaged by ${t(o.of.id)}`);
  return parts.join(", ");
}

function systemOf(s: System, model: Model, findings: number[]): SystemData {
  const flows: number[] = [];
  const data = new Set<string>();
  const purposes = new Set<string>();
  for (const st of s.stores) {
    for (const d of st.data) data.add(d.id);
    for (const p of st.purposes) purposes.add(p.id);
  }
  model.flows.forEach((f, i) => {
    if (f.from.id !== s.id && f.to.id !== s.id) return;
    flows.push(i);
    for (const d of f.data) data.add(d.id);
    for (const p of f.purposes) purposes.add(p.id);
  });
  return {
    id: t(s.id),
    name: t(s.name),
    kind: t(s.kind?.replace(/_/g, " ") ?? "not stated"),
    operator: operatorText(s),
    places: placesOf(s),
    certified: s.certified.map(t),
    contract: s.contract === undefined ? "" : t(s.contract),
    entry: s.catalogue
      ? t(`${s.catalogue.entry} (${s.catalogue.origin === "catalogue" ? "flowmap's catalogue" : s.catalogue.origin}, as of ${s.catalogue.asOf}): ${s.catalogue.facts.length ? `${s.catalogue.facts.join(", ")} taken from it` : "no fact taken from it"}`)
      : "",
    stores: s.stores.map((st) => ({ data: st.data.map((d) => t(d.id)), purposes: st.purposes.map((p) => t(p.id)), retention: st.retention ? t(st.retention.text) : "" })),
    security: s.security.map(t),
    data: [...data].map(t),
    purposes: [...purposes].map(t),
    flows,
    findings,
    where: where(s.span),
  };
}

function flowOf(f: Flow, transfer: Transfer | undefined, findings: number[]): FlowData {
  const grounds = f.mechanisms.map((m) => t(mechanismText(m)));
  return {
    name: t(f.name),
    from: t(f.from.id),
    to: t(f.to.id),
    data: f.data.map((d) => t(d.id)),
    purposes: f.purposes.map((p) => t(p.id)),
    grounds: [...grounds, ...(f.tia ? [`transfer impact assessment: ${t(f.tia)}`] : [])],
    transfer: transfer && {
      verdict: transfer.verdict,
      onward: transfer.onward,
      destinations: transfer.destinations.map((d) => ({ place: t(placeLabel(d.place)), zone: isUnknownPlace(d.place) ? "unknown" : d.zone, verdict: d.verdict, basis: t(d.basis) })),
    },
    findings,
    where: where(f.span),
  };
}

function findingOf(d: Diagnostic, owners: DeclarationOwners): FindingData {
  const systems = new Set<string>();
  const flows = new Set<number>();
  const purposes = new Set<string>();
  for (const span of [d.span, ...d.related.filter((r) => r.occurrence).map((r) => r.span)]) {
    const owner = owners.of(span);
    if (owner?.kind === "system") systems.add(owner.id);
    else if (owner?.kind === "flow") flows.add(owner.index);
    else if (owner?.kind === "purpose") purposes.add(owner.id);
  }
  return {
    code: d.code,
    severity: d.severity,
    message: t(d.message),
    where: where(d.span),
    help: t(d.help),
    related: d.related.map((r) => ({ message: t(r.message), where: where(r.span) })),
    ...(d.suppressed ? { accepted: t(d.suppressed.reason) } : {}),
    systems: [...systems].map(t),
    flows: [...flows].sort((a, b) => a - b),
    purposes: [...purposes].map(t),
  };
}

type Owner = { kind: "system"; id: string } | { kind: "flow"; index: number } | { kind: "purpose"; id: string };

/** The system, flow or purpose declaration a span lies in, by binary search over the declarations
 *  of its file (top-level declarations do not overlap): O(log n) a finding. */
class DeclarationOwners {
  private byFile = new Map<string, { span: Span; owner: Owner }[]>();

  constructor(model: Model) {
    const add = (span: Span, owner: Owner) => (this.byFile.get(span.file) ?? this.byFile.set(span.file, []).get(span.file)!).push({ span, owner });
    for (const s of model.systems) add(s.spans.declaration ?? s.span, { kind: "system", id: s.id });
    model.flows.forEach((f, index) => add(f.spans.declaration ?? f.span, { kind: "flow", index }));
    for (const p of model.purposes) add(p.spans.declaration ?? p.span, { kind: "purpose", id: p.id });
    for (const list of this.byFile.values()) list.sort((a, b) => a.span.start - b.span.start);
  }

  of(span: Span): Owner | undefined {
    const list = this.byFile.get(span.file);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.span.start <= span.start) lo = mid + 1;
      else hi = mid;
    }
    const hit = list[lo - 1];
    return hit && span.start < Math.max(hit.span.end, hit.span.start + 1) ? hit.owner : undefined;
  }
}
