/** The HTML report: one self-contained page per model (the map with filters and details, the
 *  findings, the register). `reportHtml` is pure over the check result, the map and the register;
 *  `renderReport` renders the map and derives the register first (for `flowmap report`).
 *  Like `renderMap`, it throws `MapRenderError` for a model with syntax errors or a map whose
 *  layout overruns its time limit, and nothing else on user input. */
import type { CheckResult } from "../check/index.js";
import { renderMap, type RenderOptions } from "../render/index.js";
import { buildRegister, defaultRecord } from "../register/index.js";
import { reportDocument, type ReportInput } from "./document.js";

export { contentSecurityPolicy, cspHash, scriptJson, type ReportInput } from "./document.js";
export { reportData, type ReportData } from "./data.js";

/** A model with more systems than this gets the overview map too (systems counted per place, the
 *  transfers between places), and the page opens on it: the system-by-system map of such a model is
 *  a wall of wires at any zoom that shows a whole of it. The seeds (4 to 7 systems) have none. */
export const overviewFromSystems = 30;

export function needsOverview(result: CheckResult): boolean {
  return result.model.systems.length > overviewFromSystems;
}

export function reportHtml(input: ReportInput): string {
  return reportDocument(input);
}

export async function renderReport(result: CheckResult, options: RenderOptions = {}): Promise<string> {
  const { svg } = await renderMap(result, options);
  const overview = needsOverview(result) ? (await renderMap(result, { ...options, view: { kind: "overview" } })).svg : undefined;
  return reportHtml({ result, svg, overview, register: buildRegister(result, defaultRecord(result)) });
}
