/** Paints the laid-out target with svgdom's DOM. User text only ever reaches `textContent` or
 *  attribute values, which the serializer escapes. */
import { fontFamily } from "./style.js";
import type { DataAttrs, LaidOutMap, PlacedCallout, PlacedContainer, PlacedEdge, PlacedLegendItem, PlacedSystem, PlacedText } from "./types.js";

const SVG_NS = "http://www.w3.org/2000/svg";

type Attrs = Record<string, string | number | undefined>;

export async function writeSvg(map: LaidOutMap): Promise<string> {
  const { createSVGWindow } = await import("svgdom");
  const doc = createSVGWindow().document;
  const root = doc.documentElement;
  const el = (parent: Element, name: string, attrs: Attrs = {}, text?: string): Element => {
    const node = doc.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) if (v !== undefined) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    parent.appendChild(node);
    return node;
  };
  const painter = { el };
  setAttrs(root, {
    width: map.width, height: map.height, viewBox: `0 0 ${map.width} ${map.height}`,
    role: "img", "aria-labelledby": "map-title map-desc", "font-family": fontFamily,
  });
  el(root, "title", { id: "map-title" }, map.title);
  el(root, "desc", { id: "map-desc" }, map.description);
  paintMarkers(painter, el(root, "defs"), map.markers);
  el(root, "rect", { x: 0, y: 0, width: map.width, height: map.height, fill: "#ffffff" });
  const header = el(root, "g", { class: "header" });
  for (const t of map.header) paintText(painter, header, t);
  // Where a wrapped map's rows meet: a faint rule across the map.
  if (map.rowBreaks.length) {
    const rules = el(root, "g", { class: "row-breaks" });
    for (const r of map.rowBreaks) el(rules, "path", { d: `M ${r.x1} ${r.y} L ${r.x2} ${r.y}`, stroke: "#d0d7de", "stroke-width": 1, "stroke-dasharray": "6 6", fill: "none" });
  }
  const containers = el(root, "g", { class: "containers" });
  for (const c of map.containers) paintContainer(painter, containers, c);
  const edges = el(root, "g", { class: "flows", fill: "none" });
  for (const e of map.edges) paintEdge(painter, edges, e);
  const systems = el(root, "g", { class: "systems" });
  for (const s of map.systems) paintSystem(painter, systems, s);
  const labels = el(root, "g", { class: "flow-labels" });
  for (const e of map.edges) paintEdgeLabel(painter, labels, e);
  const callouts = el(root, "g", { class: "callouts" });
  for (const e of map.edges) paintEdgeCallouts(painter, callouts, e);
  if (map.notes) paintNotes(painter, el(root, "g", { class: "findings" }), map.notes);
  paintLegend(painter, el(root, "g", { class: "legend" }), map.legend);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root.outerHTML}\n`;
}

interface Painter {
  el(parent: Element, name: string, attrs?: Attrs, text?: string): Element;
}

function setAttrs(node: Element, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) node.setAttribute(k, String(v));
}

/** data-* attributes (the HTML report's contract, types.ts DataAttrs), set like any attribute. */
function dataAttrs(data: DataAttrs): Attrs {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [`data-${k}`, v]));
}

function paintCallout(p: Painter, parent: Element, c: PlacedCallout): void {
  const g = p.el(parent, "g", { class: "callout" });
  if (c.width > 2 * c.r) {
    p.el(g, "rect", { x: c.x - c.width / 2, y: c.y - c.r, width: c.width, height: 2 * c.r, rx: c.r, fill: c.color, stroke: "#ffffff", "stroke-width": 1.5 });
  } else {
    p.el(g, "circle", { cx: c.x, cy: c.y, r: c.r, fill: c.color, stroke: "#ffffff", "stroke-width": 1.5 });
  }
  p.el(g, "text", { x: c.x, y: c.y + 3.8, "font-size": 10.5, "font-weight": "bold", fill: "#ffffff", "text-anchor": "middle" }, c.text);
}

function paintText(p: Painter, parent: Element, t: PlacedText): void {
  p.el(parent, "text", {
    x: t.x, y: t.y, "font-size": t.size, fill: t.color,
    "font-weight": t.bold ? "bold" : undefined,
    "text-anchor": t.anchor === "middle" ? "middle" : undefined,
  }, t.text);
}

/** Each arrowhead twice: at a path's end, and (for a flow drawn from its receiver) at its start,
 *  pointing back along the path (an explicit shape: "auto-start-reverse" is not read everywhere). */
function paintMarkers(p: Painter, defs: Element, markers: LaidOutMap["markers"]): void {
  for (const m of markers) {
    for (const start of [false, true]) {
      const marker = p.el(defs, "marker", {
        id: start ? `${m.id}-start` : m.id, viewBox: "0 0 10 10", refX: start ? 1 : 9, refY: 5, markerWidth: 11, markerHeight: 11,
        markerUnits: "userSpaceOnUse", orient: "auto",
      });
      p.el(marker, "path", { d: start ? "M 10 1 L 0 5 L 10 9 z" : "M 0 1 L 10 5 L 0 9 z", fill: m.color });
    }
  }
}

function paintContainer(p: Painter, parent: Element, c: PlacedContainer): void {
  const g = p.el(parent, "g", { class: c.cls, ...dataAttrs(c.data) });
  p.el(g, "title", {}, c.tooltip);
  p.el(g, "rect", {
    x: c.x, y: c.y, width: c.width, height: c.height, rx: 8,
    fill: c.style.fill, stroke: c.style.stroke, "stroke-width": c.style.strokeWidth, "stroke-dasharray": c.style.dash,
  });
  for (const t of c.text) paintText(p, g, t);
}

function paintSystem(p: Painter, parent: Element, s: PlacedSystem): void {
  const g = p.el(parent, "g", { class: s.cls, ...dataAttrs(s.data) });
  p.el(g, "title", {}, s.tooltip);
  p.el(g, "rect", {
    x: s.x, y: s.y, width: s.width, height: s.height, rx: 5,
    fill: s.style.fill, stroke: s.style.stroke, "stroke-width": s.style.strokeWidth, "stroke-dasharray": s.style.dash,
  });
  for (const t of s.text) paintText(p, g, t);
  for (const c of s.callouts) paintCallout(p, g, c);
}

function pathData(points: [number, number][]): string {
  return points.map(([x, y], i) => `${i ? "L" : "M"} ${x} ${y}`).join(" ");
}

function paintEdge(p: Painter, parent: Element, e: PlacedEdge): void {
  if (e.points.length < 2) return;
  const g = p.el(parent, "g", { class: "flow", ...dataAttrs(e.data) });
  p.el(g, "title", {}, e.tooltip);
  p.el(g, "path", {
    d: pathData(e.points), stroke: e.stroke, "stroke-width": e.strokeWidth, "stroke-dasharray": e.dash,
    "stroke-linejoin": "round", [e.reversed ? "marker-start" : "marker-end"]: `url(#${e.marker}${e.reversed ? "-start" : ""})`,
  });
}

