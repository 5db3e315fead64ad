/** ELK's result + the graph facts -> the laid-out target: absolute, rounded, plain JSON. */
import type { ElkEdgeSection, ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api.js";
import { startElk, type ElkRunner } from "./elk-run.js";
import { edgeOrder, edgeStyles, font, ink, lineHeight } from "./style.js";
import type {
  Box, LaidOutMap, MapGraph, PlacedContainer, PlacedEdge, PlacedLegendItem, PlacedSystem, PlacedText, TextBlock,
} from "./types.js";

const margin = 28;
const headerGap = 22;
const legendGap = 30;

/** `timeLimitMs` is what is left of the map's limit; `announcedLimitMs`, the limit a timeout names. */
export async function layoutMap(graph: MapGraph, timeLimitMs: number, elk: ElkRunner = startElk(), announcedLimitMs = timeLimitMs): Promise<LaidOutMap> {
  return placeMap(graph, await elk.layout(graph.elk, timeLimitMs, announcedLimitMs));
}

/** Pure: positions everything from ELK's absolute coordinates (elk.json.*Coords = ROOT). */
export function placeMap(graph: MapGraph, laid: ElkNode): LaidOutMap {
  const origin = { x: margin, y: margin + graph.header.height + headerGap };
  const diagram = { width: laid.width ?? 0, height: laid.height ?? 0 };
  const containers: PlacedContainer[] = [];
  const systems: PlacedSystem[] = [];
  for (const c of laid.children ?? []) {
    const info = graph.containers[c.id]!;
    const box = shift(c, origin);
    containers.push({ id: c.id, ref: info.ref, ...box, style: info.style, tooltip: info.tooltip, text: stack(info.title, box.x + info.title.padX, box.y + 10, "start") });
    for (const s of c.children ?? []) systems.push(placeSystem(graph, s, origin));
  }
  const edges = (laid.edges ?? []).map((e) => placeEdge(graph, e as ElkExtendedEdge, origin));
  const contentWidth = Math.max(diagram.width, graph.header.width, 640);
  const legend = placeLegend(graph, origin.y + diagram.height + legendGap, contentWidth);
  return {
    width: round(contentWidth + 2 * margin),
    height: round(legend.box.y + legend.box.height + margin),
    title: graph.header.lines[0]?.text ?? "Data-flow map",
    description: graph.description,
    header: stack(graph.header, margin, margin, "start"),
    containers,
    systems,
    edges,
    markers: edgeOrder.map((k) => ({ id: `arrow-${k}`, color: edgeStyles[k].stroke })),
    legend,
  };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

function shift(n: { x?: number; y?: number; width?: number; height?: number }, o: { x: number; y: number }): Box {
  return { x: round((n.x ?? 0) + o.x), y: round((n.y ?? 0) + o.y), width: round(n.width ?? 0), height: round(n.height ?? 0) };
}

/** Lines top-down from (x, top); the baseline sits about one font size below each line's top. */
function stack(block: TextBlock, x: number, top: number, anchor: "start" | "middle"): PlacedText[] {
  let y = top;
  return block.lines.map((l) => {
    const placed: PlacedText = { text: l.text, x: round(x), y: round(y + l.size * 1.05), size: l.size, color: l.color, anchor };
    if (l.bold) placed.bold = true;
    y += lineHeight(l.size);
    return placed;
  });
}

function placeSystem(graph: MapGraph, s: ElkNode, origin: { x: number; y: number }): PlacedSystem {
  const info = graph.systems[s.id]!;
  const box = shift(s, origin);
  const top = box.y + (box.height - info.text.height) / 2 + info.text.padY;
  const placed: PlacedSystem = { id: s.id, modelId: info.modelId, ...box, style: info.style, tooltip: info.tooltip, text: stack(info.text, box.x + box.width / 2, top, "middle") };
  if (info.badge) placed.badge = { x: round(box.x + box.width - 2), y: round(box.y + 2), r: 9, text: String(info.badge) };
  return placed;
}

function sectionPoints(sections: ElkEdgeSection[], o: { x: number; y: number }): [number, number][] {
  const points: [number, number][] = [];
  for (const sec of sections) {
    for (const p of [sec.startPoint, ...(sec.bendPoints ?? []), sec.endPoint]) {
      const q: [number, number] = [round(p.x + o.x), round(p.y + o.y)];
      const last = points[points.length - 1];
      if (!last || last[0] !== q[0] || last[1] !== q[1]) points.push(q);
    }
  }
  return points;
}

function placeEdge(graph: MapGraph, e: ElkExtendedEdge, origin: { x: number; y: number }): PlacedEdge {
  const info = graph.edges[e.id]!;
  const placed: PlacedEdge = {
    id: e.id,
    ref: info.ref,
    points: sectionPoints(e.sections ?? [], origin),
    stroke: info.stroke,
    strokeWidth: info.strokeWidth,
    marker: `arrow-${info.styleKey}`,
    tooltip: info.tooltip,
  };
  if (info.dash) placed.dash = info.dash;
  const label = e.labels?.[0];
  if (label) {
    const box = shift(label, origin);
    placed.label = { ...box, stroke: info.labelStroke, text: stack(info.label, box.x + info.label.padX, box.y + info.label.padY, "start") };
  }
  return placed;
}

/** Legend items flow left to right and wrap at the content width. */
function placeLegend(graph: MapGraph, top: number, width: number): LaidOutMap["legend"] {
  const rowHeight = 24;
  const titleHeight = lineHeight(font.legend) + 6;
  const items: PlacedLegendItem[] = [];
  let x = margin + 12;
  let y = top + titleHeight + 12;
  for (const item of graph.legend) {
    const swatchWidth = item.kind === "edge" ? 40 : 26;
    const itemWidth = swatchWidth + 8 + item.textWidth + 26;
    if (x + itemWidth > margin + width && x > margin + 12) {
      x = margin + 12;
      y += rowHeight;
    }
    const swatch = {
      x: round(x), y: round(y - 7), width: swatchWidth, height: 14,
      fill: item.fill, stroke: item.stroke, strokeWidth: item.strokeWidth, line: item.kind === "edge",
      ...(item.dash && { dash: item.dash }), ...(item.marker && { marker: item.marker }),
    };
    items.push({ swatch, text: { text: item.text, x: round(x + swatchWidth + 8), y: round(y + font.legend * 0.36), size: font.legend, color: ink.text } });
    x += itemWidth;
  }
  const box = { x: margin, y: round(top), width: round(width), height: round(y + rowHeight / 2 + 10 - top) };
  const title: PlacedText = { text: "Legend", x: margin + 12, y: round(top + 10 + font.legend), size: font.legend, color: ink.text, bold: true };
  return { box, title, items };
}
