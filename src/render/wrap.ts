/** Long chains wrapped into rows, for a map that prints on a landscape page. ELK's own wrapping
 *  cannot cut through the nested country boxes, so the map is cut here: after a first layout,
 *  the systems are split into rows by where ELK put them, each row is laid out on its own, and a
 *  flow from one row to another runs into a lettered connector at the right of its row and out of
 *  the same letter at the left of the next (as printed flowcharts continue on the next page). A
 *  box split by a cut is drawn in both rows, with the same data-place. Pure. */
import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api.js";
import type { LabelDetail } from "./labels.js";
import type { TextMeasurer } from "./measure.js";
import { font, ink } from "./style.js";
import { block, wrapped } from "./text.js";
import type { EdgeInfo, MapGraph, SystemInfo } from "./types.js";

/** Gap between two rows. */
export const rowGap = 44;
const connectorWidth = 150;

/** How many rows a laid-out map should take: 1 unless it is much wider than a landscape page's
 *  proportions (only maps with full labels and overviews: the others are never read on one page). */
export function rowCount(laid: ElkNode, detail: LabelDetail | "overview"): number {
  const width = laid.width ?? 0;
  const height = Math.max(1, laid.height ?? 0);
  if ((detail !== "full" && detail !== "overview") || width < 1400 || width < 2 * height) return 1;
  return Math.max(2, Math.min(4, Math.round(Math.sqrt(width / (1.5 * height)))));
}

/** Each system's row: the map is cut between ELK's layers, where the widest row is narrowest. */
function rowsByPosition(laid: ElkNode, rows: number): Map<string, number> {
  // Systems inside their places, and the overview's place boxes (top-level, with no children).
  const leaves = (laid.children ?? []).flatMap((c) => (c.children?.length ? c.children : [c]));
  const boxes = leaves.map((s) => ({ id: s.id, x: s.x ?? 0, right: (s.x ?? 0) + (s.width ?? 0), centre: (s.x ?? 0) + (s.width ?? 0) / 2 }));
  boxes.sort((a, b) => a.centre - b.centre || (a.id < b.id ? -1 : 1));
  // Cuts fall between two boxes whose centres differ (two boxes of one layer stay together).
  const all: number[] = [];
  for (let i = 1; i < boxes.length; i++) if (boxes[i]!.centre - boxes[i - 1]!.centre > 1) all.push(i);
  // At most 24 candidates, evenly spread: the search below tries every choice of rows - 1 of them.
  const candidates = all.length <= 24 ? all : Array.from({ length: 24 }, (_, k) => all[Math.floor(((k + 0.5) * all.length) / 24)]!);
  const extent = (from: number, to: number) => {
    const part = boxes.slice(from, to);
    return Math.max(...part.map((b) => b.right)) - Math.min(...part.map((b) => b.x));
  };
  let best: number[] = [];
  let bestWidth = Infinity;
  const choose = (start: number, left: number, cuts: number[]) => {
    if (left === 0) {
      const bounds = [0, ...cuts, boxes.length];
      const widest = Math.max(...bounds.slice(1).map((b, i) => extent(bounds[i]!, b)));
      if (widest < bestWidth - 1e-6) [best, bestWidth] = [cuts, widest];
      return;
    }
    for (let k = start; k < candidates.length; k++) choose(k + 1, left - 1, [...cuts, candidates[k]!]);
  };
  choose(0, Math.min(rows - 1, candidates.length), []);
  const out = new Map<string, number>();
  boxes.forEach((b, i) => out.set(b.id, best.filter((c) => c <= i).length));
  return out;
}

