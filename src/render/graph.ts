/** Model + transfers + diagnostics -> the ELK graph and the facts the writer paints. Pure, given a
 *  measurer. The full map draws each selected system in its place and each selected flow; the
 *  overview (overview.ts) draws places. */
import type { ElkExtendedEdge, ElkLabel, ElkNode } from "elkjs/lib/elk-api.js";
import type { Diagnostic } from "../diagnostics.js";
import type { Model, Purpose, System } from "../model/model.js";
import { containerOptions, rootOptions } from "./elk-options.js";
import { bySeverity, FindingsList } from "./findings-list.js";
import { edgeLines, labelDetailFor, transferText, type LabelDetail } from "./labels.js";
import { flaggedBox, legendItems } from "./legend.js";
import type { TextMeasurer } from "./measure.js";
import { containerId, placeData, safeId, systemId, uniqueId, where } from "./ids.js";
import { backEdges } from "./order.js";
import { overviewGraph } from "./overview.js";
import { coveredPlace, placeOf, type MapPlace } from "./places.js";
import { cleanText, cleanTooltip } from "./sanitize.js";
import { block, findingsLine, headerBlock, nameOf, plural, wrapped } from "./text.js";
import { edgeStyles, font, ink, zoneOrder, zoneStyles, type EdgeStyleKey } from "./style.js";
import { calloutsWidth, ranges } from "./callouts.js";
import type { Callout, ContainerInfo, EdgeInfo, MapGraph, SystemInfo, TextBlock } from "./types.js";
import { select, type GraphInput, type MapView, type SelectedFlow, type Selection } from "./views.js";

export { labelDetailFor, type LabelDetail } from "./labels.js";
export { safeId } from "./ids.js";
export type { GraphInput } from "./views.js";

const pad = { nodeX: 12, nodeY: 8, labelX: 6, labelY: 4 };
const maxWidth = { name: 220, detail: 240 };
/** Said on maps too big for full labels, where the overview reads better. */
const bigMapHint = "A big map: `flowmap render <model> --view overview` draws one box per place; `--country CC` or `--only transfers` draws a part.";
/** Lines the findings list may take: a few pages of a printed map at most. */
const maxNoteLines = 240;

export function buildMapGraph(input: GraphInput, m: TextMeasurer, view: MapView = {}): MapGraph {
  const sel = select(input, view);
  return view.kind === "overview" ? overviewGraph(sel, m) : fullGraph(sel, m);
}

function fullGraph(sel: Selection, m: TextMeasurer): MapGraph {
  const { model, diagnostics } = sel;
  const detail = labelDetailFor(sel.systems.length, sel.flows.length);
  const list = new FindingsList();
  const places = placeNodes(sel, list, m, detail);
  const purposeCallouts = purposeNotes(sel, list);
  const flows = flowEdges(sel, list, purposeCallouts, m, detail);
  otherNotes(sel, list);
  const stats = {
    systems: sel.systems.length,
    flows: sel.flows.length,
    transfers: sel.flows.filter((f) => f.transfer).length,
    errors: diagnostics.filter((d) => d.severity === "error").length,
    warnings: diagnostics.filter((d) => d.severity === "warning").length,
  };
  const selected = sel.flows.flatMap((f) => (f.transfer ? [f.transfer] : []));
  return {
    elk: { id: "root", layoutOptions: rootOptions(detail), children: places.children, edges: flows.elkEdges },
    header: headerBlock(model, selected, stats, m, sel.caption, detail === "full" ? "" : bigMapHint),
    description: describe(model, sel.systems, selected, stats, places.children.length),
    containers: places.containers,
    systems: places.systems,
    edges: flows.edges,
    legend: legendItems(m),
    // The printed list names no file or line: the numbers tie it to the map, and a model split over
    // files must print the same map as the one file (the tooltips and the report give the places).
    notes: list.blocks(m, () => "", maxNoteLines),
    detail,
    stats,
  };
}

