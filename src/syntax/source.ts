import type { Span } from "../diagnostics.js";

/** A span in a source file, stored as its two offsets and its file: the file name and the line
 *  and column numbers are getters, resolved from the file's line table when asked (formatting a
 *  diagnostic), not at parse time. It reads like a plain `Span`; `JSON.stringify` gives the plain
 *  object, and `plain()` makes a copy that can be spread. */
export class SourceSpan implements Span {
  readonly #source: SourceFile;
  declare readonly start: number;
  declare readonly end: number;

  constructor(source: SourceFile, start: number, end: number) {
    this.#source = source;
    this.start = start;
    this.end = end;
  }

  get source(): SourceFile {
    return this.#source;
  }

  get file(): string {
    return this.#source.path;
  }

  get line(): number {
    return this.source.lineIndexOf(this.start) + 1;
  }

  get column(): number {
    const s = this.source;
    return this.start - s.lineStarts[s.lineIndexOf(this.start)]! + 1;
  }

  get endLine(): number {
    return this.source.lineIndexOf(this.end) + 1;
  }

  get endColumn(): number {
    const s = this.source;
    return this.end - s.lineStarts[s.lineIndexOf(this.end)]! + 1;
  }

  /** From this span's start to the end of `other` (in the same file). */
  to(other: Span): Span {
    return this.source.spanAt(this.start, other.end);
  }

  plain(): Span {
    return { file: this.file, start: this.start, end: this.end, line: this.line, column: this.column, endLine: this.endLine, endColumn: this.endColumn };
  }

  toJSON(): Span {
    return this.plain();
  }
}

/** From the start of `a` to the end of `b`: the same as copying `a` with `b`'s end fields. */
export function spanFromTo(a: Span, b: Span): Span {
  if (a instanceof SourceSpan) return a.to(b);
  return { ...a, end: b.end, endLine: b.endLine, endColumn: b.endColumn };
}

/** A source text with a line table; spans keep offsets and resolve lines and columns on demand. */
export class SourceFile {
  readonly lineStarts: number[];

  constructor(
    readonly path: string,
    readonly text: string,
  ) {
    const starts = [0];
    // Without a CR (nearly every file) the line breaks are found by indexOf, not by a loop over
    // every character, which runs interpreted in a cold CLI.
    if (!text.includes("\r")) {
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
      return;
    }
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
    return new SourceSpan(this, s | 0, e | 0);
  }

  /** Span for [start, end), offsets known to be integers in range (the parser's tokens). */
  spanAt(start: number, end: number): SourceSpan {
    return new SourceSpan(this, start, end);
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
