/** The map renderer: CheckResult -> ELK graph -> laid-out target -> SVG text.
 *
 *  `renderMap` refuses a model with syntax errors (`result.complete === false`) and a map whose
 *  graph and layout together overrun `timeLimitMs` by throwing `MapRenderError` (`code` says which; `message` is for the
 *  user). It throws nothing else on user input. */
import type { CheckResult } from "../check/index.js";
import { MapRenderError } from "./errors.js";
import { startElk, timeoutMessage } from "./elk-run.js";
import { buildMapGraph } from "./graph.js";
import { layoutMap } from "./layout.js";
import { loadMeasurer, tableMeasurer } from "./measure.js";
import { writeSvg } from "./svg.js";
import type { LaidOutMap, MapGraph, MapStats } from "./types.js";
import type { MapView } from "./views.js";

export { MapRenderError, type MapRenderErrorCode } from "./errors.js";
export type { LaidOutMap, MapGraph, MapStats } from "./types.js";
export { countriesOf, onlyKinds, viewKinds, viewProblem, viewSuffix, type MapView, type OnlyKind, type ViewKind } from "./views.js";

export interface RenderOptions {
  /** Bound on building the map's graph and laying it out; default 60 s. */
  timeLimitMs?: number;
  /** Which part of the model to draw, and how (default: the whole model, system by system).
   *  Check it with `viewProblem` first: a view naming what the model lacks draws an empty map. */
  view?: MapView;
}

export interface RenderedMap {
  svg: string;
  stats: MapStats;
}

const defaultTimeLimitMs = 60_000;

export async function renderMap(result: CheckResult, options: RenderOptions = {}): Promise<RenderedMap> {
  assertComplete(result);
  const elk = startElk(); // before measuring text, so ELK loads meanwhile
  // The limit bounds the whole map: building its graph (measuring every label) counts too.
  const limit = options.timeLimitMs ?? defaultTimeLimitMs;
  const started = performance.now();
  const graph = await mapGraphOf(result, options.view);
  const left = limit - (performance.now() - started);
  if (left <= 0) throw new MapRenderError("layout-timeout", timeoutMessage(graph.elk, limit));
  const laying = layoutMap(graph, left, elk, limit);
  // svgdom (which the writer needs) loads while ELK lays the map out in its worker.
  const writing = import("svgdom");
  const [laid] = await Promise.all([laying, writing]);
  return { svg: await writeSvg(laid), stats: graph.stats };
}

function assertComplete(result: CheckResult): void {
  if (!result.complete) {
    throw new MapRenderError("incomplete-model", `${result.source.path} has syntax errors; fix them before rendering the map`);
  }
}

/** Starts ELK now, in the background, for a caller that will render once its models are checked
 *  (the worker and ELK's 1.5 MB bundle load meanwhile). */
export function prepareRenderer(): void {
  startElk();
}

/** Stage 1 alone (for goldens and debugging). */
export async function mapGraphOf(result: CheckResult, view: MapView = {}): Promise<MapGraph> {
  assertComplete(result);
  // Most maps need only the advance table; a map with other characters is measured again in full.
  const quick = tableMeasurer();
  const graph = buildMapGraph(result, quick, view);
  return quick.missed ? buildMapGraph(result, await loadMeasurer(), view) : graph;
}

/** Stages 1 and 2 (for goldens and debugging). */
export async function laidOutMapOf(result: CheckResult, options: RenderOptions = {}): Promise<LaidOutMap> {
  return layoutMap(await mapGraphOf(result, options.view), options.timeLimitMs ?? defaultTimeLimitMs);
}
