/** Data passed between the render stages. All of it is plain JSON. */
import type { ElkNode } from "elkjs/lib/elk-api.js";

export interface TextLine {
  text: string;
  size: number;
  color: string;
  bold?: boolean;
}

/** A block of lines and the box it needs (text width + padding). */
export interface TextBlock {
  lines: TextLine[];
  width: number;
  height: number;
  /** Padding included in width and height, so the layout can place the lines inside. */
  padX: number;
  padY: number;
}

export interface BoxStyle {
  fill: string;
  stroke: string;
  strokeWidth: number;
  dash?: string;
}

/** The SVG's data-* attributes of a drawn element, name (without `data-`) -> value, in order. They
 *  are a contract the HTML report reads (README, "The map's data attributes"): `system` on a
 *  system; `place` and, for a country, `country` on a place; `flows` (indexes into model.flows),
 *  `from` and `to` on a flow and its label. Kept on every view. */
export type DataAttrs = Record<string, string>;

export interface NoteEntry {
  text: TextBlock;
  callout?: Callout;
}

/** A numbered marker tying a drawn element to its entry in the findings list. */
export interface Callout {
  number: number;
  /** What it shows, when not just its number ("4–11": the purposes a flow serves). */
  text?: string;
  /** Red with errors, amber with warnings only. */
  color: string;
}

export interface ContainerInfo {
  /** `place` for a place, `zone` for the overview's zone boxes. */
  cls: "place" | "zone";
  data: DataAttrs;
  title: TextBlock;
  style: BoxStyle;
  tooltip: string;
}

export interface SystemInfo {
  /** `system` for a system, `place` for a place drawn as one box (the overview), `connector` for
   *  where a flow continues in another row (wrap.ts). */
  cls: "system" | "place" | "connector";
  data: DataAttrs;
  text: TextBlock;
  style: BoxStyle;
  tooltip: string;
  callouts: Callout[];
}

export interface EdgeInfo {
  data: DataAttrs;
  /** The ELK edge runs from the flow's receiver to its sender (a back edge turned forward, so it
   *  is not routed round the whole map): the arrowhead goes at the path's start. */
  reversed: boolean;
  callouts: Callout[];
  label: TextBlock;
  styleKey: string;
  stroke: string;
  strokeWidth: number;
  dash?: string;
  tooltip: string;
  labelStroke: string;
}

export interface LegendItem {
  kind: "zone" | "edge" | "callout" | "tag";
  text: string;
  /** What a callout or tag swatch shows ("1", "Art. 9"). */
  sample?: string;
  fill: string;
  stroke: string;
  strokeWidth: number;
  dash?: string;
  marker?: string;
  textWidth: number;
}

export interface MapStats {
  systems: number;
  flows: number;
  transfers: number;
  errors: number;
  warnings: number;
}

/** What graph.ts produces: the ELK input plus everything the writer needs, keyed by ELK id. */
export interface MapGraph {
  elk: ElkNode;
  header: TextBlock;
  description: string;
  containers: Record<string, ContainerInfo>;
  systems: Record<string, SystemInfo>;
  edges: Record<string, EdgeInfo>;
  legend: LegendItem[];
  /** The findings list beside the map: one block per numbered entry, then any closing note. */
  notes: NoteEntry[];
  /** How much the labels say ("overview" for the overview); a full-label map may be wrapped. */
  detail: "full" | "compact" | "none" | "overview";
  stats: MapStats;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedText {
  text: string;
  x: number;
  y: number;
  size: number;
  color: string;
  bold?: boolean;
  anchor?: "start" | "middle";
}

export interface PlacedCallout {
  /** The centre. */
  x: number;
  y: number;
  r: number;
  /** A pill wider than the circle when the text is long. */
  width: number;
  text: string;
  color: string;
}

export interface PlacedContainer extends Box {
  id: string;
  cls: "place" | "zone";
  data: DataAttrs;
  style: BoxStyle;
  tooltip: string;
  text: PlacedText[];
}

export interface PlacedSystem extends Box {
  id: string;
  cls: SystemInfo["cls"];
  data: DataAttrs;
  style: BoxStyle;
  tooltip: string;
  text: PlacedText[];
  callouts: PlacedCallout[];
}

export interface PlacedEdge {
  id: string;
  /** The ELK ids of the boxes it runs between (a system, a place or a connector). */
  ends: [string, string];
  data: DataAttrs;
  /** The arrowhead goes at the first point (see EdgeInfo.reversed). */
  reversed: boolean;
  callouts: PlacedCallout[];
  points: [number, number][];
  stroke: string;
  strokeWidth: number;
  dash?: string;
  marker: string;
  tooltip: string;
  label?: Box & { stroke: string; text: PlacedText[] };
}

export interface PlacedLegendItem {
  swatch: Box & { kind: LegendItem["kind"]; fill: string; stroke: string; strokeWidth: number; dash?: string; marker?: string; sample?: string };
  text: PlacedText;
}

/** The laid-out target: absolute coordinates, rounded, ready to paint. */
export interface LaidOutMap {
  width: number;
  height: number;
  title: string;
  description: string;
  header: PlacedText[];
  containers: PlacedContainer[];
  systems: PlacedSystem[];
  edges: PlacedEdge[];
  markers: { id: string; color: string }[];
  legend: { box: Box; title: PlacedText; items: PlacedLegendItem[] };
  /** Where a long map was cut into rows (wrap.ts): a rule between two rows, as wide as the wider. */
  rowBreaks: { y: number; x1: number; x2: number }[];
  /** The findings list: its frame and text (empty when nothing was found); `more`, the frames it
   *  continues in when it runs round the map (findings-layout.ts), in reading order. */
  notes: { box: Box; title: PlacedText; text: PlacedText[]; callouts: PlacedCallout[]; more?: { box: Box; title: PlacedText }[] } | undefined;
}
