/** Text blocks shared by the map's views: wrapping and measuring lines, the header, counts. */
import type { Transfer } from "../check/transfers.js";
import type { Diagnostic } from "../diagnostics.js";
import type { Model } from "../model/model.js";
import { clampLines, wrapText, type TextMeasurer } from "./measure.js";
import { cleanText } from "./sanitize.js";
import { font, ink, lineHeight } from "./style.js";
import type { MapStats, TextBlock, TextLine } from "./types.js";

export function line(text: string, size: number, color: string, bold = false): TextLine {
  return bold ? { text, size, color, bold } : { text, size, color };
}

export function wrapped(m: TextMeasurer, text: string, width: number, size: number, color: string, bold = false, max = 3): TextLine[] {
  return clampLines(m, wrapText(m, cleanText(text), width, size, bold), max, width, size, bold).map((t) => line(t, size, color, bold));
}

export function block(m: TextMeasurer, lines: TextLine[], padX: number, padY: number, minWidth = 0): TextBlock {
  if (!lines.length) return { lines, width: 0, height: 0, padX: 0, padY: 0 };
  const textWidth = Math.max(...lines.map((l) => m.width(l.text, l.size, l.bold)));
  const height = lines.reduce((h, l) => h + lineHeight(l.size), 0);
  return { lines, width: Math.ceil(Math.max(minWidth, textWidth + 2 * padX)), height: Math.ceil(height + 2 * padY), padX, padY };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function nameOf(list: { id: string; name: string }[], id: string): string {
  return list.find((x) => x.id === id)?.name ?? id;
}

export function findingsLine(found: Diagnostic[]): TextLine | undefined {
  const errors = found.filter((d) => d.severity === "error").length;
  const warnings = found.filter((d) => d.severity === "warning").length;
  if (!errors && !warnings) return undefined;
  const parts = [errors ? plural(errors, "error") : "", warnings ? plural(warnings, "warning") : ""].filter(Boolean);
  return line(parts.join(", "), font.detail, errors ? ink.error : ink.warning, true);
}

/** Title, dates and regime, counts, and (for a narrowed view) what it shows. */
export function headerBlock(model: Model, transfers: Transfer[], stats: MapStats, m: TextMeasurer, view: string, hint = ""): TextBlock {
  const meta = [model.updated ? `Updated ${model.updated}` : "", `Regime: ${model.regime.toUpperCase().replace("_", " ")}`, model.organization?.name ?? ""]
    .filter(Boolean)
    .join(" · ");
  return block(m, [
    ...wrapped(m, model.title, 900, font.title, ink.text, true, 2),
    line(cleanText(meta), font.subtitle, ink.muted),
    line(caption(transfers, stats), font.subtitle, ink.text),
    ...(view ? wrapped(m, `View: ${view}`, 900, font.subtitle, ink.text, true, 2) : []),
    ...(hint ? wrapped(m, hint, 900, font.subtitle, ink.muted, false, 2) : []),
  ], 0, 0);
}

function caption(transfers: Transfer[], stats: MapStats): string {
  const uncovered = transfers.filter((t) => t.verdict === "not-covered").length;
  return [
    plural(stats.systems, "system"),
    plural(stats.flows, "flow"),
    `${plural(transfers.length, "cross-border transfer")}${uncovered ? ` (${uncovered} not covered)` : ""}`,
    `findings: ${plural(stats.errors, "error")}, ${plural(stats.warnings, "warning")}`,
  ].join(" · ");
}
