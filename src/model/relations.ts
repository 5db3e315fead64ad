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
  /** Stored items by their `stores` line, and by data + purpose. */
  readonly storedByStore = new Map<Store, StoredItem[]>();
  private storedByDataPurpose = new Map<string, StoredItem[]>();
  private systemIndex = new Map<string, number>();
  /** Purposes by a data category they declare, in model order (an index: inferring purposes for
   *  every stored item by scanning all purposes made large models quadratic). */
  private purposesDeclaring = new Map<string, string[]>();
  private systemsByPurpose?: Map<string, Set<string>>;
  private purposesBySystem?: Map<string, Set<string>>;

  constructor(readonly model: Model) {
    this.systems = new Map(model.systems.map((s) => [s.id, s]));
    this.purposes = new Map(model.purposes.map((p) => [p.id, p]));
    this.data = new Map(model.data.map((d) => [d.id, d]));
    for (const f of model.flows) {
      for (const p of f.purposes) push(this.flowsByPurpose, p.id, f);
      push(this.flowsInto, f.to.id, f);
    }
    model.systems.forEach((s, i) => this.systemIndex.set(s.id, i));
    for (const p of model.purposes) for (const d of p.data) push(this.purposesDeclaring, d.id, p.id);
    for (const system of model.systems) {
      for (const store of system.stores) {
        for (const d of store.data) {
          const written = store.purposes.map((p) => p.id);
          const purposes = written.length ? written : this.inferPurposes(system, d.id);
          const item = { system, store, data: d.id, purposes, inferred: written.length === 0 };
          this.stored.push(item);
          push(this.storedByStore, store, item);
          for (const p of purposes) push(this.storedByDataPurpose, `${d.id}\u0000${p}`, item);
        }
      }
    }
  }

  /** Purposes that declare the data and whose flows bring it into the system; without such flows,
   *  every purpose that declares the data. */
  private inferPurposes(system: System, data: string): string[] {
    const declaring = this.purposesDeclaring.get(data) ?? [];
    const arriving = new Set<string>();
    for (const f of this.flowsInto.get(system.id) ?? []) {
      if (!f.data.some((r) => r.id === data)) continue;
      for (const p of f.purposes) if (declaring.includes(p.id)) arriving.add(p.id);
    }
    return arriving.size ? declaring.filter((p) => arriving.has(p)) : [...declaring];
  }

  /** Items stored for a purpose under one data category. */
  storedFor(data: string, purpose: string): StoredItem[] {
    return this.storedByDataPurpose.get(`${data}\u0000${purpose}`) ?? [];
  }

  /** Which systems serve which purposes (flows touch them, or they store data for them): built once. */
  private servingIndex(): { systemsByPurpose: Map<string, Set<string>>; purposesBySystem: Map<string, Set<string>> } {
    if (!this.systemsByPurpose || !this.purposesBySystem) {
      const byPurpose = new Map<string, Set<string>>();
      const bySystem = new Map<string, Set<string>>();
      const link = (purpose: string, system: string) => {
        let a = byPurpose.get(purpose);
        if (!a) byPurpose.set(purpose, (a = new Set()));
        a.add(system);
        let b = bySystem.get(system);
        if (!b) bySystem.set(system, (b = new Set()));
        b.add(purpose);
      };
      for (const f of this.model.flows) {
        for (const p of f.purposes) {
          link(p.id, f.from.id);
          link(p.id, f.to.id);
        }
      }
      for (const s of this.stored) for (const p of s.purposes) link(p, s.system.id);
      this.systemsByPurpose = byPurpose;
      this.purposesBySystem = bySystem;
    }
    return { systemsByPurpose: this.systemsByPurpose, purposesBySystem: this.purposesBySystem };
  }

  /** Systems a purpose's flows touch or that store data for it, in model order. */
  systemsOfPurpose(purpose: string): System[] {
    const ids = this.servingIndex().systemsByPurpose.get(purpose);
    if (!ids) return [];
    return [...ids].map((id) => this.systems.get(id)!).filter(Boolean).sort((a, b) => this.systemIndex.get(a.id)! - this.systemIndex.get(b.id)!);
  }

  /** Purposes a system serves, in model order. */
  purposesOfSystem(system: string): string[] {
    const ids = this.servingIndex().purposesBySystem.get(system);
    return ids ? this.model.purposes.filter((p) => ids.has(p.id)).map((p) => p.id) : [];
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
