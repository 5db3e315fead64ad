/** The map's visual vocabulary, shared by the layout (sizes) and the SVG writer (colours). */
import type { Verdict } from "../check/transfers.js";

export const fontFamily = "Open Sans, Arial, sans-serif";

export type ZoneStyleKey = "devices" | "eea" | "adequate" | "partial" | "third" | "unknown";

export interface ZoneStyle {
  label: string;
  fill: string;
  stroke: string;
  title: string;
  dash?: string;
}

/** Containers are tinted by how protected the place is under Chapter V. */
export const zoneStyles: Record<ZoneStyleKey, ZoneStyle> = {
  devices: { label: "Data subjects' devices", fill: "#f4f1fb", stroke: "#8a76c4", title: "#4b3a8c" },
  eea: { label: "EEA", fill: "#eaf2fc", stroke: "#5b8fd1", title: "#1f4f8f" },
  adequate: { label: "Adequate country", fill: "#eaf6ee", stroke: "#5fa574", title: "#23633a" },
  // Adequacy that reaches only some recipients (the US: DPF-certified; Canada: PIPEDA; Japan: the
  // private sector), every transfer into the box resting on it: a paler green, a long dash.
  partial: { label: "Adequate for its recipients only (DPF, partial)", fill: "#f3faf0", stroke: "#5fa574", title: "#23633a", dash: "10 3 2 3" },
  third: { label: "Third country", fill: "#fdf1e4", stroke: "#d98c3a", title: "#8a4b0b" },
  unknown: { label: "Unknown or global", fill: "#f2f2f2", stroke: "#8c8c8c", title: "#444444", dash: "6 4" },
};

export const zoneOrder: ZoneStyleKey[] = ["devices", "eea", "adequate", "partial", "third", "unknown"];

export type EdgeStyleKey = "internal" | Verdict;

export interface EdgeStyle {
  label: string;
  stroke: string;
  width: number;
  dash?: string;
}

/** Cross-border flows are thicker and coloured by verdict; the dash pattern repeats the
 *  verdict for readers who cannot tell the colours apart. */
export const edgeStyles: Record<EdgeStyleKey, EdgeStyle> = {
  internal: { label: "Flow, no transfer", stroke: "#6b7280", width: 1.5 },
  adequacy: { label: "Transfer: adequacy", stroke: "#187a40", width: 2.75 },
  safeguard: { label: "Transfer: safeguard (SCC, BCR...)", stroke: "#2563c9", width: 2.75, dash: "9 4" },
  derogation: { label: "Transfer: Art. 49 derogation", stroke: "#a35f00", width: 2.75, dash: "2 4" },
  "not-covered": { label: "Transfer: not covered", stroke: "#d0211c", width: 3.5, dash: "12 4 3 4" },
};

export const edgeOrder: EdgeStyleKey[] = ["internal", "adequacy", "safeguard", "derogation", "not-covered"];

/** Every colour used for text (ink, zone titles, verdict strokes on edge labels) keeps at least
 *  4.5:1 contrast on white and on its container's tint (WCAG AA for small text). */
export const ink = { text: "#1f2328", muted: "#57606a", error: "#d0211c", warning: "#a35f00", special: "#7a2f9e", box: "#ffffff", boxStroke: "#8c959f" };

/** Type sizes in px; the measurer and the writer must agree on them. */
export const font = {
  title: 20,
  subtitle: 12.5,
  container: 12.5,
  name: 13.5,
  detail: 11.5,
  edge: 11,
  legend: 11.5,
  notes: 11,
  callout: 10.5,
};

export const lineHeight = (size: number): number => Math.round(size * 1.35 * 10) / 10;
