/** Which part of a model a map shows: the whole (default) or the overview, narrowed to one purpose,
 *  one country, transfers only or errors only; the narrowing filters combine (all must hold).
 *  Pure: model, transfers and findings in, the selected systems and flows out, each flow with its
 *  index in model.flows (the map's data-flows attribute names flows by it). */
import type { Transfer } from "../check/transfers.js";
import type { Diagnostic } from "../diagnostics.js";
import type { Flow, Model, System } from "../model/model.js";
import { didYouMean } from "../util/suggest.js";
import { FindingsIndex } from "./findings-index.js";

export type ViewKind = "full" | "overview";
export type OnlyKind = "transfers" | "errors";
export const viewKinds: readonly ViewKind[] = ["full", "overview"];
export const onlyKinds: readonly OnlyKind[] = ["transfers", "errors"];

export interface MapView {
  kind?: ViewKind;
  /** A purpose id: only the flows for that purpose (and the systems storing data for it). */
  purpose?: string;
  /** An ISO 3166 alpha-2 code: only the systems located there and the flows into or out of them. */
  country?: string;
  only?: OnlyKind;
}

export interface GraphInput {
  model: Model;
  transfers: Transfer[];
  diagnostics: Diagnostic[];
}

export interface SelectedFlow {
  flow: Flow;
  /** Index into model.flows. */
  index: number;
  transfer?: Transfer;
}

export interface Selection extends GraphInput {
  view: MapView;
  findings: FindingsIndex;
  systems: System[];
  flows: SelectedFlow[];
  /** What the narrowing filters keep, in a reader's words ("" for the whole model). */
  caption: string;
}

/** A usage error for a view that names what the model does not have, with a suggestion; else undefined. */
export function viewProblem(model: Model, view: MapView): string | undefined {
  if (view.kind !== undefined && !viewKinds.includes(view.kind)) return `unknown view \`${view.kind}\` (${viewKinds.join(", ")})${didYouMean(view.kind, viewKinds)}`;
  if (view.only !== undefined && !onlyKinds.includes(view.only)) return `unknown --only \`${view.only}\` (${onlyKinds.join(", ")})${didYouMean(view.only, onlyKinds)}`;
  if (view.purpose !== undefined && !model.purposes.some((p) => p.id === view.purpose)) {
    const ids = model.purposes.map((p) => p.id);
    return `no purpose \`${view.purpose}\` in ${model.file}${didYouMean(view.purpose, ids)}; its purposes: ${listed(ids)}`;
  }
  if (view.country !== undefined) {
    const codes = countriesOf(model);
    if (!codes.includes(view.country)) {
      const hint = codes.includes(view.country.toUpperCase()) ? ` (did you mean \`${view.country.toUpperCase()}\`?)` : didYouMean(view.country, codes);
      return `no system in \`${view.country}\` in ${model.file}${hint}; its systems' countries: ${listed(codes)}`;
    }
  }
  return undefined;
}

function listed(items: string[]): string {
  if (!items.length) return "none";
  return items.length > 20 ? `${items.slice(0, 20).join(", ")}, +${items.length - 20} more` : items.join(", ");
}

/** The ISO codes the model's systems are located in, sorted. */
export function countriesOf(model: Model): string[] {
  return [...new Set(model.systems.flatMap((s) => s.locations.map((l) => l.code)).filter((c) => /^[A-Z]{2}$/.test(c)))].sort();
}

/** Pairs each flow with its transfer: computeTransfers walks the flows in model order, so same-id
 *  transfers come in the same order; parallel flows have the same ends, so either all of them are
 *  transfers or none is. */
function flowsWithTransfers(model: Model, transfers: Transfer[]): SelectedFlow[] {
  const systemIds = new Set(model.systems.map((s) => s.id));
  const pending = new Map<string, Transfer[]>();
  for (const t of transfers) pending.set(t.flow, [...(pending.get(t.flow) ?? []), t]);
  const out: SelectedFlow[] = [];
  for (const [index, flow] of model.flows.entries()) {
    if (!systemIds.has(flow.from.id) || !systemIds.has(flow.to.id)) continue;
    const queue = pending.get(flow.id);
    const transfer = queue && queue.length > 1 ? queue.shift() : queue?.[0];
    out.push({ flow, index, ...(transfer && { transfer }) });
  }
  return out;
}

const hasError = (found: Diagnostic[]) => found.some((d) => d.severity === "error");

export function select(input: GraphInput, view: MapView = {}): Selection {
  const { model } = input;
  const findings = new FindingsIndex(input.diagnostics);
  const all = flowsWithTransfers(model, input.transfers);
  const bySystem = new Map(model.systems.map((s) => [s.id, s]));
  const systemErrors = (s: System) => hasError(findings.within(s.spans.declaration ?? s.span));
  const purposeErrors = new Set(model.purposes.filter((p) => hasError(findings.within(p.spans.declaration ?? p.span))).map((p) => p.id));
  const inCountry = (s: System | undefined) => s !== undefined && s.locations.some((l) => l.code === view.country);

  const flowKept = (f: SelectedFlow): boolean => {
    const { flow } = f;
    if (view.purpose !== undefined && !flow.purposes.some((p) => p.id === view.purpose)) return false;
    if (view.country !== undefined && !inCountry(bySystem.get(flow.from.id)) && !inCountry(bySystem.get(flow.to.id))) return false;
    if (view.only === "transfers" && !f.transfer) return false;
    if (view.only === "errors") {
      const own = hasError(findings.within(flow.spans.declaration ?? flow.span));
      const ends = [flow.from.id, flow.to.id].some((id) => systemErrors(bySystem.get(id)!));
      if (!own && !ends && !flow.purposes.some((p) => purposeErrors.has(p.id))) return false;
    }
    return true;
  };
  const filtered = view.purpose !== undefined || view.country !== undefined || view.only !== undefined;
  const flows = filtered ? all.filter(flowKept) : all;
  // Systems: the ends of the kept flows, and those that every filter keeps on their own (a system
  // in the country without flows, one storing data for the purpose, one with errors).
  const ends = new Set(flows.flatMap((f) => [f.flow.from.id, f.flow.to.id]));
  const systemKept = (s: System): boolean => {
    if (view.only === "transfers") return false;
    if (view.purpose !== undefined && !s.stores.some((st) => st.purposes.some((p) => p.id === view.purpose))) return false;
    if (view.country !== undefined && !inCountry(s)) return false;
    if (view.only === "errors" && !systemErrors(s)) return false;
    return true;
  };
  const systems = filtered ? model.systems.filter((s) => ends.has(s.id) || systemKept(s)) : model.systems;
  return { ...input, view, findings, systems, flows, caption: captionOf(model, view) };
}

function captionOf(model: Model, view: MapView): string {
  const parts = [
    view.purpose !== undefined ? `purpose: ${model.purposes.find((p) => p.id === view.purpose)?.name ?? view.purpose}` : "",
    view.country !== undefined ? `systems in ${view.country} and their flows` : "",
    view.only === "transfers" ? "cross-border transfers only" : view.only === "errors" ? "only what has error findings" : "",
  ].filter(Boolean);
  return parts.join(" · ");
}

/** The default output name's suffix for a view: "" for the full map, ".overview.purpose-ads" etc. */
export function viewSuffix(view: MapView): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, "_");
  return [
    view.kind === "overview" ? ".overview" : "",
    view.purpose !== undefined ? `.purpose-${safe(view.purpose)}` : "",
    view.country !== undefined ? `.country-${safe(view.country)}` : "",
    view.only !== undefined ? `.${view.only}` : "",
  ].join("");
}
