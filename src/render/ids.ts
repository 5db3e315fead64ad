/** Ids on the map: ELK's (from model ids, made safe) and the data-* values a place carries. */
import type { Diagnostic } from "../diagnostics.js";
import type { Model } from "../model/model.js";
import type { MapPlace } from "./places.js";

/** ELK ids from model ids: anything outside [A-Za-z0-9_-] becomes _<hex code point>_. */
export function safeId(raw: string): string {
  return raw.replace(/[^A-Za-z0-9_-]/gu, (c) => `_${c.codePointAt(0)!.toString(16)}_`);
}

export const systemId = (id: string) => `s_${safeId(id)}`;
export const containerId = (place: MapPlace) => `c_${safeId(place.key)}`;

export function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
  used.add(id);
  return id;
}

/** A place's data-* attributes: its container id, and its country when it is one. */
export function placeData(place: MapPlace, id: string): Record<string, string> {
  return { place: id, ...(place.country && { country: place.country }) };
}

/** A finding's place in the sources: the line, and the file when it is not the model's own. */
export function where(model: Model): (d: Pick<Diagnostic, "span">) => string {
  return (d) => (d.span.file === model.file ? `line ${d.span.line}` : `${d.span.file} line ${d.span.line}`);
}