function paintEdgeLabel(p: Painter, parent: Element, e: PlacedEdge): void {
  if (!e.label) return;
  const g = p.el(parent, "g", { class: "flow-label", ...dataAttrs(e.data) });
  p.el(g, "title", {}, e.tooltip);
  p.el(g, "rect", {
    x: e.label.x, y: e.label.y, width: e.label.width, height: e.label.height, rx: 4,
    fill: "#ffffff", stroke: e.label.stroke, "stroke-width": e.label.stroke === "#d0d7de" ? 1 : 1.5,
  });
  for (const t of e.label.text) paintText(p, g, t);
}

function paintEdgeCallouts(p: Painter, parent: Element, e: PlacedEdge): void {
  if (!e.callouts.length) return;
  const g = p.el(parent, "g", { class: "flow-callouts", ...dataAttrs(e.data) });
  for (const c of e.callouts) paintCallout(p, g, c);
}

function paintNotes(p: Painter, parent: Element, notes: NonNullable<LaidOutMap["notes"]>): void {
  for (const frame of [notes, ...(notes.more ?? [])]) {
    p.el(parent, "rect", { ...frame.box, rx: 6, fill: "#ffffff", stroke: "#d0d7de", "stroke-width": 1 });
    paintText(p, parent, frame.title);
  }
  for (const t of notes.text) paintText(p, parent, t);
  for (const c of notes.callouts) paintCallout(p, parent, c);
}

function paintLegend(p: Painter, parent: Element, legend: LaidOutMap["legend"]): void {
  p.el(parent, "rect", { ...legend.box, rx: 6, fill: "#fafbfc", stroke: "#d0d7de", "stroke-width": 1 });
  paintText(p, parent, legend.title);
  for (const item of legend.items) paintLegendItem(p, parent, item);
}

function paintLegendItem(p: Painter, parent: Element, item: PlacedLegendItem): void {
  const s = item.swatch;
  if (s.kind === "callout") {
    paintCallout(p, parent, { x: s.x + 9, y: s.y + 7, r: 9, width: 18, text: s.sample ?? "1", color: s.fill });
  } else if (s.kind === "tag") {
    p.el(parent, "rect", { x: s.x, y: s.y - 1, width: s.width, height: s.height + 2, rx: 3, fill: "#ffffff", stroke: s.stroke, "stroke-width": s.strokeWidth });
    p.el(parent, "text", { x: s.x + s.width / 2, y: s.y + 11, "font-size": 10.5, "font-weight": "bold", fill: s.stroke, "text-anchor": "middle" }, s.sample ?? "");
  } else if (s.kind === "edge") {
    const y = s.y + s.height / 2;
    p.el(parent, "path", {
      d: `M ${s.x} ${y} L ${s.x + s.width} ${y}`, fill: "none", stroke: s.stroke, "stroke-width": s.strokeWidth,
      "stroke-dasharray": s.dash, "marker-end": s.marker ? `url(#${s.marker})` : undefined,
    });
  } else {
    p.el(parent, "rect", {
      x: s.x, y: s.y, width: s.width, height: s.height, rx: 3,
      fill: s.fill, stroke: s.stroke, "stroke-width": s.strokeWidth, "stroke-dasharray": s.dash,
    });
  }
  paintText(p, parent, item.text);
}
