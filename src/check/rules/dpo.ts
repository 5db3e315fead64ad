/** The data protection officer (Art. 37-39): when one must be designated, and the contact the notice
 *  owes (Art. 13(1)(b), 14(1)(b), 37(7)). Read from the organization's `dpo` line, its `kind`, and
 *  what its own purposes process; no free text is read. */
import { defineRule } from "../registry.js";
import { anonymousAsClaimed } from "../anonymity.js";
import { dataKinds } from "../../model/vocabulary.js";
import { linkedHolds, processedAsProcessor } from "../../model/roles.js";
import type { DataCategory, Model } from "../../model/model.js";
import type { Relations } from "../../model/relations.js";
import type { RelatedInfo } from "../../diagnostics.js";

const names = (ids: string[]) => ids.map((id) => `\`${id}\``).join(", ");

/** What the organization's own purposes process that Art. 37(1)(b) and (c) name: special-category
 *  or criminal data (by its kind: data that only may hold it, `special possible`, is what people
 *  choose to send, not an activity of the organization's), and precise location collected from the
 *  data subjects' own devices (location tracking, the monitoring Art. 37(1)(b) and WP243 name). */
function monitoringOrSpecial(model: Model, relations: Relations): { special: DataCategory[]; tracked: DataCategory[]; related: RelatedInfo[] } {
  const special = new Map<string, DataCategory>();
  const tracked = new Map<string, DataCategory>();
  const related: RelatedInfo[] = [];
  for (const p of model.purposes) {
    if (processedAsProcessor(model, p)) continue;
    for (const ref of p.data) {
      const d = relations.data.get(ref.id);
      if (!d?.kind || special.has(d.id) || anonymousAsClaimed(d, relations) || !dataKinds[d.kind].special) continue;
      special.set(d.id, d);
      related.push({ message: `purpose \`${p.id}\` processes \`${d.id}\` (${dataKinds[d.kind].label})`, span: ref.span, occurrence: true });
    }
    for (const f of relations.flowsByPurpose.get(p.id) ?? []) {
      const from = relations.systems.get(f.from.id);
      const to = relations.systems.get(f.to.id);
      if (!from?.clientSide || from.kind === "peer_device" || to?.clientSide || linkedHolds(f, from, to)) continue;
      for (const r of f.data) {
        const d = relations.data.get(r.id);
        if (d?.kind !== "precise_location" || tracked.has(d.id) || !p.data.some((x) => x.id === d.id)) continue;
        tracked.set(d.id, d);
        related.push({ message: `\`${d.id}\` (precise location) is collected from \`${from.id}\` for \`${p.id}\``, span: f.span, occurrence: true });
      }
    }
  }
  return { special: [...special.values()], tracked: [...tracked.values()], related };
}

defineRule({
  id: "dpo-contact-missing", severity: "warning", title: "No data protection officer is named where one must or may have to be designated",
  article: "GDPR Art. 37(1), 37(7), 38(4); Art. 13(1)(b), 14(1)(b); WP29 Guidelines on Data Protection Officers (WP243 rev.01, endorsed by the EDPB), sections 2.1.1-2.1.5",
  description: `A controller or processor must designate a data protection officer where (a) it is a public authority or body (courts acting in their judicial capacity excepted), (b) its core activities consist of processing operations that require regular and systematic monitoring of data subjects on a large scale, or (c) its core activities consist of processing special categories of data (Art. 9) or criminal data (Art. 10) on a large scale (Art. 37(1)); Member State law may require more (Art. 37(4): in Germany, § 38 BDSG from 20 people who regularly process personal data). Where there is one, its contact details are published and communicated to the supervisory authority (Art. 37(7)), and the notice gives them (Art. 13(1)(b), 14(1)(b)), so that data subjects can reach the DPO (Art. 38(4)).

\`dpo "<contact>"\` on the organization names the DPO; \`dpo none "<reason>"\` records the organization's documented decision that none is required, which WP243 (section 2.1) recommends keeping: neither is reported (flowmap does not judge the reason). Otherwise reported once, on the organization:

- as a warning, for an organization that is a public authority or body (\`kind public_body\`): the designation is mandatory whatever it processes;
- as info, where its own purposes process special-category or criminal data (by their kind) or collect precise location from the data subjects' devices (location tracking, which WP243 counts as monitoring): whether that is a core activity on a large scale (WP243 2.1.2-2.1.4: the number of people, the volume, the duration, the geographical extent) is not in the model, so the finding asks.

Not reported for purposes carried out as a processor (their data is the customers'; a processor that monitors on a large scale as its core activity still needs one, which the model cannot show), for data whose anonymity claim stands, for data that only may hold special categories (\`special possible\`), nor when the \`dpo\` line or the organization's kind did not read (their own errors).`,
  help: 'name the data protection officer and how to reach them: `dpo "<name or role>, <e-mail or address>"`; or, where none is required, record why: `dpo none "<the documented reason>"`',
  run({ model, relations, report }) {
    const org = model.organization;
    // Any `dpo` line answers (a contact, or `dpo none`); one that did not read has its own error.
    if (!org || org.spans.dpo || (org.spans.kind && !org.kind)) return;
    if (org.kind === "public_body") {
      report(org, "kind", `\`${org.id}\` is a public authority or body and names no data protection officer: it must designate one (Art. 37(1)(a)), publish the DPO's contact details and give them in the notice (Art. 13(1)(b), 37(7))`);
      return;
    }
    const { special, tracked, related } = monitoringOrSpecial(model, relations);
    if (!special.length && !tracked.length) return;
    const what = [
      ...(special.length ? [`special-category data ${names(special.map((d) => d.id))} (Art. 37(1)(c))`] : []),
      ...(tracked.length ? [`precise location from the data subjects' devices, ${names(tracked.map((d) => d.id))} (monitoring, Art. 37(1)(b))`] : []),
    ];
    report(org, undefined, `\`${org.id}\` names no data protection officer, and its own purposes process ${what.join(" and ")}: if that is a core activity on a large scale a DPO is mandatory, and the notice gives the DPO's contact details (Art. 13(1)(b), 37(7)); ask, or record the decision with \`dpo none "<reason>"\``, { severity: "info", related });
  },
});
