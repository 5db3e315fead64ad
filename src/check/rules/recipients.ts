/** Who receives the data, and what kind of data it is: recipients the policy names only by category
 *  (Art. 13(1)(e), 15(1)(c)), sensitive data and who it concerns, and free text that may hold special
 *  categories (Art. 9(1)). */
import { kindUnread } from "../systems.js";
import { correspondenceBetweenPeople } from "../communications.js";
import { defineRule } from "../registry.js";
import { clip } from "../words.js";
import { placeLabel } from "../transfers.js";
import { dataKinds, isUnknownPlace } from "../../model/vocabulary.js";
import { linkedHolds, processedAsProcessor, servesOwnPurpose } from "../../model/roles.js";
import type { DataCategory, Flow, Model, Purpose, System } from "../../model/model.js";
import type { Relations } from "../../model/relations.js";
import type { RelatedInfo } from "../../diagnostics.js";
import { anonymousAsClaimed } from "../anonymity.js";

/** A `kind` that did not read has its own error: what the system is cannot be told. */
const quote = (s: string) => `"${clip(s)}"`;
/** A system's security measures in a message: the first two, quoted, and how many more. */
const measures = (xs: string[]) => (xs.length ? `${xs.slice(0, 2).map(quote).join(", ")}${xs.length > 2 ? ` and ${xs.length - 2} more` : ""}` : "no security stated");
const list = (xs: string[]) => (xs.length < 2 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`);

/** The flow is the organization's own processing as a controller: not a linked third party the data
 *  subject reaches on their own, and not (only) processing it does for a customer as a processor. */
function controllerFlow(model: Model, relations: Relations, f: Flow): boolean {
  return !linkedHolds(f, relations.systems.get(f.from.id), relations.systems.get(f.to.id)) && servesOwnPurpose(model, relations.purposes, f);
}

/** Sensitive or special-category data as the taxonomy reads it (a kind that did not read, or data
 *  whose anonymity claim stands, is not counted). */
function sensitiveData(d: DataCategory | undefined, relations: Relations): d is DataCategory {
  // A message or call to the organization itself is not correspondence it carries (communications.ts).
  return d !== undefined && d.kind !== undefined && d.sensitive && !anonymousAsClaimed(d, relations) && (d.special || correspondenceBetweenPeople(d, relations));
}

/** The organization's own purposes (not a processor's) by each data category they use, in model
 *  order: built once per run (scanning every purpose for every data category is quadratic). */
function controllerPurposesByData(model: Model): Map<string, Purpose[]> {
  const out = new Map<string, Purpose[]>();
  for (const p of model.purposes) {
    if (processedAsProcessor(model, p)) continue;
    for (const id of new Set(p.data.map((r) => r.id))) {
      const list = out.get(id);
      if (list) list.push(p);
      else out.set(id, [p]);
    }
  }
  return out;
}

defineRule({
  id: "unnamed-recipient", severity: "warning", title: "A recipient named only by category receives sensitive data or data leaving the EEA",
  article: "GDPR Art. 13(1)(e)-(f), 15(1)(c), 30(1)(d); CJEU C-154/21 Österreichische Post (12 January 2023); WP29 Guidelines on transparency (WP260 rev.01)",
  description: `\`unnamed "<the policy's words>"\` on a system records a recipient the policy names only by a category ("our partners", "third-party service providers (such as Amazon)"). The notice and the record may give categories of recipients (Art. 13(1)(e), 30(1)(d)), but the data subject's right of access covers the recipients themselves: the Court of Justice held in C-154/21 Österreichische Post (12 January 2023) that Art. 15(1)(c) obliges the controller to give the actual identity of the recipients on request, unless it is not yet possible to identify them or the request is manifestly unfounded or excessive. A controller can do that only if it knows who they are. For the notice itself, the WP29's transparency guidelines (WP260 rev.01, endorsed by the EDPB) take the actual (named) recipients as the default, and categories, where a controller gives them, as specific as possible: the type of recipient (by the activities it carries out), its industry, sector and sub-sector, and its location. Where the category receives special-category or sensitive data (payment card data, precise location, communications, credentials, financial data, health ...), or data that leaves the EEA (a transfer: the notice states the ground it rests on, Art. 13(1)(f), and whether a ground covers it depends on who the importer is, its DPF certification or the parties to the SCCs, Art. 45-46), a category is not enough to answer for it, and this is a finding.\n\nOne finding per system, on its \`unnamed\` line, with the flows and \`stores\` lines concerned as related places. Not reported for a public authority (\`kind authority\`): a disclosure on demand has no recipient known in advance, which C-154/21 accepts. Not reported when the system's location is not known (no \`located\`, \`unspecified\`, or a transfer to unknown countries the safeguards do not cover): \`location-unspecified\` or \`transfer-unknown-destination\` already reports that recipient as one that cannot be placed, and naming it is how that is fixed; one mistake, one finding. Flows the data subject makes on their own (\`linked\`) and flows only for purposes the organization carries out as a processor are not counted.`,
  help: "name the recipient (`operator \"<entity>\" as <role>` and drop `unnamed`), or state why it cannot be named yet",
  run({ model, relations, transfers, report }) {
    for (const s of model.systems) {
      if (s.unnamed === undefined || s.clientSide || kindUnread(s) || s.kind === "authority") continue;
      const into = (relations.flowsInto.get(s.id) ?? []).filter((f) => controllerFlow(model, relations, f));
      const ownTransfers = transfers.filter((t) => t.to === s.id && into.some((f) => f.id === t.flow));
      // Where the recipient is, is already reported as unknown: that finding is this one's too.
      // (`abroad` names no country either: location-unspecified reports it.)
      const placeUnknown = !s.locations.length || s.locations.some((l) => l.code === "unspecified" || l.code === "abroad")
        || ownTransfers.some((t) => t.problems.some((p) => p.rule === "transfer-unknown-destination"));
      if (placeUnknown) continue;
      const sensitive = new Map<string, DataCategory>();
      const related: RelatedInfo[] = [];
      for (const f of into) {
        const here = f.data.map((r) => relations.data.get(r.id)).filter((d) => sensitiveData(d, relations));
        for (const d of here) sensitive.set(d.id, d);
        const transfer = ownTransfers.find((t) => t.flow === f.id);
        if (here.length || transfer) related.push({ message: `flow \`${f.from.id}\` -> \`${f.to.id}\` carries ${f.data.map((r) => `\`${r.id}\``).join(", ")}${transfer ? " out of the EEA" : ""}`, span: f.span });
      }
      for (const store of s.stores) {
        // A line kept only for purposes the organization carries out as a processor is its customer's
        // to answer for, as the flows for them are (controllerFlow).
        const kept = (relations.storedByStore.get(store) ?? []).flatMap((i) => i.purposes);
        if (kept.length && kept.every((id) => { const p = relations.purposes.get(id); return !p || processedAsProcessor(model, p); })) continue;
        const here = store.data.map((r) => relations.data.get(r.id)).filter((d) => sensitiveData(d, relations));
        if (!here.length) continue;
        for (const d of here) sensitive.set(d.id, d);
        related.push({ message: `\`${s.id}\` stores ${here.map((d) => `\`${d.id}\``).join(", ")}`, span: store.span });
      }
      const places = [...new Set(ownTransfers.flatMap((t) => t.destinations.map((d) => d.place)))].filter((p) => !isUnknownPlace(p));
      if (!sensitive.size && !places.length) continue;
      const what: string[] = [];
      if (sensitive.size) {
        const items = [...sensitive.values()].map((d) => `\`${d.id}\` (${dataKinds[d.kind!].label})`);
        const special = [...sensitive.values()].some((d) => d.special);
        what.push(`${special ? "special-category or sensitive" : "sensitive"} data ${list(items)}`);
      }
      if (places.length) what.push(`data leaving the EEA (to ${list(places.map(placeLabel))})`);
      report(s, "unnamed", `recipient \`${s.id}\` is named only as a category (${quote(s.unnamed)}) but receives ${what.join(" and ")}: a data subject may ask who it is (Art. 15(1)(c), C-154/21)${places.length ? ", and what covers the transfer depends on who the importer is (DPF certification, the parties to the SCCs; Art. 13(1)(f), 46)" : ""}`, { related });
    }
  },
});

