/** The overview: one box per place (each non-EEA country, the EEA as one, the data subjects'
 *  devices, unknown places), one edge per direction between two places standing for every flow
 *  between them, counted, styled by its worst transfer verdict and labelled with the grounds.
 *  Its size follows the number of places, not of systems: a 2,000-system model draws ~10 boxes. */
import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api.js";
import type { Transfer } from "../check/transfers.js";
import type { Diagnostic } from "../diagnostics.js";
import type { System } from "../model/model.js";
import { calloutsWidth } from "./callouts.js";
import { rootOptions } from "./elk-options.js";
import { FindingsList } from "./findings-list.js";
import { groundWord, listLines, placeWord } from "./labels.js";
import { containerId, placeData, uniqueId, where } from "./ids.js";
import { flaggedBox, legendItems } from "./legend.js";
import type { TextMeasurer } from "./measure.js";
import { backEdges } from "./order.js";
import { coveredPlace, placeOf, type MapPlace } from "./places.js";
import { cleanTooltip } from "./sanitize.js";
import { edgeStyles, font, ink, zoneOrder, zoneStyles, type EdgeStyleKey } from "./style.js";
import { block, findingsLine, headerBlock, line, plural, wrapped } from "./text.js";
import type { Callout, EdgeInfo, MapGraph, SystemInfo, TextLine } from "./types.js";
import type { Selection, SelectedFlow } from "./views.js";

const eea: MapPlace = { key: "eea", zone: "eea", title: "EEA", detail: "no transfer rules apply between these countries" };
const nodeWidth = 260;
const labelWidth = 220;
/** Edges drawn before onward transfers are folded into the boxes. */
const maxEdges = 24;
const verdictRank: Record<EdgeStyleKey, number> = { internal: 0, adequacy: 1, safeguard: 2, derogation: 3, "not-covered": 4 };

interface PlaceGroup {
  id: string;
  place: MapPlace;
  members: System[];
}

/** Systems by overview place: EEA countries together, every other place on its own. */
function placeGroups(sel: Selection): { groups: PlaceGroup[]; of: Map<string, PlaceGroup> } {
  const byKey = new Map<string, PlaceGroup>();
  const of = new Map<string, PlaceGroup>();
  for (const s of sel.systems) {
    const own = placeOf(s);
    const place = own.zone === "eea" ? eea : own;
    let group = byKey.get(place.key);
    if (!group) byKey.set(place.key, (group = { id: containerId(place), place, members: [] }));
    group.members.push(s);
    of.set(s.id, group);
  }
  for (const g of byKey.values()) g.place = coveredPlace(g.place, g.members, sel.transfers);
  const groups = [...byKey.values()].sort((a, b) => zoneOrder.indexOf(a.place.zone) - zoneOrder.indexOf(b.place.zone));
  return { groups, of };
}

