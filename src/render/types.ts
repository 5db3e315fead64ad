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

/** What the SVG's data-* attributes say about a drawn element (the HTML report finds the model's
 *  parts by them): a contract, kept on every view. */
export interface ContainerRef {
  /** The container's id on the map (`data-place`). */
  place: string;
  /** ISO 3166 alpha-2 code when the place is one country (`data-country`). */
  country?: string;
}

export interface EdgeRef {
  /** Indexes into `model.flows` of the flows this drawn edge stands for (`data-flows`). */
  flows: number[];
  /** System ids in the model (`data-from`, `data-to`). */
  from: string;
  to: string;
}

export interface ContainerInfo {
  ref: ContainerRef;
  title: TextBlock;
  style: BoxStyle;
  tooltip: string;
}

export interface SystemInfo {
  /** The system's id in the model (`data-system`). */
  modelId: string;
  text: TextBlock;
  style: BoxStyle;
  tooltip: string;
  /** Error count shown in a corner badge; 0 for none. */
  badge: number;
}

export interface EdgeInfo {
  ref: EdgeRef;
  label: TextBlock;
  styleKey: string;
  stroke: string;
  strokeWidth: number;
  dash?: string;
  tooltip: string;
  labelStroke: string;
}

export interface LegendItem {
  kind: "zone" | "edge";
  text: string;
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

export interface PlacedContainer extends Box {
  id: string;
  ref: ContainerRef;
  style: BoxStyle;
  tooltip: string;
  text: PlacedText[];
}

export interface PlacedSystem extends Box {
  id: string;
  modelId: string;
  style: BoxStyle;
  tooltip: string;
  text: PlacedText[];
  badge?: { x: number; y: number; r: number; text: string };
}

export interface PlacedEdge {
  id: string;
  ref: EdgeRef;
  points: [number, number][];
  stroke: string;
  strokeWidth: number;
  dash?: string;
  marker: string;
  tooltip: string;
  label?: Box & { stroke: string; text: PlacedText[] };
}

export interface PlacedLegendItem {
  swatch: Box & { fill: string; stroke: string; strokeWidth: number; dash?: string; line: boolean; marker?: string };
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
}
