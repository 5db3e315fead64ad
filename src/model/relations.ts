/** Derived views of a model that several stages need (rules, map, register): computed once per model. */
import type { DataCategory, Flow, Model, Purpose, Store, System } from "./model.js";

export interface StoredItem {
  system: System;
  store: Store;
  data: string;
  /** The purposes the item is kept for: as written, or inferred when `stores` names none. */
  purposes: string[];
  inferred: boolean;
}

export class Relations {
  readonly systems: Map<string, System>;
  readonly purposes: Map<string, Purpose>;
  readonly data: Map<string, DataCategory>;
  readonly flowsByPurpose = new Map<string, Flow[]>();
  readonly flowsInto = new Map<string, Flow[]>();
  readonly stored: StoredItem[] = [];

  constructor(readonly model: Model) {
    this.systems = new Map(model.systems.map((s) => [s.id, s]));
    this.purposes = new Map(model.purposes.map((p) => [p.id, p]));
    this.data = new Map(model.data.map((d) => [d.id, d]));
    for (const f of model.flows) {
      for (const p of f.purposes) push(this.flowsByPurpose, p.id, f);
      push(this.flowsInto, f.to.id, f);
    }
    for (const system of model.systems) {
      for (const store of system.stores) {
        for (const d of store.data) {
          const written = store.purposes.map((p) => p.id);
          const purposes = written.length ? written : this.inferPurposes(system, d.id);
          this.stored.push({ system, store, data: d.id, purposes, inferred: written.length === 0 });
        }
      }
    }
  }

  /** Purposes that declare the data and whose flows bring it into the system; without such flows,
   *  every purpose that declares the data. */
  private inferPurposes(system: System, data: string): string[] {
    const declaring = this.model.purposes.filter((p) => p.data.some((r) => r.id === data)).map((p) => p.id);
    const arriving = new Set<string>();
    for (const f of this.flowsInto.get(system.id) ?? []) {
      if (!f.data.some((r) => r.id === data)) continue;
      for (const p of f.purposes) if (declaring.includes(p.id)) arriving.add(p.id);
    }
    return arriving.size ? declaring.filter((p) => arriving.has(p)) : declaring;
  }

  /** Systems a purpose's flows touch, in model order. */
  systemsOfPurpose(purpose: string): System[] {
    const ids = new Set<string>();
    for (const f of this.flowsByPurpose.get(purpose) ?? []) {
      ids.add(f.from.id);
      ids.add(f.to.id);
    }
    for (const s of this.stored) if (s.purposes.includes(purpose)) ids.add(s.system.id);
    return this.model.systems.filter((s) => ids.has(s.id));
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const cache = new WeakMap<Model, Relations>();
export function relationsOf(model: Model): Relations {
  let r = cache.get(model);
  if (!r) cache.set(model, (r = new Relations(model)));
  return r;
}
