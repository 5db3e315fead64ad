/** ELK's result + the graph facts -> the laid-out target: absolute, rounded, plain JSON. */
import type { ElkEdgeSection, ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api.js";
import { calloutGap, calloutRadius, calloutWidth } from "./callouts.js";
import { startElk, type ElkRunner } from "./elk-run.js";
import { loadMeasurer, tableMeasurer } from "./measure.js";
import { planFindingsList, type ListArea } from "./findings-layout.js";
import { rowCount, rowGap, stackRows, wrapRows } from "./wrap.js";
import { edgeOrder, edgeStyles, font, ink, lineHeight } from "./style.js";
import type {
  Box, Callout, LaidOutMap, MapGraph, NoteEntry, PlacedCallout, PlacedContainer, PlacedEdge, PlacedLegendItem, PlacedSystem, PlacedText, TextBlock,
} from "./types.js";

const margin = 28;
const headerGap = 22;
const legendGap = 30;
const entryGap = 8;
/** A landscape page (A4 at 96 px per inch, less 1 cm margins): the map's panels are arranged to
 *  print as large as they can on it. */
export const page = { width: 1047, height: 718 };

/** `timeLimitMs` is what is left of the map's limit; `announcedLimitMs`, the limit a timeout names.
 *  A map much wider than a page is laid out a second time in rows (wrap.ts), within the same limit. */
export async function layoutMap(graph: MapGraph, timeLimitMs: number, elk: ElkRunner = startElk(), announcedLimitMs = timeLimitMs): Promise<LaidOutMap> {
  const started = performance.now();
  const laid = await elk.layout(graph.elk, timeLimitMs, announcedLimitMs);
  const rows = rowCount(laid, graph.detail);
  const flat = placeMap(graph, laid);
  if (rows <= 1) return flat;
  // The connectors name systems: measured like the rest of the map (svgdom only when needed).
  const quick = tableMeasurer();
  const cut = (n: number) => {
    const wrapped = wrapRows(graph, laid, n, quick);
    return quick.missed ? loadMeasurer().then((m) => wrapRows(graph, laid, n, m)) : Promise.resolve(wrapped);
  };
  // The suggested number of rows, then one more while the layouts have taken little of the limit:
  // the findings list and the legend share the page, and the list fits beside shorter rows
  // (senbilcloud prints larger in 3 rows than in the 2 its map alone suggests).
  let best = flat;
  for (const n of [rows, rows + 1]) {
    if (n > 4 || (n !== rows && performance.now() - started > timeLimitMs / 4)) continue;
    const wrapped = await cut(n);
    const laidRows: ElkNode[] = [];
    for (const row of wrapped.rows) laidRows.push(await elk.layout(row, timeLimitMs - (performance.now() - started), announcedLimitMs));
    const rowsMap = placeMap(wrapped.graph, stackRows(laidRows), laidRows);
    // Kept only when the whole map (findings list and legend included) then prints larger, by a
    // margin: connectors are a detour for the reader, worth it only for a real gain.
    const bar = best === flat ? 1.05 : 1.0;
    if (pageScale(rowsMap) > pageScale(best) * bar + 1e-9) best = rowsMap;
  }
  return best;
}

/** How large the map prints on the landscape page: 1 is its own size. */
export function pageScale(map: { width: number; height: number }): number {
  return Math.min(page.width / map.width, page.height / map.height);
}

/** Pure: positions everything from ELK's absolute coordinates (elk.json.*Coords = ROOT). */
export function placeMap(graph: MapGraph, laid: ElkNode, rows: ElkNode[] = []): LaidOutMap {
  const origin = { x: margin, y: margin + graph.header.height + headerGap };
  const diagram = { width: laid.width ?? 0, height: laid.height ?? 0 };
  const containers: PlacedContainer[] = [];
  const systems: PlacedSystem[] = [];
  for (const c of laid.children ?? []) {
    const info = graph.containers[c.id];
    if (!info) {
      systems.push(placeSystem(graph, c, origin)); // the overview's place boxes are top-level nodes
      continue;
    }
    const box = shift(c, origin);
    containers.push({ id: c.id, cls: info.cls, data: info.data, ...box, style: info.style, tooltip: info.tooltip, text: stack(info.title, box.x + info.title.padX, box.y + 10, "start") });
    for (const s of c.children ?? []) systems.push(placeSystem(graph, s, origin));
  }
  const edges = (laid.edges ?? []).map((e) => placeEdge(graph, e as ElkExtendedEdge, origin));
  const mapWidth = Math.max(diagram.width, graph.header.width, 640);
  const bands = rowBands(rows, origin.y, diagram);
  // The drawing's extent and its legend (which spans it) with the list reaching `right`, `bottom`.
  const around = (right: number, bottom: number) => {
    const contentWidth = Math.max(mapWidth, right - margin);
    const legend = placeLegend(graph, Math.max(origin.y + diagram.height, bottom) + legendGap, contentWidth);
    return { legend, width: round(contentWidth + 2 * margin), height: round(legend.box.y + legend.box.height + margin) };
  };
  const area: ListArea = {
    bands: bands.map((b) => ({ top: b.top, bottom: b.top + b.height, right: margin + b.width })),
    left: margin, top: origin.y, headerRight: margin + graph.header.width, pageTop: margin, mapRight: margin + mapWidth, mapBottom: origin.y + diagram.height, titleHeight: lineHeight(font.legend) + 12,
  };
  const notes = placeNotes(graph.notes, area, around);
  const frames = notes ? [notes.box, ...(notes.more ?? []).map((f) => f.box)] : [];
  const { legend, width, height } = around(Math.max(0, ...frames.map((f) => f.x + f.width)), Math.max(0, ...frames.map((f) => f.y + f.height)));
  return {
    width,
    height,
    title: graph.header.lines[0]?.text ?? "Data-flow map",
    description: graph.description,
    header: stack(graph.header, margin, margin, "start"),
    containers,
    systems,
    edges,
    markers: edgeOrder.map((k) => ({ id: `arrow-${k}`, color: edgeStyles[k].stroke })),
    legend,
    notes,
    // Between two rows, as wide as the wider of them (the findings list may sit beside narrow rows).
    rowBreaks: bands.slice(1).map((b, i) => ({ y: round(b.top - rowGap / 2), x1: margin - 12, x2: round(margin + Math.max(b.width, bands[i]!.width) + 12) })),
  };
}

interface RowBand {
  top: number;
  width: number;
  height: number;
}

/** The map's rows (one band for a map that is not wrapped), each with its top on the page. */
function rowBands(rows: ElkNode[], top: number, diagram: { width: number; height: number }): RowBand[] {
  if (!rows.length) return [{ top, width: diagram.width, height: diagram.height }];
  const out: RowBand[] = [];
  let y = top;
  for (const row of rows) {
    out.push({ top: y, width: row.width ?? 0, height: row.height ?? 0 });
    y += (row.height ?? 0) + rowGap;
  }
  return out;
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

/** Callouts in a row starting at (x, y), the first one's centre, towards `step` (-1: leftwards). */
function placeCallouts(list: Callout[], x: number, y: number, step: -1 | 1): PlacedCallout[] {
  let at = x - step * calloutRadius;
  return list.map((c) => {
    const width = calloutWidth(c);
    const placed = { x: round(at + (step * width) / 2), y: round(y), r: calloutRadius, width, text: c.text ?? String(c.number), color: c.color };
    at += step * (width + calloutGap);
    return placed;
  });
}

function placeSystem(graph: MapGraph, s: ElkNode, origin: { x: number; y: number }): PlacedSystem {
  const info = graph.systems[s.id]!;
  const box = shift(s, origin);
  const top = box.y + (box.height - info.text.height) / 2 + info.text.padY;
  return {
    id: s.id, cls: info.cls, data: info.data, ...box, style: info.style, tooltip: info.tooltip,
    text: stack(info.text, box.x + box.width / 2, top, "middle"),
    callouts: placeCallouts(info.callouts, box.x + box.width - 2, box.y + 2, -1),
  };
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
  const points = sectionPoints(e.sections ?? [], origin);
  const placed: PlacedEdge = {
    id: e.id,
    ends: [e.sources[0]!, e.targets[0]!],
    data: info.data,
    reversed: info.reversed,
    callouts: [],
    points,
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
    // Inside the label's top-right corner, in the room graph.ts reserved for them.
    placed.callouts = placeCallouts(info.callouts, box.x + box.width - 3, box.y + calloutRadius + 2, -1);
  } else if (points.length >= 2) {
    // No label (the biggest maps): on the middle of the path.
    const mid = points[Math.floor((points.length - 1) / 2)]!;
    const next = points[Math.floor((points.length - 1) / 2) + 1]!;
    placed.callouts = placeCallouts(info.callouts, (mid[0] + next[0]) / 2, (mid[1] + next[1]) / 2, 1);
  }
  return placed;
}

/** The findings list where findings-layout.ts plans it, its text placed. */
function placeNotes(entries: NoteEntry[], area: ListArea, sizeOf: (right: number, bottom: number) => { width: number; height: number }): LaidOutMap["notes"] {
  const heights = entries.map((e) => e.text.height + entryGap);
  const plan = planFindingsList(heights, area, sizeOf, pageScale);
  if (!plan) return undefined;
  const text: PlacedText[] = [];
  const callouts: PlacedCallout[] = [];
  for (const col of plan.columns) {
    let y = col.y;
    for (const k of col.entries) {
      const e = entries[k]!;
      text.push(...stack(e.text, col.x + e.text.padX, y, "start"));
      if (e.callout) callouts.push(...placeCallouts([e.callout], col.x + calloutRadius, y + 7, 1));
      y += heights[k]!;
    }
  }
  const [first, ...rest] = plan.frames.map((f, i) => {
    const box = { x: round(f.x), y: round(f.y), width: round(f.width), height: round(f.height) };
    const words = i === 0 ? "Findings (numbers as on the map)" : "Findings, continued";
    const title: PlacedText = { text: words, x: round(box.x + 12), y: round(box.y + 8 + font.legend), size: font.legend, color: ink.text, bold: true };
    return { box, title };
  });
  return { ...first!, text, callouts, ...(rest.length && { more: rest }) };
}

/** Legend items flow left to right and wrap at the content width. */
function placeLegend(graph: MapGraph, top: number, width: number): LaidOutMap["legend"] {
  const rowHeight = 24;
  const titleHeight = lineHeight(font.legend) + 6;
  const items: PlacedLegendItem[] = [];
  let x = margin + 12;
  let y = top + titleHeight + 12;
  for (const item of graph.legend) {
    const swatchWidth = item.kind === "edge" ? 40 : item.kind === "tag" ? 44 : item.kind === "callout" ? 18 : 26;
    const itemWidth = swatchWidth + 8 + item.textWidth + 26;
    if (x + itemWidth > margin + width && x > margin + 12) {
      x = margin + 12;
      y += rowHeight;
    }
    const swatch = {
      kind: item.kind, x: round(x), y: round(y - 7), width: swatchWidth, height: 14,
      fill: item.fill, stroke: item.stroke, strokeWidth: item.strokeWidth,
      ...(item.dash && { dash: item.dash }), ...(item.marker && { marker: item.marker }), ...(item.sample && { sample: item.sample }),
    };
    items.push({ swatch, text: { text: item.text, x: round(x + swatchWidth + 8), y: round(y + font.legend * 0.36), size: font.legend, color: ink.text } });
    x += itemWidth;
  }
  const box = { x: margin, y: round(top), width: round(width), height: round(y + rowHeight / 2 + 10 - top) };
  const title: PlacedText = { text: "Legend", x: margin + 12, y: round(top + 10 + font.legend), size: font.legend, color: ink.text, bold: true };
  return { box, title, items };
}