export function overviewGraph(sel: Selection, m: TextMeasurer): MapGraph {
  const { groups, of } = placeGroups(sel);
  const list = new FindingsList();
  const systems: Record<string, SystemInfo> = {};
  const children: ElkNode[] = [];
  // Flows by ordered pair of places, in model order of their first flow.
  const pairs = new Map<string, { from: PlaceGroup; to: PlaceGroup; flows: SelectedFlow[] }>();
  const within = new Map<string, number>();
  for (const f of sel.flows) {
    const from = of.get(f.flow.from.id)!;
    const to = of.get(f.flow.to.id)!;
    // Flows that are no transfer (within a place, back into the EEA) are counted in the boxes:
    // drawn, they were most of the wires and said nothing about Chapter V.
    if (!f.transfer && from.id !== "c_devices") {
      within.set(from.id, (within.get(from.id) ?? 0) + 1);
      continue;
    }
    const key = `${from.id}\u0000${to.id}`;
    const pair = pairs.get(key) ?? { from, to, flows: [] };
    pair.flows.push(f);
    pairs.set(key, pair);
  }
  // Past a couple of dozen edges the overview turned into wires (a generated 2,000-system model
  // has onward transfers between every pair of its countries): onward transfers between two places
  // outside the EEA are then counted in the receiving box instead of drawn.
  const folded = new Map<string, SelectedFlow[]>();
  if (pairs.size > maxEdges) {
    for (const [key, p] of pairs) {
      if (p.from.place.zone === "eea" || p.from.place.zone === "devices") continue;
      folded.set(p.to.id, [...(folded.get(p.to.id) ?? []), ...p.flows]);
      pairs.delete(key);
    }
  }
  for (const g of groups) {
    const found = g.members.flatMap((s) => sel.findings.within(s.spans.declaration ?? s.span));
    const callout = list.add(`${g.place.title}: ${plural(g.members.length, "system")}`, found, true);
    const onward = folded.get(g.id) ?? [];
    const info = placeNode(g, within.get(g.id) ?? 0, onwardLines(m, onward, of), found, callout, m);
    systems[g.id] = info;
    children.push({ id: g.id, width: info.text.width, height: info.text.height });
  }
  const edges: Record<string, EdgeInfo> = {};
  const elkEdges: ElkExtendedEdge[] = [];
  const used = new Set<string>();
  const pairList = [...pairs.values()];
  const reversed = backEdges(groups.map((g) => g.id), pairList.map((p) => ({ from: p.from.id, to: p.to.id })), (id) => id === "c_devices");
  for (const [i, p] of pairList.entries()) {
    const id = uniqueId(`f_${p.from.id}__${p.to.id}`, used);
    const found = p.flows.flatMap((f) => sel.findings.within(f.flow.spans.declaration ?? f.flow.span));
    const callout = list.add(`${p.from.place.title} -> ${p.to.place.title}: ${plural(p.flows.length, "flow")}`, found, true);
    const info = pairEdge(sel, p.flows, found, callout, m);
    info.reversed = reversed.has(i);
    edges[id] = info;
    const [source, target] = info.reversed ? [p.to.id, p.from.id] : [p.from.id, p.to.id];
    elkEdges.push({
      id, sources: [source], targets: [target],
      labels: [{ id: `${id}__label`, text: " ", width: info.label.width, height: info.label.height, layoutOptions: { "elk.edgeLabels.inline": "true" } }],
    });
  }
  // The purposes' findings in one entry, by rule: on a big model they were most of the list.
  const withFindings = sel.model.purposes.filter((p) => sel.findings.within(p.spans.declaration ?? p.span).length);
  list.add(`Purposes: ${plural(withFindings.length, "purpose")} with findings`, withFindings.flatMap((p) => sel.findings.within(p.spans.declaration ?? p.span)), true);
  const transfers = sel.flows.flatMap((f) => (f.transfer ? [f.transfer] : []));
  const stats = {
    systems: sel.systems.length,
    flows: sel.flows.length,
    transfers: transfers.length,
    errors: sel.diagnostics.filter((d) => d.severity === "error").length,
    warnings: sel.diagnostics.filter((d) => d.severity === "warning").length,
  };
  const view = ["overview by place", sel.caption].filter(Boolean).join(" · ");
  return {
    elk: { id: "root", layoutOptions: overviewOptions(), children, edges: elkEdges },
    header: headerBlock(sel.model, transfers, stats, m, view),
    description: cleanTooltip(`Overview of ${sel.model.title}: ${plural(stats.systems, "system")} in ${plural(groups.length, "place")}, ${plural(stats.flows, "flow")}, ${plural(stats.transfers, "cross-border transfer")}; ${plural(stats.errors, "error")} and ${plural(stats.warnings, "warning")} found.`).replace(/\s+/g, " "),
    containers: {},
    systems,
    edges,
    legend: legendItems(m),
    notes: list.blocks(m, where(sel.model), 160),
    detail: "overview",
    stats,
  };
}

/** The overview is small whatever the model's size: ELK's careful settings, and wrapped into rows
 *  towards a landscape page (it has no nested boxes, so ELK can cut its layers into rows). */
function overviewOptions(): Record<string, string> {
  return {
    ...rootOptions("full"),
    "elk.hierarchyHandling": "SEPARATE_CHILDREN",
    // NETWORK_SIMPLEX took 4-8 s on the 2,000-system overview's few boxes (its long, labelled
    // edges make many dummy nodes); Brandes-Koepf ~1 s.
    "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
    "elk.layered.spacing.nodeNodeBetweenLayers": "56",
    "elk.spacing.nodeNode": "36",

  };
}

/** "Onward transfers in: 32 from US, IN, +3 · 20 not covered, 12 SCC", in the worst verdict's colour. */
function onwardLines(m: TextMeasurer, flows: SelectedFlow[], of: Map<string, PlaceGroup>): TextLine[] {
  const transfers = flows.flatMap((f) => (f.transfer ? [f.transfer] : []));
  if (!transfers.length) return [];
  const worst = transfers.reduce<EdgeStyleKey>((w, t) => (verdictRank[t.verdict] > verdictRank[w] ? t.verdict : w), "internal");
  const color = edgeStyles[worst].stroke;
  const sources = [...new Set(flows.map((f) => of.get(f.flow.from.id)!.place.country ?? of.get(f.flow.from.id)!.place.title))];
  return [
    ...listLines(m, `${plural(transfers.length, "onward transfer")} in from `, sources, ", ", 2, color, nodeWidth, true),
    ...listLines(m, "", groundCounts(transfers), " · ", 2, color, nodeWidth),
  ];
}

/** "5 not covered", "3 SCC": each transfer counted once, by the ground of its least covered destination. */
function groundCounts(transfers: Transfer[]): string[] {
  const grounds = new Map<string, number>();
  for (const t of transfers) {
    const worst = t.destinations.reduce((a, b) => (verdictRank[b.verdict] > verdictRank[a.verdict] ? b : a));
    const word = groundWord(worst);
    grounds.set(word, (grounds.get(word) ?? 0) + 1);
  }
  return [...grounds].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w, n]) => `${n} ${w}`);
}

