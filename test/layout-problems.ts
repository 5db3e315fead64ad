/** What a reader would call a broken map, as data: the layout checks the seed maps and random
 *  maps are held to. */
import type { LaidOutMap } from "../src/render/index.js";

type Rect = { x: number; y: number; width: number; height: number };

/** Interiors overlap (touching edges do not count). */
function overlaps(a: Rect, b: Rect, slack = 0.5): boolean {
  return a.x + slack < b.x + b.width && b.x + slack < a.x + a.width && a.y + slack < b.y + b.height && b.y + slack < a.y + a.height;
}

function inside(inner: Rect, outer: Rect, slack = 0.5): boolean {
  return inner.x >= outer.x - slack && inner.y >= outer.y - slack && inner.x + inner.width <= outer.x + outer.width + slack && inner.y + inner.height <= outer.y + outer.height + slack;
}

/** An axis-parallel segment runs through the rectangle's interior (shrunk by `inset`). */
function segmentCrosses(p: [number, number], q: [number, number], r: Rect, inset = 1): boolean {
  const box = { x: r.x + inset, y: r.y + inset, width: r.width - 2 * inset, height: r.height - 2 * inset };
  const seg = { x: Math.min(p[0], q[0]), y: Math.min(p[1], q[1]), width: Math.abs(p[0] - q[0]) || 0.01, height: Math.abs(p[1] - q[1]) || 0.01 };
  return overlaps(seg, box, 0);
}

/** What a reader would call broken: boxes or labels on top of each other, text wider than its
 *  box, a flow drawn through a system it does not touch, a label away from its own flow. */
export function layoutProblems(map: LaidOutMap, measure: (text: string, size: number, bold?: boolean) => number): string[] {
  const problems: string[] = [];
  const labels = map.edges.flatMap((e) => (e.label ? [{ id: e.id, ...e.label }] : []));
  map.systems.forEach((a, i) => map.systems.slice(i + 1).forEach((b) => overlaps(a, b) && problems.push(`systems ${a.id} and ${b.id} overlap`)));
  map.containers.forEach((a, i) => map.containers.slice(i + 1).forEach((b) => overlaps(a, b) && problems.push(`containers ${a.id} and ${b.id} overlap`)));
  labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => overlaps(a, b) && problems.push(`labels of ${a.id} and ${b.id} overlap`)));
  for (const l of labels) for (const s of map.systems) if (overlaps(l, s)) problems.push(`label of ${l.id} covers ${s.id}`);
  for (const s of map.systems) {
    if (s.cls === "system" && !map.containers.some((c) => inside(s, c))) problems.push(`${s.id} is outside every container`);
    for (const t of s.text) if (measure(t.text, t.size, t.bold) > s.width) problems.push(`"${t.text}" is wider than ${s.id}`);
  }
  for (const l of labels) for (const t of l.text) if (t.x - l.x + measure(t.text, t.size, t.bold) > l.width + 0.5) problems.push(`"${t.text}" overflows the label of ${l.id}`);
  for (const c of map.containers) for (const t of c.text) if (t.x - c.x + measure(t.text, t.size, t.bold) > c.width + 0.5) problems.push(`"${t.text}" overflows ${c.id}`);
  for (const e of map.edges) {
    const [from, to] = e.ends;
    for (const s of map.systems) {
      if (s.id === from || s.id === to) continue;
      for (let i = 1; i < e.points.length; i++) if (segmentCrosses(e.points[i - 1]!, e.points[i]!, s)) problems.push(`${e.id} runs through ${s.id}`);
    }
    // ELK draws a self-loop as a small hook with its label just above it, not on it.
    if (e.label && from !== to) {
      const touches = e.points.some((p, i) => i > 0 && segmentCrosses(e.points[i - 1]!, p, e.label!, -1));
      if (!touches) problems.push(`the label of ${e.id} is away from its flow`);
    }
  }
  const legendBottom = map.legend.box.y + map.legend.box.height;
  const drawn = [...map.containers, ...map.systems, ...labels];
  for (const b of drawn) if (overlaps(b, map.legend.box)) problems.push(`${"id" in b ? b.id : "a box"} runs into the legend`);
  if (legendBottom > map.height || map.legend.box.x + map.legend.box.width > map.width) problems.push("the legend is cut off");
  for (const b of drawn) if (b.x < 0 || b.y < 0 || b.x + b.width > map.width || b.y + b.height > map.height) problems.push(`${"id" in b ? b.id : "a box"} is cut off`);
  const headerBottom = Math.max(...map.header.map((t) => t.y));
  for (const b of drawn) if (b.y < headerBottom) problems.push(`${"id" in b ? b.id : "a box"} runs into the title`);
  return problems;
}