/** Kinds whose data is about every party to a communication, the other party as much as the user:
 *  who called whom, what was said or written, the recording. */
const twoPartyKinds: ReadonlySet<string> = new Set(["communications", "call_metadata", "audio_video"]);

/** Whether the data is about people other than the service's user (callers, people named in others'
 *  messages, what other users send): it is `obtained other_users`, or it is of a two-party kind and
 *  every purpose using it names a subject of `kind non_user`. A purpose lists its subjects and data as
 *  sets: a non-user beside a user's credentials or card does not make them the non-user's, and one
 *  purpose about users only means the data may be theirs alone. */
function otherPeople(d: DataCategory, purposes: Purpose[], model: Model): { who: string[]; related: RelatedInfo[] } {
  const who: string[] = [];
  const related: RelatedInfo[] = [];
  const subjects = new Map(model.subjects.map((s) => [s.id, s]));
  const nonUsers = purposes.map((p) => p.subjects.map((r) => subjects.get(r.id)).filter((s) => s?.kind === "non_user"));
  if (d.kind !== undefined && twoPartyKinds.has(d.kind) && nonUsers.every((list) => list.length)) {
    for (const s of new Set(nonUsers.flat())) {
      who.push(`subjects \`${s!.id}\` are not users`);
      related.push({ message: `\`${s!.id}\` is \`kind non_user\``, span: s!.spans.kind ?? s!.span });
    }
  }
  if (d.obtained?.sources.includes("other_users")) {
    who.push(`it is obtained from other users${d.obtained.note ? ` (${quote(d.obtained.note)})` : ""}`);
    related.push({ message: "obtained from other users", span: d.obtained.span });
  }
  return { who, related };
}

