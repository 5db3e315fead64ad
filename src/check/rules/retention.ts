/** Storage limitation (Art. 5(1)(e)) and the record's time limits for erasure (Art. 30(1)(f)). */
import { defineRule } from "../registry.js";
import { quotedWords } from "../words.js";
import type { RelatedInfo } from "../../diagnostics.js";
import { compareRetention } from "../retention.js";
import type { Model, Purpose, Retention } from "../../model/model.js";
import type { Relations } from "../../model/relations.js";
import { spanFromTo } from "../../syntax/source.js";
import { processedAsProcessor } from "../../model/roles.js";
import { anonymousAsClaimed } from "../anonymity.js";
import { bySameWords } from "../same-words.js";

function quoted(r: Retention | undefined): string {
  return quotedWords(r?.statement);
}

defineRule({
  id: "retention-missing", severity: "warning", title: "No time limit for erasure",
  article: "GDPR Art. 30(1)(f); Art. 5(1)(e); Art. 13(2)(a)",
  description: "The record states, where possible, the time limits for erasure of each category of data, and the privacy notice must give the period or the criteria that set it. \"As long as necessary\" is not a criterion. Reported once on each purpose with no retention or `retention unspecified`, with the `stores` lines that inherit its gap (they set none of their own) as related places, and on a `stores` line whose own retention is `unspecified`, unless everything that line keeps is already reported: for a purpose that states no retention either (the line is then a related place of that purpose's finding), or by `retention-exceeds-purpose` against a purpose's shorter retention. One policy sentence that leaves several purposes open (the same words on their `retention unspecified \"...\"` lines) is one finding, on the first purpose that keeps data of its own, each other purpose a related place: the sentence is what to fix, and every row of the record it leaves without a time limit is named (the register files the finding under each). A purpose that keeps nothing of its own (no \`stores\` line serves it) and only uses data kept for other purposes (a disclosure to the authorities, a newsletter sent to the account's address) is reported as info when it stands alone: how long its data lives is set where the data is kept, and that purpose's row is where a missing period is a failure; so is a purpose none of whose data any system keeps (an update check, a download request), where the model shows nothing kept. Not reported for a purpose all of whose data the policy credibly calls anonymous (`anonymous \"...\"` on data of a kind that does not identify; `anonymity-claim-contradicted` reports the others), nor for a purpose the organization carries out as a processor (`role processor`): it keeps data as the controller instructs and returns or deletes it at the end of the service (Art. 28(3)(g)).",
  help: "state a period (`retention 13 months`) or the event that ends it (`retention until account_deleted + 30 days`)",
  run({ model, relations, report, reportAt }) {
    // A `stores` line that sets no retention inherits its purposes'; when they set none either,
    // that is the purposes' gap, said once on each purpose, with the stores lines as related places.
    const inheriting = new Map<string, RelatedInfo[]>();
    const seen = new Set<object>();
    for (const item of relations.stored) {
      if (seen.has(item.store)) continue;
      const own = item.store.retention;
      if (own?.kind === "unspecified") {
        seen.add(item.store);
        // Each item it keeps already reported, on a purpose that states no retention either or by
        // retention-exceeds-purpose: the line adds no problem of its own, and is a related place.
        const items = relations.storedByStore.get(item.store) ?? [];
        const saidElsewhere = items.every((it) => it.purposes.length > 0 && it.purposes.every((id) => {
          const purpose = relations.purposes.get(id);
          return !!purpose && (gapReported(model, relations, purpose) || exceededBy(own, purpose, it.data));
        }));
        if (!saidElsewhere) reportAt(own.span, `system \`${item.system.id}\` stores data with no stated retention${quoted(own)}`);
        else for (const id of new Set(items.flatMap((it) => it.purposes))) {
          const purpose = relations.purposes.get(id)!;
          if (!gapReported(model, relations, purpose)) continue;
          const data = items.filter((it) => it.purposes.includes(id)).map((it) => `\`${it.data}\``);
          inheriting.set(id, [...(inheriting.get(id) ?? []), { message: `system \`${item.system.id}\` stores ${data.join(", ")} for it, retention unspecified too`, span: own.span, occurrence: true }]);
        }
      } else if (!own && item.purposes.some((id) => relations.purposes.get(id)?.retention?.kind === "not_applicable")) {
        // The purpose says it keeps nothing, yet this line keeps its data, for no time it states.
        seen.add(item.store);
        const keepsNothing = item.purposes.filter((id) => relations.purposes.get(id)?.retention?.kind === "not_applicable");
        reportAt(item.store.span, `system \`${item.system.id}\` stores data for ${keepsNothing.map((id) => `\`${id}\``).join(", ")}, which the model says keeps nothing (retention not_applicable), with no retention of its own`, { related: keepsNothing.map((id) => ({ message: "retention not_applicable here", span: relations.purposes.get(id)!.retention!.span })) });
      } else if (!own && item.purposes.length && item.purposes.every((id) => { const p = relations.purposes.get(id); const r = p?.retention; return (!r || r.kind === "unspecified") && !(p && processedAsProcessor(model, p)); })) {
        seen.add(item.store);
        const items = item.store.data.map((d) => `\`${d.id}\``).join(", ");
        for (const id of item.purposes) inheriting.set(id, [...(inheriting.get(id) ?? []), { message: `system \`${item.system.id}\` stores ${items} for it with no retention of its own`, span: item.store.span, occurrence: true }]);
      }
    }
    // One policy sentence that leaves several purposes' retention open ("We will keep your
    // information only for as long as we need it") is one gap to fix: one finding, on the first
    // purpose that keeps data of its own (else the first), each other purpose a related occurrence,
    // so that every row of the record the sentence leaves open is named. A purpose without words is
    // its own finding.
    const groups = bySameWords(model.purposes.filter((p) => gapReported(model, relations, p)), () => "", (p) => p.retention?.statement);
    // A purpose that keeps nothing of its own, only uses data kept for other purposes (a disclosure
    // to the authorities, a newsletter to the account's address): how long that data lives is set
    // where it is kept, so the purpose's silence is an observation, not a missing time limit.
    const reusesOnly = (p: Purpose) => !relations.stored.some((i) => i.purposes.includes(p.id))
      && p.data.length > 0 && p.data.every((r) => relations.stored.some((i) => i.data === r.id && i.purposes.some((x) => x !== p.id)));
    // A purpose none of whose data any system keeps (a download request, an update check): the
    // model shows nothing kept, so its silence is an observation for the record, not a gap in it.
    const keepsNothing = (p: Purpose) => p.data.length > 0 && !relations.stored.some((i) => i.purposes.includes(p.id) || p.data.some((r) => r.id === i.data));
    const note = (p: Purpose) => reusesOnly(p) || keepsNothing(p);
    for (const group of groups) {
      const p = group.find((x) => !note(x)) ?? group[0]!;
      const others = group.filter((x) => x !== p);
      const related = inheriting.get(p.id) ?? [];
      const also = related.length ? `; ${related.length === 1 ? "a system stores" : `${related.length} systems store`} its data, stating no retention either` : "";
      const reuse = group.every(note) ? { severity: "info" as const } : {};
      const kept = reusesOnly(p) ? "; it keeps nothing of its own, and its data is kept for other purposes" : keepsNothing(p) ? "; no system in the model keeps its data" : "";
      const same = others.length ? `; the same words leave ${others.map((o) => `\`${o.id}\``).join(", ")} open too` : "";
      const more: RelatedInfo[] = others.flatMap((o) => [
        { message: `purpose \`${o.id}\`: the same words, no time limit either`, span: o.retention!.span, occurrence: true },
        ...(inheriting.get(o.id) ?? []),
      ]);
      if (!p.retention) report(p, undefined, `purpose \`${p.id}\` states no retention${also}${kept}`, { related, ...reuse });
      else report(p, "retention", `purpose \`${p.id}\` leaves retention unspecified${quoted(p.retention)}${also}${kept}${same}`, { related: [...related, ...more], ...reuse });
    }
  },
});

