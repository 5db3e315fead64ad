/** The findings inside a node's declaration, found by binary search: filtering every finding for
 *  every system and flow made the map's graph quadratic (a dense 10 MB model spent minutes there,
 *  before the layout's time limit could start). */
import type { Diagnostic, Span } from "../diagnostics.js";

export class FindingsIndex {
  private byFile = new Map<string, Diagnostic[]>();

  constructor(diagnostics: Diagnostic[]) {
    for (const d of diagnostics) {
      let list = this.byFile.get(d.span.file);
      if (!list) this.byFile.set(d.span.file, (list = []));
      list.push(d);
    }
    // Stable: findings that start together keep the checker's order.
    for (const list of this.byFile.values()) list.sort((a, b) => a.span.start - b.span.start);
  }

  /** Findings that start inside `span` (at its start when it is empty), in order. */
  within(span: Span): Diagnostic[] {
    const list = this.byFile.get(span.file);
    if (!list) return [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.span.start < span.start) lo = mid + 1;
      else hi = mid;
    }
    const end = Math.max(span.end, span.start + 1);
    const out: Diagnostic[] = [];
    for (let i = lo; i < list.length && list[i]!.span.start < end; i++) out.push(list[i]!);
    return out;
  }
}