/** Kinds that hold the content of a call or message, which call metadata implies is carried. */
const contentKinds: ReadonlySet<string> = new Set(["communications", "audio_video"]);

defineRule({
  id: "sensitive-data-noted", severity: "info", title: "Sensitive data about other people, or call metadata whose calls' content is not addressed",
  article: "GDPR Art. 32(1), 14; Directive 2002/58/EC Art. 5(1); WP29 Guidelines on DPIA (WP248 rev.01, endorsed by the EDPB), criterion 4",
  description: `The taxonomy flags some kinds as sensitive though not special in law: ${Object.entries(dataKinds).filter(([, k]) => k.sensitive && !k.special).map(([id, k]) => `${k.label} (\`${id}\`)`).join(", ")}. The WP29's DPIA guidelines (WP248 rev.01, criterion 4) count data of a highly personal nature, such as location, financial data and communications, among the signs of high risk, and the security owed is "appropriate to the risk" (Art. 32(1)). One info finding per data category, on its declaration, saying what protects it (the \`security\` of each system that stores it) and how long it is kept (the retention of each purpose using it, and of \`stores\` lines with their own), when:

- it concerns people other than the service's user: it is \`obtained other_users\`, or it is of a kind about both parties to a communication (\`communications\`, \`call_metadata\`, \`audio_video\`) and every purpose using it names a subject of \`kind non_user\` (callers, correspondents, people named in others' messages). Those people never chose the service nor read its notice (Art. 14). (A purpose lists its subjects and its data as sets: a non-user beside a user's credentials or card data does not make them the non-user's.);
- it is call metadata and the model has no data for the calls' content (no \`communications\` or \`audio_video\` data): a service that records who called whom carries the calls, whose confidentiality (Directive 2002/58/EC Art. 5(1): no listening, tapping or storage without consent) and any recording the policy then does not address.

Sensitive data about the users themselves is not reported on its own: where it lacks security or retention, \`storage-without-security\` and \`retention-missing\` already report the system and the purpose, and repeating that on the data would say one gap twice; a note where nothing is missing asks nothing. Not reported for special-category data (the Art. 9 rules read it), for data whose anonymity claim stands, nor for data used only by purposes the organization carries out as a processor.`,
  help: "check that what protects it and how long it is kept suit data of this kind about these people; for call metadata, say whether the calls' content is carried, recorded or kept (a data category for it, with its retention)",
  run({ model, relations, report }) {
    const contentModelled = model.data.some((x) => x.kind !== undefined && contentKinds.has(x.kind));
    const byData = controllerPurposesByData(model);
    for (const d of model.data) {
      if (!d.kind || !d.sensitive || d.special || anonymousAsClaimed(d, relations)) continue;
      const purposes = byData.get(d.id) ?? [];
      if (!purposes.length) continue;
      const { who, related } = otherPeople(d, purposes, model);
      const callContent = d.kind === "call_metadata" && !contentModelled;
      if (!who.length && !callContent) continue;
      const stored = relations.stored.filter((i) => i.data === d.id && !i.system.clientSide);
      const systems = [...new Set(stored.map((i) => i.system))];
      const protection = systems.length
        ? systems.map((s) => `\`${s.id}\` (${measures(s.security)})`).join("; ")
        : "no system in the model stores it";
      const kept = [
        ...purposes.map((p) => `\`${p.id}\` ${p.retention ? p.retention.text : "no retention stated"}`),
        ...stored.filter((i) => i.store.retention).map((i) => `\`${i.system.id}\` keeps it ${i.store.retention!.text}`),
      ];
      for (const i of stored) related.push({ message: `\`${i.system.id}\` stores it`, span: i.store.span });
      const about = [
        ...(who.length ? [`about people other than the user (${who.join("; ")})`] : []),
        ...(callContent ? ["recording calls whose content no data category covers: whether calls are carried, recorded or kept is not said (Directive 2002/58/EC Art. 5(1))"] : []),
      ];
      report(d, undefined, `${dataKinds[d.kind].label} \`${d.id}\` is sensitive data ${about.join(", ")}; protected by: ${protection}; kept: ${[...new Set(kept)].join(", ")}`, { related });
    }
  },
});

