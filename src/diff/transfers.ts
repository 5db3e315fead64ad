/** Transfers compared: new transfers and destinations, grounds and verdicts that changed, and the
 *  third countries the model's data newly reaches. Read from the check stage's transfers, which the
 *  map and the register read too. */
import { placeLabel, type Destination, type Transfer, type Verdict } from "../check/transfers.js";
import type { Flow } from "../model/model.js";
import type { Change, Part } from "./types.js";
import { atBase, atHead, change, type ModelSide } from "./change.js";

const rank: Record<Verdict, number> = { adequacy: 0, safeguard: 1, derogation: 2, "not-covered": 3 };

const verdictWords: Record<Verdict, string> = {
  adequacy: "covered by adequacy",
  safeguard: "covered by a safeguard",
  derogation: "resting on a derogation",
  "not-covered": "not covered",
};

const destinationParts = (d: Destination): Part[] => [{ user: placeLabel(d.place) }, `: ${verdictWords[d.verdict]} (`, { user: d.basis }, ")"];
const ends = (t: Transfer): Part[] => [{ code: t.from }, " -> ", { code: t.to }];
const destinationData = (d: Destination) => ({ place: d.place, zone: d.zone, verdict: d.verdict, basis: d.basis });

export function compareTransfers(base: ModelSide, head: ModelSide, flowIds: Map<string, string>): Change[] {
  const out: Change[] = [];
  const headFlows = new Map(head.model.flows.map((f) => [f.id, f]));
  const baseFlows = new Map(base.model.flows.map((f) => [f.id, f]));
  const before = new Map<string, Transfer>();
  for (const t of base.transfers) {
    const id = flowIds.get(t.flow);
    if (id !== undefined) before.set(id, t);
  }
  const at = (f: Flow | undefined) => (f ? atHead(f.span, "mechanism", f.spans) : undefined);
  const seen = new Set<string>();
  for (const t of head.transfers) {
    const flow = headFlows.get(t.flow);
    const old = before.get(t.flow);
    seen.add(t.flow);
    if (!old) {
      out.push(change("transfer-added", "transfer", t.flow, ["new transfer ", ...ends(t), " to ", ...t.destinations.flatMap((d, i) => [...(i ? ["; "] : []), ...destinationParts(d)])], {
        details: { flow: t.flow, from: t.from, to: t.to, onward: t.onward, verdict: t.verdict, destinations: t.destinations.map(destinationData) },
        importance: "high", conditions: ["new-transfer"], ...(at(flow) && { at: at(flow) }),
      }));
      continue;
    }
    const was = new Map(old.destinations.map((d) => [d.place, d]));
    for (const d of t.destinations) {
      const prior = was.get(d.place);
      if (!prior) {
        out.push(change("transfer-destination-added", "transfer", t.flow, ["transfer ", ...ends(t), " now also reaches ", ...destinationParts(d)], {
          field: "destinations", after: destinationData(d), details: { flow: t.flow, from: t.from, to: t.to }, importance: "high", conditions: ["new-transfer"], ...(at(flow) && { at: at(flow) }),
        }));
      } else if (prior.verdict !== d.verdict || prior.basis !== d.basis) {
        const worse = rank[d.verdict] > rank[prior.verdict];
        const verdictChanged = prior.verdict !== d.verdict;
        out.push(change("transfer-changed", "transfer", t.flow, [
          "transfer ", ...ends(t), " to ", { user: placeLabel(d.place) }, verdictChanged ? `: from ${verdictWords[prior.verdict]} to ${verdictWords[d.verdict]} (` : ": ground changed from ",
          ...(verdictChanged ? [{ user: d.basis }, ")"] : [{ user: prior.basis }, " to ", { user: d.basis }]),
        ], {
          field: verdictChanged ? "verdict" : "basis", before: { verdict: prior.verdict, basis: prior.basis }, after: { verdict: d.verdict, basis: d.basis },
          details: { flow: t.flow, place: d.place, worse }, importance: worse ? "high" : "medium", ...(at(flow) && { at: at(flow) }),
        }));
      }
    }
    const now = new Set(t.destinations.map((d) => d.place));
    for (const d of old.destinations) {
      if (now.has(d.place)) continue;
      out.push(change("transfer-destination-removed", "transfer", t.flow, ["transfer ", ...ends(t), " no longer reaches ", { user: placeLabel(d.place) }], {
        field: "destinations", before: destinationData(d), details: { flow: t.flow }, importance: "low", ...(at(flow) && { at: at(flow) }),
      }));
    }
  }
  for (const t of base.transfers) {
    const id = flowIds.get(t.flow);
    if (id !== undefined && seen.has(id)) continue;
    const f = baseFlows.get(t.flow);
    out.push(change("transfer-removed", "transfer", t.flow, ["transfer ", ...ends(t), " to ", ...t.destinations.flatMap((d, i) => [...(i ? ", " : []), { user: placeLabel(d.place) }]), " removed"], {
      details: { flow: t.flow, from: t.from, to: t.to, destinations: t.destinations.map(destinationData) }, importance: "low", ...(f && { at: atBase(f.span) }),
    }));
  }
  out.push(...thirdCountries(base.transfers, head.transfers, headFlows));
  return out;
}

/** Countries (or unknown places) outside the EEA that some transfer reaches on the head side and
 *  none on the base side. */
function thirdCountries(base: Transfer[], head: Transfer[], flows: Map<string, Flow>): Change[] {
  const reached = new Set(base.flatMap((t) => t.destinations.map((d) => d.place)));
  const fresh = new Map<string, Transfer[]>();
  for (const t of head) for (const d of t.destinations) if (!reached.has(d.place)) fresh.set(d.place, [...(fresh.get(d.place) ?? []), t]);
  return [...fresh].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([place, transfers]) => {
    const first = flows.get(transfers[0]!.flow);
    return change("third-country-added", "transfer", place, ["data now reaches ", { user: placeLabel(place) }, ", by ", ...transfers.flatMap((t, i) => [...(i ? ", " : []), ...ends(t)])], {
      details: { place, label: placeLabel(place), flows: transfers.map((t) => t.flow) }, importance: "high", conditions: ["new-third-country"],
      ...(first && { at: atHead(first.span) }),
    });
  });
}
