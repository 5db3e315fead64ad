/** Which thing on the base side is which on the head side: by id, and a renamed one by its content
 *  (the same content under another id) or by its unchanged title. Pure. */

export interface Pair<T> {
  base: T;
  head: T;
  /** The id changed: matched by content or title. */
  renamed: boolean;
}

export interface Matching<T> {
  pairs: Pair<T>[];
  added: T[];
  removed: T[];
}

/** Base ids -> head ids, for every kind of thing that can be renamed: base references are read
 *  through it before they are compared with the head's. */
export interface Renames {
  subject: Map<string, string>;
  data: Map<string, string>;
  purpose: Map<string, string>;
  system: Map<string, string>;
}

export function noRenames(): Renames {
  return { subject: new Map(), data: new Map(), purpose: new Map(), system: new Map() };
}

/** `signature` (what a thing is, without its id and title) finds renames whose content is the
 *  same; a title found once on each side finds the others. A signature or title shared by two
 *  things on one side tells nothing, and matches nothing. */
export function match<T extends { id: string; name: string }>(
  base: readonly T[], head: readonly T[],
  signature?: { base: (t: T) => string; head: (t: T) => string },
): Matching<T> {
  const headById = new Map(head.map((h) => [h.id, h]));
  const baseIds = new Set(base.map((b) => b.id));
  const pairs: Pair<T>[] = [];
  let removed: T[] = [];
  for (const b of base) {
    const h = headById.get(b.id);
    if (h) pairs.push({ base: b, head: h, renamed: false });
    else removed.push(b);
  }
  let added = head.filter((h) => !baseIds.has(h.id));
  const pairUp = (keyBase: (t: T) => string, keyHead: (t: T) => string) => {
    const once = (list: T[], key: (t: T) => string) => {
      const count = new Map<string, T[]>();
      for (const t of list) {
        const k = key(t);
        count.set(k, [...(count.get(k) ?? []), t]);
      }
      return new Map([...count].filter(([, v]) => v.length === 1).map(([k, v]) => [k, v[0]!]));
    };
    const baseKeys = once(removed, keyBase);
    const headKeys = once(added, keyHead);
    const taken = new Set<T>();
    for (const [k, b] of baseKeys) {
      const h = headKeys.get(k);
      if (!h) continue;
      pairs.push({ base: b, head: h, renamed: true });
      taken.add(b).add(h);
    }
    removed = removed.filter((t) => !taken.has(t));
    added = added.filter((t) => !taken.has(t));
  };
  if (signature) pairUp(signature.base, signature.head);
  pairUp((t) => t.name, (t) => t.name);
  return { pairs, added, removed };
}

/** The id a base reference has on the head side. */
export function mapped(map: Map<string, string>, id: string): string {
  return map.get(id) ?? id;
}

/** Sorted, de-duplicated: list values compare as sets. */
export function set(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** What is in `after` and not in `before`, and the reverse. */
export function delta(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  const b = new Set(before);
  const a = new Set(after);
  return { added: set(after.filter((x) => !b.has(x))), removed: set(before.filter((x) => !a.has(x))) };
}
