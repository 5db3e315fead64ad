/** ELK's settings for the maps: one place, so the views and the bench agree. */
import type { LayoutOptions } from "elkjs/lib/elk-api.js";
import type { LabelDetail } from "./labels.js";
import type { TextBlock } from "./types.js";

const pad = { containerX: 14, containerBottom: 14, containerTitleGap: 10 };

/** Small maps get ELK's careful settings and keep model order; bigger ones get the cheap settings
 *  (considerModelOrder alone costs 2-3x on a 200-system map). NETWORK_SIMPLEX placement only on small maps. */
export function rootOptions(detail: LabelDetail): LayoutOptions {
  const small = detail === "full";
  return {
    "elk.algorithm": "layered",
    "elk.direction": "RIGHT",
    "elk.hierarchyHandling": "INCLUDE_CHILDREN",
    "elk.edgeRouting": "ORTHOGONAL",
    "elk.json.shapeCoords": "ROOT",
    "elk.json.edgeCoords": "ROOT",
    "elk.edgeLabels.placement": "CENTER",
    "elk.layered.considerModelOrder.strategy": small ? "NODES_AND_EDGES" : "NONE",
    // On big maps, breaking cycles by model order is ~20% faster and narrower; on small ones
    // ELK's greedy choice reads better (a CDN between browser and servers stays in between).
    ...(!small && { "elk.layered.cycleBreaking.strategy": "MODEL_ORDER" }),
    "elk.layered.thoroughness": small ? "10" : "1",
    "elk.layered.nodePlacement.strategy": small ? "NETWORK_SIMPLEX" : "BRANDES_KOEPF",
    ...(!small && { "elk.layered.mergeEdges": "true" }),
    ...(detail === "none" && { "elk.layered.crossingMinimization.greedySwitch.type": "OFF" }),
    "elk.spacing.nodeNode": "28",
    "elk.layered.spacing.nodeNodeBetweenLayers": "48",
    "elk.spacing.edgeNode": "18",
    "elk.layered.spacing.edgeNodeBetweenLayers": "18",
    "elk.spacing.edgeEdge": "12",
    "elk.layered.spacing.edgeEdgeBetweenLayers": "12",
    "elk.spacing.edgeLabel": "6",
    "elk.spacing.componentComponent": "40",
    "elk.padding": "[top=0,left=0,bottom=0,right=0]",
  };
}

export function containerOptions(title: TextBlock): LayoutOptions {
  const top = title.height + pad.containerTitleGap + 8;
  return {
    "elk.padding": `[top=${top},left=${pad.containerX},bottom=${pad.containerBottom},right=${pad.containerX}]`,
    "elk.nodeSize.constraints": "MINIMUM_SIZE",
    "elk.nodeSize.minimum": `(${title.width}, ${top + 20})`,
  };
}
