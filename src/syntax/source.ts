import type { Span } from "../diagnostics.js";

/** A source text with a line table, so offsets become line/column once, at span creation. */
export class SourceFile {
  readonly lineStarts: number[];

  constructor(
    readonly path: string,
    readonly text: string,
  ) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  /** 0-based line index containing `offset`. */
  lineIndexOf(offset: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Span for [start, end), clamped to the text. */
  span(start: number, end: number): Span {
    const len = this.text.length;
    const s = Math.max(0, Math.min(Number.isFinite(start) ? start : len, len));
    const e = Math.max(s, Math.min(Number.isFinite(end) ? end : s, len));
    const line = this.lineIndexOf(s);
    const endLine = this.lineIndexOf(e);
    return {
      file: this.path,
      start: s,
      end: e,
      line: line + 1,
      column: s - this.lineStarts[line]! + 1,
      endLine: endLine + 1,
      endColumn: e - this.lineStarts[endLine]! + 1,
    };
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return "";
    const next = this.lineStarts[line];
    let end = next === undefined ? this.text.length : next;
    while (end > start && (this.text[end - 1] === "\n" || this.text[end - 1] === "\r")) end--;
    return this.text.slice(start, end);
  }
}