/** Whether retention-missing reports the purpose itself: it states no retention (or `unspecified`),
 *  and is neither carried out as a processor nor about data the policy credibly calls anonymous. */
function gapReported(model: Model, relations: Relations, p: Purpose): boolean {
  if (processedAsProcessor(model, p)) return false;
  // Data the policy calls anonymous, credibly (its kind does not identify): not personal data,
  // which storage limitation is about (Art. 5(1)(e)).
  if (p.data.length && p.data.every((r) => anonymousAsClaimed(relations.data.get(r.id), relations))) return false;
  return (!p.retention && !p.spans.retention) || p.retention?.kind === "unspecified";
}

/** Whether retention-exceeds-purpose reports keeping `data` for `kept` against the purpose's retention. */
function exceededBy(kept: Retention, purpose: Purpose, data: string): boolean {
  return kept.kind !== "indefinite" && !!purpose.retention && purpose.data.some((d) => d.id === data) && compareRetention(kept, purpose.retention) === "longer";
}

defineRule({
  id: "retention-exceeds-purpose", severity: "error", title: "A system keeps data longer than its purpose allows",
  article: "GDPR Art. 5(1)(e) (storage limitation)",
  description: "A `stores` line's retention must not exceed the retention of the purposes it serves. Keeping location for years when the purpose keeps it in memory only, or storing it at all when the policy says it is never stored, is kept-too-long data. A line kept `indefinite` is `retention-indefinite`'s finding, which names the purposes whose end it overrides (one problem, one finding).",
  help: "shorten the system's retention, or correct the purpose's",
  run({ relations, reportAt }) {
    // One finding per `stores` line and purpose, naming every item kept too long.
    const groups = new Map<string, { item: (typeof relations.stored)[number]; purpose: string; data: string[] }>();
    for (const item of relations.stored) {
      const kept = item.store.retention;
      // A line kept indefinitely is retention-indefinite's finding, which names the purposes it exceeds.
      if (!kept || kept.kind === "indefinite") continue;
      for (const id of item.purposes) {
        const purpose = relations.purposes.get(id);
        if (!purpose || !exceededBy(kept, purpose, item.data)) continue;
        const key = `${item.system.id}\u0000${item.store.span.start}\u0000${id}`;
        const g = groups.get(key);
        if (g) g.data.push(item.data);
        else groups.set(key, { item, purpose: id, data: [item.data] });
      }
    }
    for (const { item, purpose: id, data } of groups.values()) {
      const kept = item.store.retention!;
      const allowed = relations.purposes.get(id)!.retention!;
      const ref = item.store.data.find((d) => d.id === data[0])!;
      const span = spanFromTo(ref.span, kept.span);
      reportAt(data.length > 1 ? span : ref.span, `system \`${item.system.id}\` keeps ${data.map((d) => `\`${d}\``).join(", ")} for ${kept.text}${quoted(kept)}, but purpose \`${id}\` allows ${allowed.text}${quoted(allowed)}`, {
        related: [{ message: `purpose \`${id}\` retention`, span: allowed.span }, { message: "system retention", span: kept.span }],
      });
    }
  },
});

