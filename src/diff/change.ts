/** Making a change: its sentence in parts, its place, its importance and the `--fail-on`
 *  conditions it makes occur. */
import type { Model, System } from "../model/model.js";
import type { Transfer } from "../check/transfers.js";
import type { Change, Entity, FailCondition, Importance, Part } from "./types.js";

/** One side's model and the transfers the check stage computed for it. */
export interface ModelSide {
  model: Model;
  transfers: Transfer[];
}

export type Span = System["span"];
export type Node = { id: string; name: string; span: Span; spans: Record<string, Span> };

export const code = (id: string): Part => ({ code: id });
export const user = (text: string): Part => ({ user: text });
/** `a`, `b` and `c` as code. */
export const codes = (ids: readonly string[]): Part[] => ids.flatMap((id, i) => [...(i ? [i === ids.length - 1 ? " and " : ", "] : []), code(id)]);
export const users = (texts: readonly string[]): Part[] => texts.flatMap((t, i) => [...(i ? [", "] : []), user(t)]);

export interface ChangeOptions {
  field?: string;
  before?: unknown;
  after?: unknown;
  details?: Record<string, unknown>;
  importance?: Importance;
  conditions?: FailCondition[];
  at?: Change["at"];
}

export function change(kind: string, entity: Entity, id: string, parts: Part[], o: ChangeOptions = {}): Change {
  return {
    kind, entity, id, ...(o.field !== undefined && { field: o.field }), ...("before" in o && { before: o.before }), ...("after" in o && { after: o.after }),
    ...(o.details && { details: o.details }), importance: o.importance ?? "medium", conditions: o.conditions ?? [], ...(o.at && { at: o.at }), parts,
  };
}

/** The head's place of a node, or of one of its properties. */
export function atHead(span: Span, field?: string, spans?: Record<string, Span>): Change["at"] {
  const s = (field && spans?.[field]) || span;
  return { side: "head", file: s.file, line: s.line };
}

export function atBase(span: Span): Change["at"] {
  return { side: "base", file: span.file, line: span.line };
}

/** A model with nothing in it: what a new model is compared with. */
export function emptyModel(file: string): ModelSide {
  return { model: { file, title: "", regime: "gdpr", subjects: [], data: [], purposes: [], systems: [], flows: [] }, transfers: [] };
}