/** Country containers with their systems as children. */
function placeNodes(sel: Selection, list: FindingsList, m: TextMeasurer, detail: LabelDetail) {
  const containers: Record<string, ContainerInfo> = {};
  const systems: Record<string, SystemInfo> = {};
  const children: ElkNode[] = [];
  for (const { place, members } of groupByPlace(sel.systems, sel.transfers)) {
    const id = containerId(place);
    containers[id] = containerInfo(place, id, members, m);
    const nodes = members.map((s) => {
      const found = sel.findings.within(s.spans.declaration ?? s.span);
      const callout = list.add(`${s.name} (system)`, found);
      const sys = systemInfo(s, sel.model, found, callout, m);
      systems[systemId(s.id)] = sys;
      const node: ElkNode = { id: systemId(s.id), width: sys.text.width, height: sys.text.height };
      // Flows leaving or entering one side of a system keep 14 px apart (ELK's default 10 bunched
      // a hub's coloured transfer lines together); a system with many flows grows taller. Not on
      // the biggest maps, whose layout time is bounded.
      if (detail !== "none") {
        node.layoutOptions = {
          "elk.spacing.portPort": "14",
          "elk.nodeSize.constraints": "PORTS MINIMUM_SIZE",
          "elk.nodeSize.minimum": `(${node.width}, ${node.height})`,
        };
      }
      return node;
    });
    children.push({ id, layoutOptions: containerOptions(containers[id]!.title), children: nodes });
  }
  return { containers, systems, children };
}

/** Purposes with findings (consent, Art. 9 conditions, retention): one numbered entry per rule,
 *  naming every purpose it was found on (a policy's purposes share their faults: one entry per
 *  purpose repeated the same message a dozen times), its number on every drawn flow for them. */
function purposeNotes(sel: Selection, list: FindingsList): Map<string, Callout[]> {
  const used = new Set(sel.flows.flatMap((f) => f.flow.purposes.map((p) => p.id)));
  const rules = new Map<string, { found: Diagnostic[]; purposes: Purpose[] }>();
  for (const p of sel.model.purposes) {
    if (sel.caption && !used.has(p.id)) continue;
    for (const d of sel.findings.within(p.spans.declaration ?? p.span)) {
      const key = `${d.severity === "error" ? 0 : d.severity === "warning" ? 1 : 2}\u0000${d.code}`;
      const rule = rules.get(key) ?? { found: [], purposes: [] };
      rule.found.push(d);
      if (!rule.purposes.includes(p)) rule.purposes.push(p);
      rules.set(key, rule);
    }
  }
  const out = new Map<string, Callout[]>();
  for (const [key, { found, purposes }] of [...rules].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    void key;
    const first = found[0]!;
    const others = purposes.slice(1).map((p) => p.name);
    const title = purposes.length === 1
      ? `Purpose: ${purposes[0]!.name} (its flows carry this number)`
      : `${first.severity} [${first.code}] on ${purposes.length} purposes (their flows carry this number)`;
    const callout = list.addText(title, found, [
      `${first.severity} [${first.code}]: ${first.message}`,
      ...(others.length ? [`also on: ${others.join("; ")}`] : []),
    ]);
    if (!callout) continue;
    for (const p of purposes) out.set(p.id, [...(out.get(p.id) ?? []), callout]);
  }
  return out;
}

/** Findings on nothing drawn (the organization, data categories): one entry, no mark on the map. */
function otherNotes(sel: Selection, list: FindingsList): void {
  if (sel.caption) return;
  const { model, findings } = sel;
  const drawn = new Set<Diagnostic>();
  const spans = [...model.systems, ...model.flows, ...model.purposes as Purpose[]].map((n) => n.spans.declaration ?? n.span);
  for (const span of spans) for (const d of findings.within(span)) drawn.add(d);
  const rest = sel.diagnostics.filter((d) => !drawn.has(d));
  list.add("Elsewhere in the model (organization, data, imports)", bySeverity(rest));
}

