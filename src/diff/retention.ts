/** A retention that changed: lengthened, shortened, or changed in a way no length compares. */
import { compareRetention } from "../check/retention.js";
import type { Retention } from "../model/model.js";

type Span = Retention["span"];

export type Direction = "longer" | "shorter" | "same" | "changed";

const unstated = (span: Span): Retention => ({ kind: "unspecified", text: "none stated", span });

/** `undefined` when the two say the same. A limit that is dropped (to `unspecified`, or none) or
 *  made `indefinite` is a lengthening: what was bounded no longer is. A limit stated where there
 *  was none is a shortening. Otherwise the durations are compared (`compareRetention`: months and
 *  years in days, `until event + n` against the same event); what cannot be compared (a duration
 *  against an event) has changed, in no known direction. */
export function retentionChange(before: Retention | undefined, after: Retention | undefined, span: Span): { direction: Direction; before: string; after: string } | undefined {
  const b = before ?? unstated(span);
  const a = after ?? unstated(span);
  if (b.text === a.text && b.statement === a.statement) return undefined;
  const shown = { before: b.text, after: a.text };
  const bounded = (r: Retention) => r.kind !== "unspecified" && r.kind !== "indefinite";
  if (a.kind === "indefinite" && b.kind !== "indefinite") return { direction: "longer", ...shown };
  if (b.kind === "indefinite" && a.kind !== "indefinite") return { direction: "shorter", ...shown };
  if (a.kind === "unspecified" && bounded(b)) return { direction: "longer", ...shown };
  if (b.kind === "unspecified" && bounded(a)) return { direction: "shorter", ...shown };
  const longer = compareRetention(a, b);
  const shorter = compareRetention(b, a);
  if (longer === "longer") return { direction: "longer", ...shown };
  if (shorter === "longer") return { direction: "shorter", ...shown };
  if (longer === "not-longer" && shorter === "not-longer") return { direction: "same", ...shown };
  return { direction: "changed", ...shown };
}

export const directionWords: Record<Direction, string> = {
  longer: "lengthened",
  shorter: "shortened",
  same: "reworded (the same length)",
  changed: "changed",
};
