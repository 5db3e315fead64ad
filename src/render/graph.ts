/** Model + transfers + diagnostics -> the ELK graph and the facts the writer paints. Pure, given a measurer. */
import type { ElkExtendedEdge, ElkLabel, ElkNode, LayoutOptions } from "elkjs/lib/elk-api.js";
import type { CheckResult } from "../check/index.js";
import type { Transfer } from "../check/transfers.js";
import type { Diagnostic } from "../diagnostics.js";
import type { Flow, Model, System } from "../model/model.js";
import { clampLines, wrapText, type TextMeasurer } from "./measure.js";
import { placeOf, type MapPlace } from "./places.js";
import { adequacyFor } from "../legal/gdpr-transfers.js";
import { cleanText, cleanTooltip } from "./sanitize.js";
import { FindingsIndex } from "./findings-index.js";
import { edgeOrder, edgeStyles, font, ink, lineHeight, zoneOrder, zoneStyles, type EdgeStyleKey } from "./style.js";
import type { ContainerInfo, EdgeInfo, LegendItem, MapGraph, SystemInfo, TextBlock, TextLine } from "./types.js";

export type GraphInput = Pick<CheckResult, "model" | "transfers" | "diagnostics">;

const pad = { nodeX: 12, nodeY: 8, labelX: 6, labelY: 4, containerX: 14, containerBottom: 14, containerTitleGap: 10 };
const maxWidth = { name: 220, detail: 240, edge: 240, compact: 170, containerTitle: 320 };

/** How much a flow's label says: everything on small maps, a line or two on medium ones, nothing
 *  (tooltip only) on big ones, where label dummies dominate ELK's running time and the map's size. */
export type LabelDetail = "full" | "compact" | "none";

export function labelDetailFor(systems: number, flows: number): LabelDetail {
  const size = systems + flows;
  return size <= 150 ? "full" : size <= 800 ? "compact" : "none";
}

export function buildMapGraph(input: GraphInput, m: TextMeasurer): MapGraph {
  const { model, transfers, diagnostics } = input;
  const detail = labelDetailFor(model.systems.length, model.flows.length);
  const findings = new FindingsIndex(diagnostics);
  const places = placeNodes(model, transfers, findings, m, detail);
  const flows = flowEdges(model, transfers, findings, m, detail);
  const stats = {
    systems: model.systems.length,
    flows: model.flows.length,
    transfers: transfers.length,
    errors: diagnostics.filter((d) => d.severity === "error").length,
    warnings: diagnostics.filter((d) => d.severity === "warning").length,
  };
  return {
    elk: { id: "root", layoutOptions: rootOptions(detail), children: places.children, edges: flows.elkEdges },
    header: headerBlock(model, transfers, stats, m),
    description: describe(model, transfers, stats, places.children.length),
    containers: places.containers,
    systems: places.systems,
    edges: flows.edges,
    legend: legendItems(m),
    stats,
  };
}