function placeNode(g: PlaceGroup, within: number, onward: TextLine[], found: Diagnostic[], callout: Callout | undefined, m: TextMeasurer): SystemInfo {
  const style = zoneStyles[g.place.zone];
  const vendors = g.members.filter((s) => s.operator && !s.operator.self).length;
  const counts = `${plural(g.members.length, "system")}${vendors ? ` (${vendors} run by vendors)` : ""}${within ? ` · ${plural(within, "flow")} out that are no transfer` : ""}`;
  const countries = g.place.key === "eea" ? countryCounts(g.members) : "";
  const findings = findingsLine(found);
  const lines: TextLine[] = [
    ...wrapped(m, g.place.title, nodeWidth, font.name, style.title, true, 2),
    ...wrapped(m, g.place.detail, nodeWidth, font.detail, style.title, false, 3),
    ...(countries ? wrapped(m, countries, nodeWidth, font.detail, ink.text, false, 2) : []),
    line(counts, font.detail, ink.text),
    ...listLines(m, "", g.members.map((s) => s.name), ", ", 2, ink.muted, nodeWidth),
    ...onward,
    ...(findings ? [findings] : []),
  ];
  const errors = found.some((d) => d.severity === "error");
  const data = { ...placeData(g.place, g.id), systems: g.members.map((s) => s.id).join(" ") };
  return {
    cls: "place",
    data,
    text: block(m, lines, 12, 8, 140),
    style: { fill: style.fill, stroke: errors ? flaggedBox.stroke : style.stroke, strokeWidth: errors ? flaggedBox.strokeWidth : 1.25, ...(style.dash && { dash: style.dash }) },
    tooltip: cleanTooltip(`${g.place.title}\n${g.place.detail}\n${counts}\n${g.members.map((s) => s.name).join("\n")}`),
    callouts: callout ? [callout] : [],
  };
}

/** "NL 12, DE 7, FR 3": the EEA box's countries by number of systems. */
function countryCounts(members: System[]): string {
  const counts = new Map<string, number>();
  for (const s of members) for (const code of new Set(s.locations.map((l) => l.code))) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c, n]) => `${c} ${n}`).join(", ");
}

function pairEdge(sel: Selection, flows: SelectedFlow[], found: Diagnostic[], callout: Callout | undefined, m: TextMeasurer): EdgeInfo {
  const transfers = flows.flatMap((f) => (f.transfer ? [f.transfer] : []));
  const styleKey = transfers.reduce<EdgeStyleKey>((worst, t) => (verdictRank[t.verdict] > verdictRank[worst] ? t.verdict : worst), "internal");
  const style = edgeStyles[styleKey];
  const special = flows.filter((f) => f.flow.data.some((r) => sel.model.data.find((d) => d.id === r.id)?.special)).length;
  const findings = findingsLine(found);
  const head = transfers.length ? `${plural(flows.length, "flow")}, ${plural(transfers.length, "transfer")}` : `${plural(flows.length, "flow")}, no transfer`;
  const places = [...new Set(transfers.flatMap((t) => t.destinations.map((d) => placeWord(d.place))))];
  const lines: TextLine[] = [
    line(head, font.edge, style.stroke, true),
    ...listLines(m, "", groundCounts(transfers), " · ", 2, style.stroke, labelWidth, true),
    ...(places.length > 1 ? listLines(m, "to ", places, ", ", 1, ink.muted, labelWidth) : []),
    ...(special ? [line(`Art. 9 data on ${plural(special, "flow")}`, font.edge, ink.special, true)] : []),
    ...(findings ? [{ ...findings, size: font.edge }] : []),
  ];
  const from = [...new Set(flows.map((f) => f.flow.from.id))];
  const to = [...new Set(flows.map((f) => f.flow.to.id))];
  const errors = found.some((d) => d.severity === "error");
  const shown = flows.slice(0, 30).map((f) => `- ${f.flow.name}`);
  return {
    // Several flows: their indexes, and the distinct systems at each end (space-separated).
    data: { flows: flows.map((f) => f.index).join(" "), from: from.join(" "), to: to.join(" ") },
    reversed: false,
    callouts: callout ? [callout] : [],
    label: ((b) => (callout ? { ...b, width: b.width + calloutsWidth([callout]) } : b))(block(m, lines, 6, 4)),
    styleKey,
    stroke: style.stroke,
    strokeWidth: style.width + Math.min(3, Math.log2(flows.length)),
    ...(style.dash && { dash: style.dash }),
    tooltip: cleanTooltip(`${head}\n${shown.join("\n")}${flows.length > 30 ? `\n+${flows.length - 30} more` : ""}`),
    labelStroke: errors ? ink.error : special ? ink.special : transfers.length ? style.stroke : "#d0d7de",
  };
}
