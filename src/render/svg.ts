/** Paints the laid-out target with svgdom's DOM. User text only ever reaches `textContent` or
 *  attribute values, which the serializer escapes. */
import { fontFamily } from "./style.js";
import type { LaidOutMap, PlacedContainer, PlacedEdge, PlacedLegendItem, PlacedSystem, PlacedText } from "./types.js";

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
  const containers = el(root, "g", { class: "containers" });
  for (const c of map.containers) paintContainer(painter, containers, c);
  const edges = el(root, "g", { class: "flows", fill: "none" });
  for (const e of map.edges) paintEdge(painter, edges, e);
  const systems = el(root, "g", { class: "systems" });
  for (const s of map.systems) paintSystem(painter, systems, s);
  const labels = el(root, "g", { class: "flow-labels" });
  for (const e of map.edges) paintEdgeLabel(painter, labels, e);
  paintLegend(painter, el(root, "g", { class: "legend" }), map.legend);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root.outerHTML}\n`;
}

interface Painter {
  el(parent: Element, name: string, attrs?: Attrs, text?: string): Element;
}

function setAttrs(node: Element, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) node.setAttribute(k, String(v));
}

function paintText(p: Painter, parent: Element, t: PlacedText): void {
  p.el(parent, "text", {
    x: t.x, y: t.y, "font-size": t.size, fill: t.color,
    "font-weight": t.bold ? "bold" : undefined,
    "text-anchor": t.anchor === "middle" ? "middle" : undefined,
  }, t.text);
}

function paintMarkers(p: Painter, defs: Element, markers: LaidOutMap["markers"]): void {
  for (const m of markers) {
    const marker = p.el(defs, "marker", {
      id: m.id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 11, markerHeight: 11,
      markerUnits: "userSpaceOnUse", orient: "auto",
    });
    p.el(marker, "path", { d: "M 0 1 L 10 5 L 0 9 z", fill: m.color });
  }
}

function paintContainer(p: Painter, parent: Element, c: PlacedContainer): void {
  const g = p.el(parent, "g", { class: "place", "data-place": c.ref.place, "data-country": c.ref.country });
  p.el(g, "title", {}, c.tooltip);
  p.el(g, "rect", {
    x: c.x, y: c.y, width: c.width, height: c.height, rx: 8,
    fill: c.style.fill, stroke: c.style.stroke, "stroke-width": c.style.strokeWidth, "stroke-dasharray": c.style.dash,
  });
  for (const t of c.text) paintText(p, g, t);
}

function paintSystem(p: Painter, parent: Element, s: PlacedSystem): void {
  const g = p.el(parent, "g", { class: "system", "data-system": s.modelId });
  p.el(g, "title", {}, s.tooltip);
  p.el(g, "rect", {
    x: s.x, y: s.y, width: s.width, height: s.height, rx: 5,
    fill: s.style.fill, stroke: s.style.stroke, "stroke-width": s.style.strokeWidth,
  });
  for (const t of s.text) paintText(p, g, t);
  if (s.badge) {
    p.el(g, "circle", { cx: s.badge.x, cy: s.badge.y, r: s.badge.r, fill: s.style.stroke, stroke: "#ffffff", "stroke-width": 1.5 });
    p.el(g, "text", { x: s.badge.x, y: s.badge.y + 4, "font-size": 11, "font-weight": "bold", fill: "#ffffff", "text-anchor": "middle" }, s.badge.text);
  }
}

/** The edge's data-* attributes (the HTML report's contract: see types.ts EdgeRef). */
function edgeData(e: PlacedEdge): Attrs {
  return { "data-flows": e.ref.flows.join(" "), "data-from": e.ref.from, "data-to": e.ref.to };
}

function pathData(points: [number, number][]): string {
  return points.map(([x, y], i) => `${i ? "L" : "M"} ${x} ${y}`).join(" ");
}

function paintEdge(p: Painter, parent: Element, e: PlacedEdge): void {
  if (e.points.length < 2) return;
  const g = p.el(parent, "g", { class: "flow", ...edgeData(e) });
  p.el(g, "title", {}, e.tooltip);
  p.el(g, "path", {
    d: pathData(e.points), stroke: e.stroke, "stroke-width": e.strokeWidth, "stroke-dasharray": e.dash,
    "stroke-linejoin": "round", "marker-end": `url(#${e.marker})`,
  });
}

function paintEdgeLabel(p: Painter, parent: Element, e: PlacedEdge): void {
  if (!e.label) return;
  const g = p.el(parent, "g", { class: "flow-label", ...edgeData(e) });
  p.el(g, "title", {}, e.tooltip);
  p.el(g, "rect", {
    x: e.label.x, y: e.label.y, width: e.label.width, height: e.label.height, rx: 4,
    fill: "#ffffff", stroke: e.label.stroke, "stroke-width": 1,
  });
  for (const t of e.label.text) paintText(p, g, t);
}

function paintLegend(p: Painter, parent: Element, legend: LaidOutMap["legend"]): void {
  p.el(parent, "rect", { ...legend.box, rx: 6, fill: "#fafbfc", stroke: "#d0d7de", "stroke-width": 1 });
  paintText(p, parent, legend.title);
  for (const item of legend.items) paintLegendItem(p, parent, item);
}

function paintLegendItem(p: Painter, parent: Element, item: PlacedLegendItem): void {
  const s = item.swatch;
  if (s.line) {
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