/** Kinds whose content is what people write, say or show (messages, uploads, posts, photos,
 *  recordings): it may reveal health, beliefs or sexual orientation whatever the service is for. */
export const freeTextKinds: ReadonlySet<string> = new Set(["content", "communications", "image", "audio_video"]);
/** Subject kinds in whose context special categories are to be expected in what they write: patients
 *  (health), employees and job applicants (sick leave, trade-union membership), vulnerable people. */
const specialContextSubjects: Readonly<Record<string, string>> = { patient: "patients", employee: "employees", job_applicant: "job applicants", vulnerable: "vulnerable people" };

/** Why special categories are to be expected in this model's free text, if the model says so. */
function specialContext(model: Model, ownSpecial: DataCategory | undefined, purposes: Purpose[]): { why: string; related: RelatedInfo[] } | undefined {
  // The organization processes special-category data of its own (by kind, not by `special possible`):
  // a health service's support messages are about health too.
  const d = ownSpecial;
  if (d?.kind) return { why: `the service processes ${dataKinds[d.kind].label} (\`${d.id}\`)`, related: [{ message: `\`${d.id}\` is ${dataKinds[d.kind].label}`, span: d.spans.kind ?? d.span }] };
  const subjects = new Map(model.subjects.map((s) => [s.id, s]));
  for (const p of purposes) {
    for (const ref of p.subjects) {
      const s = subjects.get(ref.id);
      const who = s?.kind && specialContextSubjects[s.kind];
      if (s && who) return { why: `it concerns ${who} (\`${s.id}\`)`, related: [{ message: `\`${s.id}\` is \`kind ${s.kind}\``, span: s.spans.kind ?? s.span }] };
    }
  }
  return undefined;
}

defineRule({
  id: "free-text-special-unassessed", severity: "info", title: "Free text that may hold special categories, with no Art. 9 position",
  article: "GDPR Art. 9(1)-(2); CJEU C-184/20 OT v Vyriausioji tarnybinės etikos komisija (1 August 2022)",
  description: `What people write, say or show (data of kind ${[...freeTextKinds].map((k) => `\`${k}\``).join(", ")}: messages, uploads, posts, custom fields, photos, recordings) may reveal special categories whatever the service is for. Data that reveals them indirectly is special-category data (CJEU C-184/20, 1 August 2022), and processing it needs an Art. 9(2) condition besides an Art. 6 basis. The organization states its position with \`special none "<why none is expected, or how it is kept out>"\` or \`special possible "<...>"\` (which makes the data special-category data, so the Art. 9 rules read it), or by an Art. 9(2) \`condition\` on the purposes using it.\n\nReported once per data category, as info, when the model gives a reason to expect special categories in it and states no position: the organization processes special-category data of its own (a health service's support messages are about health too), or the data comes from patients, employees, job applicants or other vulnerable people (\`kind patient\`, \`employee\`, \`job_applicant\`, \`vulnerable\`). Free text in a service with neither is not reported: there special categories are incidental, and asking every mail, chat or upload service for an Art. 9 position would flag what a reader of its policy would not. Not reported for data used only by purposes the organization carries out as a processor, nor for data whose anonymity claim stands, nor when the \`special\` line or the kind did not read.`,
  help: 'state the Art. 9 position: `special none "<why>"`, or `special possible "<why>"` and a `condition` on the purposes using it',
  run({ model, relations, report }) {
    const byData = controllerPurposesByData(model);
    // The first special-category data (by kind) one of the organization's own purposes uses.
    const ownSpecial = model.data.find((x) => x.kind !== undefined && dataKinds[x.kind].special && byData.has(x.id));
    for (const d of model.data) {
      if (!d.kind || !freeTextKinds.has(d.kind) || d.special || d.specialPosition || d.spans.special) continue;
      if (anonymousAsClaimed(d, relations)) continue;
      const purposes = byData.get(d.id) ?? [];
      if (!purposes.length || purposes.some((p) => p.condition || p.spans.condition)) continue;
      const context = specialContext(model, ownSpecial, purposes);
      if (!context) continue;
      report(d, "kind", `${dataKinds[d.kind].label} \`${d.id}\` may hold special-category data (${context.why}), and no Art. 9 position is stated for it (purposes ${purposes.map((p) => `\`${p.id}\``).join(", ")})`, { related: context.related });
    }
  },
});