/** One edge per flow, in model order, each with its own transfer (parallel flows share an id in the model). */
function flowEdges(sel: Selection, list: FindingsList, purposeCallouts: Map<string, Callout[]>, m: TextMeasurer, detail: LabelDetail) {
  const edges: Record<string, EdgeInfo> = {};
  const elkEdges: ElkExtendedEdge[] = [];
  const usedIds = new Set<string>();
  const clientSide = new Set(sel.systems.filter((s) => s.clientSide).map((s) => s.id));
  const reversed = backEdges(sel.systems.map((s) => s.id), sel.flows.map((f) => ({ from: f.flow.from.id, to: f.flow.to.id })), (id) => clientSide.has(id));
  for (const [i, selected] of sel.flows.entries()) {
    const { flow } = selected;
    const id = uniqueId(`f_${safeId(flow.from.id)}__${safeId(flow.to.id)}`, usedIds);
    const found = sel.findings.within(flow.spans.declaration ?? flow.span);
    const own = list.add(`${nameOf(sel.model.systems, flow.from.id)} -> ${nameOf(sel.model.systems, flow.to.id)}: ${flow.name} (flow)`, found);
    // The flow's own number, and its purposes' numbers as one range ("4–11").
    const served = [...new Map(flow.purposes.flatMap((p) => purposeCallouts.get(p.id) ?? []).map((c) => [c.number, c])).values()];
    const callouts = [...(own ? [own] : []), ...(served.length ? [purposeCallout(served)] : [])];
    const info = edgeInfo(selected, sel.model, found, callouts, m, detail);
    info.reversed = reversed.has(i);
    edges[id] = info;
    const [source, target] = info.reversed ? [flow.to.id, flow.from.id] : [flow.from.id, flow.to.id];
    const edge: ElkExtendedEdge = { id, sources: [systemId(source)], targets: [systemId(target)] };
    if (info.label.lines.length) {
      const label: ElkLabel = { id: `${id}__label`, text: " ", width: info.label.width, height: info.label.height };
      // Inline: the edge runs into and out of its label, so a label reads as its own edge's
      // (set beside their edges, labels stacked between parallel edges were ambiguous). Costs no
      // measurable layout time on a 200-system map and makes it ~10% shorter.
      label.layoutOptions = { "elk.edgeLabels.inline": "true" };
      edge.labels = [label];
    }
    elkEdges.push(edge);
  }
  return { edges, elkEdges };
}

// ---- grouping ------------------------------------------------------------

/** Containers ordered by zone, then by first appearance in the model; members in model order. */
export function groupByPlace(list: System[], transfers: Selection["transfers"]): { place: MapPlace; members: System[] }[] {
  const groups = new Map<string, { place: MapPlace; members: System[] }>();
  for (const s of list) {
    const place = placeOf(s);
    const group = groups.get(place.key) ?? { place, members: [] };
    group.members.push(s);
    groups.set(place.key, group);
  }
  for (const g of groups.values()) g.place = coveredPlace(g.place, g.members, transfers);
  return [...groups.values()].sort((a, b) => zoneOrder.indexOf(a.place.zone) - zoneOrder.indexOf(b.place.zone));
}

// ---- containers ----------------------------------------------------------

function containerInfo(place: MapPlace, id: string, members: System[], m: TextMeasurer): ContainerInfo {
  const style = zoneStyles[place.zone];
  const lines = [
    ...wrapped(m, place.title, 320, font.container, style.title, true, 2),
    ...wrapped(m, place.detail, 320, font.detail, style.title, false, 2),
  ];
  return {
    cls: "place",
    data: placeData(place, id),
    title: block(m, lines, 14, 0),
    style: { fill: style.fill, stroke: style.stroke, strokeWidth: 1.25, ...(style.dash && { dash: style.dash }) },
    tooltip: cleanTooltip(`${place.title}\n${place.detail}\n${plural(members.length, "system")}`),
  };
}

// ---- systems -------------------------------------------------------------

function operatorText(s: System): string {
  if (!s.operator) return "";
  if (s.operator.self) return "in-house";
  const role = s.operator.role ? ` (${s.operator.role.replace(/_/g, " ")})` : "";
  return `${s.operator.vendor ?? "vendor"}${role}`;
}

/** "DPF-certified" for a recipient whose certification a transfer may rest on. */
function certifiedText(s: System): string {
  return s.certified.map((c) => `${c.toUpperCase()}-certified`).join(", ");
}

function systemInfo(s: System, model: Model, found: Diagnostic[], callout: Callout | undefined, m: TextMeasurer): SystemInfo {
  const kind = s.kind?.replace(/_/g, " ") ?? "system";
  const detail = [kind, operatorText(s), certifiedText(s)].filter(Boolean).join(" · ");
  const findings = findingsLine(found);
  const lines = [
    ...wrapped(m, s.name, maxWidth.name, font.name, ink.text, true),
    ...wrapped(m, detail, maxWidth.detail, font.detail, ink.muted, false, 3),
    ...(findings ? [findings] : []),
  ];
  const errors = found.some((d) => d.severity === "error");
  const stored = s.stores.flatMap((st) => st.data.map((r) => nameOf(model.data, r.id)));
  const located = s.locations.map((l) => l.code).join(", ") || "not stated";
  // Facts taken from a vendor entry (`from <id>`) say so, with the entry's date.
  const entry = s.catalogue?.facts.length ? `\nFrom ${s.catalogue.origin === "catalogue" ? "catalogue" : "vendor"} entry ${s.catalogue.entry} (as of ${s.catalogue.asOf}): ${s.catalogue.facts.map((f) => (f === "operator.established" ? "establishment" : f)).join(", ")}` : "";
  const tooltip = `${s.name}\n${detail}\nLocated: ${located}${stored.length ? `\nStores: ${[...new Set(stored)].join(", ")}` : ""}${entry}${findingsTooltip(found, model)}`;
  return {
    cls: "system",
    data: { system: s.id },
    // Room on the right for the callout, so it does not cover the name.
    text: block(m, lines, pad.nodeX, pad.nodeY, 120),
    style: errors ? { ...flaggedBox } : { fill: ink.box, stroke: ink.boxStroke, strokeWidth: 1.25 },
    tooltip: cleanTooltip(tooltip),
    callouts: callout ? [callout] : [],
  };
}