defineRule({
  id: "retention-indefinite", severity: "warning", title: "Data kept indefinitely",
  article: "GDPR Art. 5(1)(e) (storage limitation)",
  description: "Personal data may be kept no longer than necessary for its purpose. Indefinite retention is allowed only for archiving in the public interest, research or statistics with Art. 89 safeguards; otherwise it needs an end. Reported on each purpose that keeps data indefinitely, and on each \`stores\` line that does, unless the line keeps only what purposes kept indefinitely keep (it restates them: a related place of their findings).",
  help: "set a period or an ending event; if Art. 89 archiving applies, say so in the purpose's description",
  run({ model, relations, report, reportAt }) {
    const indefinite = (id: string) => relations.purposes.get(id)?.retention?.kind === "indefinite";
    // A stores line that keeps indefinitely only what its purposes keep indefinitely restates them:
    // a related place of those purposes' findings, not a problem of its own.
    const restating = new Map<string, RelatedInfo[]>();
    const seen = new Set<object>();
    for (const item of relations.stored) {
      const r = item.store.retention;
      if (r?.kind !== "indefinite" || seen.has(item.store)) continue;
      const items = relations.storedByStore.get(item.store) ?? [];
      if (!items.length || !items.every((it) => it.purposes.length > 0 && it.purposes.every(indefinite))) continue;
      seen.add(item.store);
      for (const id of new Set(items.flatMap((it) => it.purposes))) restating.set(id, [...(restating.get(id) ?? []), { message: `system \`${item.system.id}\` keeps its data indefinitely too`, span: r.span, occurrence: true }]);
    }
    for (const p of model.purposes) if (p.retention?.kind === "indefinite") report(p, "retention", `purpose \`${p.id}\` keeps data indefinitely${quoted(p.retention)}`, { related: restating.get(p.id) ?? [] });
    for (const item of relations.stored) {
      const r = item.store.retention;
      if (r?.kind !== "indefinite" || seen.has(item.store)) continue;
      seen.add(item.store);
      // The purposes whose own end it overrides: one problem, said here with them (not again by
      // retention-exceeds-purpose).
      const bounded = item.store.purposes.map((ref) => relations.purposes.get(ref.id)).filter((p) => p?.retention && compareRetention(r, p.retention) === "longer");
      const beyond = bounded.length ? `, beyond what ${bounded.map((p) => `\`${p!.id}\` allows (${p!.retention!.text})`).join(", ")}` : "";
      reportAt(r.span, `system \`${item.system.id}\` keeps data indefinitely${quoted(r)}${beyond}`, {
        related: bounded.map((p) => ({ message: `purpose \`${p!.id}\` retention`, span: p!.retention!.span })),
      });
    }
  },
});