/** The letter of the n-th connector: A..Z, then AA, AB... */
function letter(n: number): string {
  let s = "";
  for (let k = n + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

export interface WrappedMap {
  graph: MapGraph;
  rows: ElkNode[];
}

/** The row graphs (fresh ELK input, no coordinates) and the graph facts extended by the connectors
 *  and the continued edges. */
export function wrapRows(graph: MapGraph, laid: ElkNode, rows: number, m: TextMeasurer): WrappedMap {
  const rowOf = rowsByPosition(laid, rows);
  const count = Math.max(1, ...rowOf.values()) + 1;
  const systems: Record<string, SystemInfo> = { ...graph.systems };
  const containers = { ...graph.containers };
  const edges: Record<string, EdgeInfo> = { ...graph.edges };
  const out: ElkNode[] = Array.from({ length: count }, (_, i) => ({ id: `row${i}`, layoutOptions: graph.elk.layoutOptions ?? {}, children: [], edges: [] }));
  for (const c of graph.elk.children ?? []) {
    if (!graph.containers[c.id]) {
      out[rowOf.get(c.id) ?? 0]!.children!.push({ ...c }); // a top-level box (the overview's places)
      continue;
    }
    const members = c.children ?? [];
    const first = Math.min(...members.map((s) => rowOf.get(s.id) ?? 0));
    for (let r = 0; r < count; r++) {
      const here = members.filter((s) => (rowOf.get(s.id) ?? 0) === r);
      if (!here.length) continue;
      const id = r === first ? c.id : `${c.id}__row${r}`;
      if (id !== c.id) containers[id] = graph.containers[c.id]!;
      const children = here.map((s) => ({ id: s.id, width: s.width, height: s.height, ...(s.layoutOptions && { layoutOptions: s.layoutOptions }) }));
      out[r]!.children!.push({ id, ...(c.layoutOptions && { layoutOptions: c.layoutOptions }), children });
    }
  }
  // A system's name is its tooltip's first line (its box may wrap it).
  const names = new Map(Object.entries(graph.systems).map(([id, s]) => [id, s.tooltip.split("\n")[0] ?? id]));
  let next = 0;
  for (const e of graph.elk.edges ?? []) {
    const source = e.sources[0]!;
    const target = e.targets[0]!;
    const rs = rowOf.get(source) ?? 0;
    const rt = rowOf.get(target) ?? 0;
    if (rs === rt) {
      out[rs]!.edges!.push(e);
      continue;
    }
    // The edge leaves its row at the right, into a connector, and comes out of the same letter at
    // the left of the other row; the label goes on the second part (the cut is chosen by where the
    // systems are, and a label left in the first row would widen it). The arrowheads (and the flow's
    // direction) are the edge's own: both parts keep its `reversed`.
    const tag = letter(next++);
    const exit = `k_${e.id}__out`;
    const entry = `k_${e.id}__in`;
    systems[exit] = connector(m, `${tag} ${rt > rs ? "\u2193" : "\u2191"}`, `row ${rt + 1}: ${names.get(target) ?? ""}`);
    systems[entry] = connector(m, tag, `row ${rs + 1}: ${names.get(source) ?? ""}`);
    out[rs]!.children!.push(connectorNode(exit, systems[exit]!, "LAST"));
    out[rt]!.children!.push(connectorNode(entry, systems[entry]!, "FIRST"));
    const cont = `${e.id}__cont`;
    edges[cont] = graph.edges[e.id]!;
    edges[e.id] = { ...graph.edges[e.id]!, label: { lines: [], width: 0, height: 0, padX: 0, padY: 0 }, callouts: [] };
    out[rs]!.edges!.push({ id: e.id, sources: [source], targets: [exit] });
    out[rt]!.edges!.push({ ...e, id: cont, sources: [entry], targets: [target] });
  }
  return { graph: { ...graph, systems, containers, edges }, rows: out };
}

function connector(m: TextMeasurer, head: string, other: string): SystemInfo {
  const lines = [
    ...wrapped(m, head, connectorWidth, font.name, ink.text, true, 1),
    ...wrapped(m, other, connectorWidth, font.detail, ink.muted, false, 2),
  ];
  return {
    cls: "connector",
    data: {},
    text: block(m, lines, 8, 6, 90),
    style: { fill: "#ffffff", stroke: ink.boxStroke, strokeWidth: 1.25, dash: "4 3" },
    tooltip: lines.map((l) => l.text).join("\n"),
    callouts: [],
  };
}

function connectorNode(id: string, info: SystemInfo, layer: "FIRST" | "LAST"): ElkNode {
  return { id, width: info.text.width, height: info.text.height, layoutOptions: { "elk.layered.layering.layerConstraint": layer } };
}

/** The rows' layouts stacked into one, as ELK would have returned it (absolute coordinates). */
export function stackRows(rows: ElkNode[]): ElkNode {
  const children: ElkNode[] = [];
  const edges: ElkExtendedEdge[] = [];
  let top = 0;
  let width = 0;
  for (const row of rows) {
    const dy = top;
    const shiftNode = (n: ElkNode): ElkNode => ({ ...n, y: (n.y ?? 0) + dy, ...(n.children && { children: n.children.map(shiftNode) }) });
    children.push(...(row.children ?? []).map(shiftNode));
    for (const e of (row.edges ?? []) as ElkExtendedEdge[]) {
      const p = (q: { x: number; y: number }) => ({ x: q.x, y: q.y + dy });
      edges.push({
        ...e,
        ...(e.sections && { sections: e.sections.map((s) => ({ ...s, startPoint: p(s.startPoint), endPoint: p(s.endPoint), ...(s.bendPoints && { bendPoints: s.bendPoints.map(p) }) })) }),
        ...(e.labels && { labels: e.labels.map((l) => ({ ...l, y: (l.y ?? 0) + dy })) }),
      });
    }
    width = Math.max(width, row.width ?? 0);
    top += (row.height ?? 0) + rowGap;
  }
  return { id: "root", x: 0, y: 0, width, height: Math.max(0, top - rowGap), children, edges };
}
