/** The legend: every mark the map can carry, whether or not this map uses it (a reader compares
 *  maps; a legend that changes from map to map is one more thing to learn). */
import type { TextMeasurer } from "./measure.js";
import { edgeOrder, edgeStyles, font, ink, zoneOrder, zoneStyles } from "./style.js";
import type { LegendItem } from "./types.js";

/** The system box with error findings: a red frame. */
export const flaggedBox = { fill: "#fff5f5", stroke: ink.error, strokeWidth: 2.5 };

export function legendItems(m: TextMeasurer): LegendItem[] {
  const zones: LegendItem[] = zoneOrder.map((z) => {
    const s = zoneStyles[z];
    return { kind: "zone", text: s.label, fill: s.fill, stroke: s.stroke, strokeWidth: 1.25, ...(s.dash && { dash: s.dash }), textWidth: 0 };
  });
  const flagged: LegendItem = { kind: "zone", text: "System with error findings", ...flaggedBox, textWidth: 0 };
  const edges: LegendItem[] = edgeOrder.map((k) => {
    const s = edgeStyles[k];
    return { kind: "edge", text: s.label, fill: "none", stroke: s.stroke, strokeWidth: s.width, ...(s.dash && { dash: s.dash }), marker: `arrow-${k}`, textWidth: 0 };
  });
  const marks: LegendItem[] = [
    { kind: "callout", sample: "1", text: "Finding number, errors (see the list)", fill: ink.error, stroke: "#ffffff", strokeWidth: 1.5, textWidth: 0 },
    { kind: "callout", sample: "2", text: "Finding number, warnings only", fill: ink.warning, stroke: "#ffffff", strokeWidth: 1.5, textWidth: 0 },
    { kind: "tag", sample: "Art. 9", text: "special-category data on the flow", fill: "#ffffff", stroke: ink.special, strokeWidth: 1.5, textWidth: 0 },
    { kind: "tag", sample: "SCC", text: "the ground a transfer rests on (SCC, BCR, DPF, Art. 49)", fill: "#ffffff", stroke: edgeStyles.safeguard.stroke, strokeWidth: 1, textWidth: 0 },
  ];
  return [...zones, flagged, ...edges, ...marks].map((item) => ({ ...item, textWidth: Math.ceil(m.width(item.text, font.legend)) }));
}
