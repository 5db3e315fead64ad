/** Comparing two retentions: is the first longer than the second allows? */
import type { Retention } from "../model/model.js";

export type Comparison = "longer" | "not-longer" | "unknown";

export function compareRetention(kept: Retention, allowed: Retention): Comparison {
  if (allowed.kind === "indefinite") return "not-longer";
  if (allowed.kind === "unspecified") return "unknown";
  if (kept.kind === "indefinite") return "longer";
  // A purpose that keeps nothing (`not_applicable`) is exceeded by any line that keeps its data.
  if (kept.kind === "not_applicable") return "not-longer";
  if (allowed.kind === "not_applicable") return "longer";
  // Data a purpose keeps in memory only is kept longer by any `stores` line that writes it down.
  if (allowed.kind === "memory") return kept.kind === "memory" ? "not-longer" : "longer";
  // Otherwise "unspecified" is how long nobody said: it cannot be shown to exceed anything.
  if (kept.kind === "unspecified") return "unknown";
  if (allowed.kind === "session") {
    if (kept.kind === "memory" || kept.kind === "session") return "not-longer";
    if (kept.kind === "duration") return kept.duration!.days > 1 ? "longer" : "unknown";
    return "longer";
  }
  if (kept.kind === "memory" || kept.kind === "session") return "not-longer";
  if (allowed.kind === "duration" && kept.kind === "duration") return kept.duration!.days > allowed.duration!.days ? "longer" : "not-longer";
  if (allowed.kind === "event" && kept.kind === "event" && allowed.event === kept.event) {
    return (kept.plus?.days ?? 0) > (allowed.plus?.days ?? 0) ? "longer" : "not-longer";
  }
  return "unknown";
}