/** Country containers with their systems as children. */
function placeNodes(model: Model, transfers: Transfer[], findings: FindingsIndex, m: TextMeasurer, detail: LabelDetail) {
  const containers: Record<string, ContainerInfo> = {};
  const systems: Record<string, SystemInfo> = {};
  const children: ElkNode[] = [];
  for (const { place, members } of groupByPlace(model.systems, transfers)) {
    const id = containerId(place);
    const info = containerInfo(place, id, members, m);
    containers[id] = info;
    const nodes = members.map((s) => {
      const sys = systemInfo(s, model, findings.within(s.spans.declaration ?? s.span), m);
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
    children.push({ id, layoutOptions: containerOptions(info.title), children: nodes });
  }
  return { containers, systems, children };
}

/** One edge per flow, in model order, each with its own transfer (parallel flows share an id in the model). */
function flowEdges(model: Model, transfers: Transfer[], findings: FindingsIndex, m: TextMeasurer, detail: LabelDetail) {
  const systemIds = new Set(model.systems.map((s) => s.id));
  const pending = new Map<string, Transfer[]>();
  for (const t of transfers) pending.set(t.flow, [...(pending.get(t.flow) ?? []), t]);
  const edges: Record<string, EdgeInfo> = {};
  const elkEdges: ElkExtendedEdge[] = [];
  const usedIds = new Set<string>();
  for (const [index, flow] of model.flows.entries()) {
    if (!systemIds.has(flow.from.id) || !systemIds.has(flow.to.id)) continue;
    const transfer = transferFor(flow, pending);
    const id = uniqueId(`f_${safeId(flow.from.id)}__${safeId(flow.to.id)}`, usedIds);
    const info = edgeInfo(flow, model, transfer, findings.within(flow.spans.declaration ?? flow.span), m, detail);
    info.ref = { flows: [index], from: flow.from.id, to: flow.to.id };
    edges[id] = info;
    const edge: ElkExtendedEdge = { id, sources: [systemId(flow.from.id)], targets: [systemId(flow.to.id)] };
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

/** computeTransfers walks the flows in model order, so same-id transfers come in the same order;
 *  parallel flows have the same ends, so either all of them are transfers or none is. */
function transferFor(flow: Flow, pending: Map<string, Transfer[]>): Transfer | undefined {
  const queue = pending.get(flow.id);
  return queue && queue.length > 1 ? queue.shift() : queue?.[0];
}

// ---- ids -----------------------------------------------------------------

/** ELK ids from model ids: anything outside [A-Za-z0-9_-] becomes _<hex code point>_. */
export function safeId(raw: string): string {
  return raw.replace(/[^A-Za-z0-9_-]/gu, (c) => `_${c.codePointAt(0)!.toString(16)}_`);
}

const systemId = (id: string) => `s_${safeId(id)}`;
const containerId = (place: MapPlace) => `c_${safeId(place.key)}`;

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
  used.add(id);
  return id;
}

// ---- grouping ------------------------------------------------------------

/** Containers ordered by zone, then by first appearance in the model; members in model order. */
function groupByPlace(list: System[], transfers: Transfer[] = []): { place: MapPlace; members: System[] }[] {
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

/** A country whose adequacy covers only some recipients (the US: DPF-certified ones; Canada, Japan:
 *  part of their organisations) is styled adequate only when every transfer into the box rests on
 *  that adequacy; otherwise it is a third country for what it holds. */
function coveredPlace(place: MapPlace, members: System[], transfers: Transfer[]): MapPlace {
  if (place.zone !== "adequate" || adequacyFor(place.key)?.scope === "whole") return place;
  const ids = new Set(members.map((s) => s.id));
  const into = transfers.filter((t) => ids.has(t.to)).flatMap((t) => t.destinations.filter((d) => d.place === place.key));
  const covered = into.length > 0 && into.every((d) => d.verdict === "adequacy");
  return covered ? place : { ...place, zone: "third", detail: `${place.detail}; the recipients here are not covered by it` };
}


// ---- text blocks ---------------------------------------------------------

function line(text: string, size: number, color: string, bold = false): TextLine {
  return bold ? { text, size, color, bold } : { text, size, color };
}

function wrapped(m: TextMeasurer, text: string, width: number, size: number, color: string, bold = false, max = 3): TextLine[] {
  return clampLines(m, wrapText(m, cleanText(text), width, size, bold), max, width, size, bold).map((t) => line(t, size, color, bold));
}

function block(m: TextMeasurer, lines: TextLine[], padX: number, padY: number, minWidth = 0): TextBlock {
  if (!lines.length) return { lines, width: 0, height: 0, padX: 0, padY: 0 };
  const textWidth = Math.max(...lines.map((l) => m.width(l.text, l.size, l.bold)));
  const height = lines.reduce((h, l) => h + lineHeight(l.size), 0);
  return { lines, width: Math.ceil(Math.max(minWidth, textWidth + 2 * padX)), height: Math.ceil(height + 2 * padY), padX, padY };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function findingsLine(found: Diagnostic[]): TextLine | undefined {
  const errors = found.filter((d) => d.severity === "error").length;
  const warnings = found.filter((d) => d.severity === "warning").length;
  if (!errors && !warnings) return undefined;
  const parts = [errors ? plural(errors, "error") : "", warnings ? plural(warnings, "warning") : ""].filter(Boolean);
  return line(parts.join(", "), font.detail, errors ? ink.error : ink.warning, true);
}

function findingsTooltip(found: Diagnostic[], modelFile: string): string {
  if (!found.length) return "";
  // Errors first: they are why the box is marked.
  const ordered = [...found.filter((d) => d.severity === "error"), ...found.filter((d) => d.severity !== "error")];
  // A finding in an imported file names that file: the line alone would point into the model's own.
  const where = (d: Diagnostic) => (d.span.file === modelFile ? `line ${d.span.line}` : `${d.span.file} line ${d.span.line}`);
  return `\n\nFindings:\n${ordered.map((d) => `- ${d.severity} [${d.code}] ${where(d)}: ${d.message}`).join("\n")}`;
}

// ---- containers ----------------------------------------------------------

function containerInfo(place: MapPlace, id: string, members: System[], m: TextMeasurer): ContainerInfo {
  const style = zoneStyles[place.zone];
  const lines = [
    ...wrapped(m, place.title, maxWidth.containerTitle, font.container, style.title, true, 2),
    ...wrapped(m, place.detail, maxWidth.containerTitle, font.detail, style.title, false, 2),
  ];
  return {
    ref: { place: id, ...(place.country && { country: place.country }) },
    title: block(m, lines, pad.containerX, 0),
    style: { fill: style.fill, stroke: style.stroke, strokeWidth: 1.25, ...(style.dash && { dash: style.dash }) },
    tooltip: cleanTooltip(`${place.title}\n${place.detail}\n${plural(members.length, "system")}`),
  };
}

function containerOptions(title: TextBlock): LayoutOptions {
  const top = title.height + pad.containerTitleGap + 8;
  return {
    "elk.padding": `[top=${top},left=${pad.containerX},bottom=${pad.containerBottom},right=${pad.containerX}]`,
    "elk.nodeSize.constraints": "MINIMUM_SIZE",
    "elk.nodeSize.minimum": `(${title.width}, ${top + 20})`,
  };
}

// ---- systems -------------------------------------------------------------

function operatorText(s: System): string {
  if (!s.operator) return "";
  if (s.operator.self) return "in-house";
  const role = s.operator.role ? ` (${s.operator.role.replace(/_/g, " ")})` : "";
  return `${s.operator.vendor ?? "vendor"}${role}`;
}

function systemInfo(s: System, model: Model, found: Diagnostic[], m: TextMeasurer): SystemInfo {
  const kind = s.kind?.replace(/_/g, " ") ?? "system";
  const detail = [kind, operatorText(s)].filter(Boolean).join(" · ");
  const findings = findingsLine(found);
  const lines = [
    ...wrapped(m, s.name, maxWidth.name, font.name, ink.text, true),
    ...wrapped(m, detail, maxWidth.detail, font.detail, ink.muted, false, 3),
    ...(findings ? [findings] : []),
  ];
  const errors = found.filter((d) => d.severity === "error").length;
  const stored = s.stores.flatMap((st) => st.data.map((r) => nameOf(model.data, r.id)));
  const where = s.locations.map((l) => l.code).join(", ") || "not stated";
  const tooltip = `${s.name}\n${detail}\nLocated: ${where}${stored.length ? `\nStores: ${[...new Set(stored)].join(", ")}` : ""}${findingsTooltip(found, model.file)}`;
  return {
    modelId: s.id,
    text: block(m, lines, pad.nodeX, pad.nodeY, 120),
    style: errors
      ? { fill: "#fff5f5", stroke: ink.error, strokeWidth: 2.5 }
      : { fill: ink.box, stroke: ink.boxStroke, strokeWidth: 1.25 },
    tooltip: cleanTooltip(tooltip),
    badge: errors,
  };
}

function nameOf(list: { id: string; name: string }[], id: string): string {
  return list.find((x) => x.id === id)?.name ?? id;
}

// ---- flows ---------------------------------------------------------------

const verdictWords: Record<EdgeStyleKey, string> = {
  internal: "", adequacy: "adequacy", safeguard: "safeguard", derogation: "Art. 49 derogation", "not-covered": "not covered",
};

const placeWords: Record<string, string> = { unspecified: "unstated place", anywhere: "anywhere", global: "anywhere" };

function transferLine(t: Transfer): string {
  const places = [...new Set(t.destinations.map((d) => placeWords[d.place] ?? d.place))].join(", ");
  return `${t.onward ? "Onward transfer" : "Transfer"} to ${places}: ${verdictWords[t.verdict]}`;
}

function edgeLines(flow: Flow, data: string[], purposes: string[], transfer: Transfer | undefined, found: Diagnostic[], m: TextMeasurer, detail: LabelDetail): TextLine[] {
  const stroke = edgeStyles[transfer?.verdict ?? "internal"].stroke;
  if (detail === "none") return [];
  if (detail === "compact") {
    return [
      ...(transfer ? [line(truncated(m, transferLine(transfer), maxWidth.compact, font.edge, true), font.edge, stroke, true)] : []),
      ...(data.length ? [line(truncated(m, data.join(", "), maxWidth.compact, font.edge), font.edge, ink.text)] : []),
    ];
  }
  const findings = findingsLine(found);
  const lines = [
    ...(transfer ? wrapped(m, transferLine(transfer), maxWidth.edge, font.edge, stroke, true, 2) : []),
    ...listLines(m, "", data, ", ", 3, ink.text),
    ...listLines(m, "for: ", purposes, "; ", 2, ink.muted),
    ...(flow.encrypted.length ? [line(cleanText(`encrypted: ${flow.encrypted.join(", ")}`), font.edge, ink.muted)] : []),
    ...(findings ? [{ ...findings, size: font.edge }] : []),
  ];
  return lines.length ? lines : [line(cleanText(flow.name), font.edge, ink.muted)];
}

/** As many list items as fit in `maxLines`, then "+N more" (the tooltip has them all). */
function listLines(m: TextMeasurer, prefix: string, items: string[], separator: string, maxLines: number, color: string): TextLine[] {
  if (!items.length) return [];
  for (let n = items.length; n > 0; n--) {
    // A no-break space keeps "+N more" on one line (added after cleanText, which would fold it).
    const more = n < items.length ? `${separator.trimEnd()} +${items.length - n}\u00a0more` : "";
    const lines = wrapText(m, cleanText(prefix + items.slice(0, n).join(separator)) + more, maxWidth.edge, font.edge);
    if (lines.length <= maxLines) return lines.map((t) => line(t, font.edge, color));
  }
  return wrapped(m, prefix + items.join(separator), maxWidth.edge, font.edge, color, false, maxLines);
}

function truncated(m: TextMeasurer, text: string, width: number, size: number, bold = false): string {
  return clampLines(m, wrapText(m, cleanText(text), width, size, bold), 1, width, size, bold)[0] ?? "";
}

function edgeInfo(flow: Flow, model: Model, transfer: Transfer | undefined, found: Diagnostic[], m: TextMeasurer, detail: LabelDetail): EdgeInfo {
  const styleKey: EdgeStyleKey = transfer?.verdict ?? "internal";
  const style = edgeStyles[styleKey];
  const data = flow.data.map((r) => nameOf(model.data, r.id));
  const purposes = flow.purposes.map((r) => nameOf(model.purposes, r.id));
  const lines = edgeLines(flow, data, purposes, transfer, found, m, detail);
  const from = nameOf(model.systems, flow.from.id);
  const to = nameOf(model.systems, flow.to.id);
  const transferText = transfer
    ? `\n${transfer.onward ? "Onward transfer" : "Transfer"}: ${transfer.destinations.map((d) => `${d.place}: ${d.verdict} (${d.basis})`).join("; ")}`
    : "";
  const tooltip = `${flow.name}\n${from} -> ${to}\nData: ${data.join(", ") || "none declared"}\nPurposes: ${purposes.join("; ") || "none declared"}${transferText}${findingsTooltip(found, model.file)}`;
  return {
    ref: { flows: [], from: flow.from.id, to: flow.to.id },
    label: block(m, lines, pad.labelX, pad.labelY),
    styleKey,
    stroke: style.stroke,
    strokeWidth: style.width,
    ...(style.dash && { dash: style.dash }),
    tooltip: cleanTooltip(tooltip),
    labelStroke: found.some((d) => d.severity === "error") ? ink.error : transfer ? style.stroke : "#d0d7de",
  };
}

// ---- header, legend, description ----------------------------------------

function headerBlock(model: Model, transfers: Transfer[], stats: MapGraph["stats"], m: TextMeasurer): TextBlock {
  const meta = [model.updated ? `Updated ${model.updated}` : "", `Regime: ${model.regime.toUpperCase().replace("_", " ")}`, model.organization?.name ?? ""]
    .filter(Boolean)
    .join(" · ");
  return block(m, [
    ...wrapped(m, model.title, 900, font.title, ink.text, true, 2),
    line(cleanText(meta), font.subtitle, ink.muted),
    line(caption(transfers, stats), font.subtitle, ink.text),
  ], 0, 0);
}

function caption(transfers: Transfer[], stats: MapGraph["stats"]): string {
  const uncovered = transfers.filter((t) => t.verdict === "not-covered").length;
  return [
    plural(stats.systems, "system"),
    plural(stats.flows, "flow"),
    `${plural(stats.transfers, "cross-border transfer")}${uncovered ? ` (${uncovered} not covered)` : ""}`,
    `findings: ${plural(stats.errors, "error")}, ${plural(stats.warnings, "warning")}`,
  ].join(" · ");
}

function describe(model: Model, transfers: Transfer[], stats: MapGraph["stats"], places: number): string {
  const list = transfers.map((t) => `${nameOf(model.systems, t.from)} to ${nameOf(model.systems, t.to)} (${t.destinations.map((d) => d.place).join(", ")}): ${verdictWords[t.verdict]}`);
  return cleanText(
    `Data-flow map of ${model.title}: ${plural(stats.systems, "system")} in ${plural(places, "place")}, ${plural(stats.flows, "flow")}, ` +
      `${plural(stats.transfers, "cross-border transfer")}${list.length ? ` (${list.join("; ")})` : ""}; ` +
      `${plural(stats.errors, "error")} and ${plural(stats.warnings, "warning")} found.`,
  );
}

function legendItems(m: TextMeasurer): LegendItem[] {
  const zones: LegendItem[] = zoneOrder.map((z) => {
    const s = zoneStyles[z];
    return { kind: "zone", text: s.label, fill: s.fill, stroke: s.stroke, strokeWidth: 1.25, ...(s.dash && { dash: s.dash }), textWidth: 0 };
  });
  const flagged: LegendItem = { kind: "zone", text: "System with error findings", fill: "#fff5f5", stroke: ink.error, strokeWidth: 2.5, textWidth: 0 };
  const edges: LegendItem[] = edgeOrder.map((k) => {
    const s = edgeStyles[k];
    return { kind: "edge", text: s.label, fill: "none", stroke: s.stroke, strokeWidth: s.width, ...(s.dash && { dash: s.dash }), marker: `arrow-${k}`, textWidth: 0 };
  });
  return [...zones, flagged, ...edges].map((item) => ({ ...item, textWidth: Math.ceil(m.width(item.text, font.legend)) }));
}

// ---- layout options ------------------------------------------------------

/** Small maps get ELK's careful settings and keep model order; bigger ones get the cheap settings
 *  (considerModelOrder alone costs 2-3x on a 200-system map). NETWORK_SIMPLEX placement only on small maps. */
export function rootOptions(detail: LabelDetail): LayoutOptions {
  const small = detail === "full";
  return {
    "elk.algorithm": "layered",
    "elk.direction": "RIGHT",
    "elk.hierarchyHandling": "INCLUDE_CHILDREN",
    "elk.edgeRouting": "ORTHOGONAL",
    "elk.json.shapeCoords": "ROOT",
    "elk.json.edgeCoords": "ROOT",
    "elk.edgeLabels.placement": "CENTER",
    "elk.layered.considerModelOrder.strategy": small ? "NODES_AND_EDGES" : "NONE",
    // On big maps, breaking cycles by model order is ~20% faster and narrower; on small ones
    // ELK's greedy choice reads better (a CDN between browser and servers stays in between).
    ...(!small && { "elk.layered.cycleBreaking.strategy": "MODEL_ORDER" }),
    "elk.layered.thoroughness": small ? "10" : "1",
    "elk.layered.nodePlacement.strategy": small ? "NETWORK_SIMPLEX" : "BRANDES_KOEPF",
    ...(!small && { "elk.layered.mergeEdges": "true" }),
    ...(detail === "none" && { "elk.layered.crossingMinimization.greedySwitch.type": "OFF" }),
    "elk.spacing.nodeNode": "28",
    "elk.layered.spacing.nodeNodeBetweenLayers": "48",
    "elk.spacing.edgeNode": "18",
    "elk.layered.spacing.edgeNodeBetweenLayers": "18",
    "elk.spacing.edgeEdge": "12",
    "elk.layered.spacing.edgeEdgeBetweenLayers": "12",
    "elk.spacing.edgeLabel": "6",
    "elk.spacing.componentComponent": "40",
    "elk.padding": "[top=0,left=0,bottom=0,right=0]",
  };
}
