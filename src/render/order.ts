/** Which drawn edges run against the map's reading direction. ELK reverses such edges itself but
 *  then routes them out of the receiver's far side and round the layers between, which on a seed
 *  map wrapped one flow round the whole map. Turned forward here, an edge is routed like any other
 *  and drawn with its arrowhead at the start. Pure and deterministic. */

export interface DirectedEdge {
  from: string;
  to: string;
}

/** Indexes of the edges to reverse: every edge from a server side into the data subjects' devices
 *  (data going back to the user, who sits at the map's left), then the back edges of a depth-first
 *  search in the given order, starting from the nodes nothing flows into, so what remains is acyclic. */
export function backEdges(nodes: string[], edges: DirectedEdge[], clientSide: (id: string) => boolean): Set<number> {
  const reversed = new Set<number>();
  const out = new Map<string, { to: string; index: number }[]>(nodes.map((n) => [n, []]));
  const incoming = new Set<string>();
  edges.forEach((e, index) => {
    if (e.from === e.to) return;
    if (clientSide(e.to) && !clientSide(e.from)) {
      reversed.add(index);
      out.get(e.to)?.push({ to: e.from, index: -1 });
      incoming.add(e.from);
      return;
    }
    out.get(e.from)?.push({ to: e.to, index });
    incoming.add(e.to);
  });
  const state = new Map<string, 1 | 2>(); // 1: on the stack, 2: done
  const roots = [...nodes.filter((n) => !incoming.has(n)), ...nodes.filter((n) => incoming.has(n))];
  for (const root of roots) {
    if (state.has(root)) continue;
    // Iterative: a chain of thousands of systems must not overflow the stack.
    const stack: { node: string; next: number }[] = [{ node: root, next: 0 }];
    state.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const list = out.get(top.node) ?? [];
      if (top.next >= list.length) {
        state.set(top.node, 2);
        stack.pop();
        continue;
      }
      const { to, index } = list[top.next++]!;
      const seen = state.get(to);
      if (seen === 1) {
        if (index >= 0) reversed.add(index);
      } else if (seen === undefined) {
        state.set(to, 1);
        stack.push({ node: to, next: 0 });
      }
    }
  }
  return reversed;
}