function findingsTooltip(found: Diagnostic[], model: Model): string {
  if (!found.length) return "";
  return `\n\nFindings:\n${bySeverity(found).map((d) => `- ${d.severity} [${d.code}] ${where(model)(d)}: ${d.message}`).join("\n")}`;
}

// ---- flows ---------------------------------------------------------------

const verdictWords: Record<EdgeStyleKey, string> = {
  internal: "", adequacy: "adequacy", safeguard: "safeguard", derogation: "Art. 49 derogation", "not-covered": "not covered",
};

function purposeCallout(served: Callout[]): Callout {
  const color = served.some((c) => c.color === ink.error) ? ink.error : served[0]!.color;
  return { number: served[0]!.number, text: ranges(served.map((c) => c.number)), color };
}

function edgeInfo(selected: SelectedFlow, model: Model, found: Diagnostic[], callouts: Callout[], m: TextMeasurer, detail: LabelDetail): EdgeInfo {
  const { flow, transfer, index } = selected;
  const styleKey: EdgeStyleKey = transfer?.verdict ?? "internal";
  const style = edgeStyles[styleKey];
  const categories = flow.data.map((r) => model.data.find((d) => d.id === r.id));
  const data = flow.data.map((r) => nameOf(model.data, r.id));
  const special = categories.flatMap((d) => (d?.special ? [d.name] : []));
  const purposes = flow.purposes.map((r) => nameOf(model.purposes, r.id));
  const findings = findingsLine(found);
  const lines = edgeLines(m, { flow, data, special, purposes, ...(transfer && { transfer }), ...(findings && { findings }) }, detail);
  const from = nameOf(model.systems, flow.from.id);
  const to = nameOf(model.systems, flow.to.id);
  const transferTip = transfer
    ? `\n${transferText(transfer)}\n${transfer.destinations.map((d) => `${d.place}: ${d.verdict} (${d.basis})`).join("; ")}`
    : "";
  const specialTip = special.length ? `\nSpecial-category data (Art. 9): ${special.join(", ")}` : "";
  const tooltip = `${flow.name}\n${from} -> ${to}\nData: ${data.join(", ") || "none declared"}${specialTip}\nPurposes: ${purposes.join("; ") || "none declared"}${transferTip}${findingsTooltip(found, model)}`;
  const errors = found.some((d) => d.severity === "error");
  return {
    data: { flows: String(index), from: flow.from.id, to: flow.to.id },
    reversed: false,
    callouts,
    label: withRoom(block(m, lines, pad.labelX, pad.labelY), calloutsWidth(callouts)),
    styleKey,
    stroke: style.stroke,
    strokeWidth: style.width,
    ...(style.dash && { dash: style.dash }),
    tooltip: cleanTooltip(tooltip),
    labelStroke: errors ? ink.error : special.length ? ink.special : transfer ? style.stroke : "#d0d7de",
  };
}

/** The label made wider on the right, where its callouts go. */
function withRoom(label: TextBlock, room: number): TextBlock {
  return room && label.lines.length ? { ...label, width: label.width + room } : label;
}

// ---- description ---------------------------------------------------------

function describe(model: Model, systems: System[], transfers: Selection["transfers"], stats: MapGraph["stats"], places: number): string {
  const list = transfers.map((t) => `${nameOf(model.systems, t.from)} to ${nameOf(model.systems, t.to)} (${t.destinations.map((d) => d.place).join(", ")}): ${verdictWords[t.verdict]}`);
  return cleanText(
    `Data-flow map of ${model.title}: ${plural(systems.length, "system")} in ${plural(places, "place")}, ${plural(stats.flows, "flow")}, ` +
      `${plural(transfers.length, "cross-border transfer")}${list.length ? ` (${list.join("; ")})` : ""}; ` +
      `${plural(stats.errors, "error")} and ${plural(stats.warnings, "warning")} found.`,
  );
}
