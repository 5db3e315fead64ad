/** Processors and systems: contracts (Art. 28), security (Art. 32), where and by whom data is held. */
import { defineRule } from "../registry.js";
import { readFromNotice } from "../../model/notice.js";
import { linkedHolds, servesOwnPurpose } from "../../model/roles.js";
import type { System } from "../../model/model.js";
import { eeaCountries } from "../../legal/gdpr-transfers.js";
import { kindUnread, measuresAnsweredElsewhere } from "../systems.js";
import { domesticAuthority, establishedAbroad } from "../transfers.js";
import { onlyAnonymous, receivesOnlyAnonymous } from "../anonymity.js";


defineRule({
  id: "processor-without-contract", severity: "warning", title: "A processor has no Art. 28 contract reference",
  article: "GDPR Art. 28(3); Art. 30(1)(d)",
  description: "Processing by a processor or sub-processor must be governed by a contract with the content Art. 28(3) lists. The record links to it (the ICO template's \"link to contract with processor\"). One finding per vendor: a vendor running several systems without a contract is one missing contract, reported on its first system with the others as related places; a contract named on any of the vendor's systems covers them all.",
  help: 'add `contract "<DPA name, date or URL>"` to the system',
  run({ model, report }) {
    // One contract per vendor: the finding is the vendor's, on its first system; its other
    // systems are where the same gap shows (one missing DPA with Google is one problem).
    const byVendor = new Map<string, typeof model.systems>();
    for (const s of model.systems) {
      const role = s.operator?.role;
      if (!s.operator || s.operator.self || (role !== "processor" && role !== "subprocessor") || s.contract !== undefined) continue;
      const vendor = s.operator.vendor ?? s.id;
      byVendor.set(vendor, [...(byVendor.get(vendor) ?? []), s]);
    }
    // A vendor with a contract named on one of its systems is covered: that contract is the DPA.
    const contracted = new Set(model.systems.filter((s) => s.operator?.vendor && s.contract !== undefined).map((s) => s.operator!.vendor!));
    for (const [vendor, systems] of byVendor) {
      if (contracted.has(vendor)) continue;
      const [first, ...rest] = systems;
      const names = systems.map((s) => `\`${s.id}\``).join(", ");
      report(first!, "operator", `${first!.operator!.role} ${vendor} has no contract reference (${systems.length === 1 ? "system" : "systems"} ${names})`, {
        related: rest.map((s) => ({ message: `\`${s.id}\` is also run by ${vendor}`, span: s.spans.operator ?? s.span, occurrence: true })),
      });
    }
  },
});

defineRule({
  id: "storage-without-security", severity: "warning", title: "A system stores personal data with no security measures stated",
  article: "GDPR Art. 32(1); Art. 30(1)(g)",
  description: "The record gives a general description of the technical and organisational measures protecting the data (encryption, access control, logging, backups). A server-side system that stores personal data with no `security` line leaves that column empty. Not reported for the data subject's own devices (not the organization's to secure), for a system an independent controller runs (its measures are its own, Art. 24, 32), nor for a processor's system whose contract is a reference (it takes the Art. 32 measures that contract binds it to, Art. 28(3)(c)), as for `security-not-a-measure`. The description is general (Art. 30(1)(g): \"where possible, a general description\"), so one party's missing measures are one finding: the organization's own systems together, and each vendor's systems together, reported on the first with the others as related places. In a model read from a published notice (`describes notice`) the finding is info, one note for every such system: a notice owes no description of the measures (Art. 13 asks for none), so their absence there is one question for the organization, not a gap in its record.",
  help: 'add `security "encryption at rest", "access control", ...`',
  run({ model, report }) {
    // The record owes a description of the measures (Art. 30(1)(g)); a notice does not (Art. 13 asks
    // for none): in a model read from one, their absence is a question to ask.
    const notice = readFromNotice(model);
    // Whose measures they are: the organization's for its own systems, a vendor's for the systems it runs.
    const byParty = new Map<string, System[]>();
    for (const s of model.systems) {
      if (s.clientSide || kindUnread(s) || !s.stores.length || s.security.length > 0) continue;
      // An operator that did not read leaves open whose measures they are.
      if ((s.spans.operator && !s.operator) || measuresAnsweredElsewhere(s)) continue;
      // In a notice model, one question to the organization ("what protects these?"): one note.
      const party = notice ? "\u0000notice" : s.operator?.self ? "\u0000self" : s.operator?.vendor ?? `\u0000${s.id}`;
      byParty.set(party, [...(byParty.get(party) ?? []), s]);
    }
    for (const [party, systems] of byParty) {
      const [first, ...rest] = systems;
      const others = rest.map((s) => `\`${s.id}\``).join(", ");
      const also = !rest.length ? "" : party === "\u0000self" ? `; nor do the organization's other systems ${others}` : party === "\u0000notice" ? `; nor do ${others}` : `; nor do ${others}, also run by ${party}`;
      report(first!, "stores", `system \`${first!.id}\` stores personal data but states no security measures${also}${notice ? ` (the notice describes none for ${rest.length ? "them" : "it"})` : ""}`, {
        ...(notice ? { severity: "info" as const } : {}),
        related: rest.map((s) => ({ message: `\`${s.id}\` stores personal data with no security measures either`, span: s.spans.stores ?? s.span, occurrence: true })),
      });
    }
  },
});

defineRule({
  id: "location-unspecified", severity: "warning", title: "A system's location is unknown",
  article: "GDPR Art. 30(1)(e); Art. 13(1)(f); Art. 44",
  description: "Transfers are computed from where systems are. A server-side system that receives or stores data with no `located`, or `located unspecified`, hides whether its data leaves the EEA; one `located abroad` (the policy says the data may be processed outside the EEA but names no country) hides which third countries it goes to (Art. 30(1)(e)), and the transfer itself is `transfer-unknown-destination`'s question. Not reported for a public authority whose disclosure `authority-transfer-without-agreement` reports with its unknown country (it says it, once), nor for public authorities whose country is not stated and whose disclosures state no ground (presumed the authorities of the law the organization is under, Art. 6(3): for one established in the EEA no transfer, for one elsewhere a disclosure judged as one to its own country; a third country's demand would be stated), nor for an independent controller that receives data only for purposes the organization carries out as a processor (an integration with the customer's own account: the customer answers for where it is), nor for an independent controller established in the EEA whose servers the policy does not place (`operator \"PayPal (Europe) S.à r.l.\" in LU as controller`: where it keeps the data, and any transfer from there, is its own processing), nor for a vendor established in a third country whose servers are not placed (`operator \"GitHub, Inc.\" in US`: the transfer is judged to that country, the record's third country), nor for a source that only sends data to the organization, nor for a recipient of data the policy credibly calls anonymous only (not personal data, Recital 26), nor for a recipient of case-by-case disclosures only (every flow into it \`occasional\`, nothing stored: a victim of abuse, the buyer of the business), whose identity and place exist only once the case does (the notice owes its category, Art. 13(1)(e); one the policy places abroad is still asked), nor for a third party the data subject reaches on their own (every flow into it `linked`), nor for a system the organization runs itself (`operator self`) when the organization's country is stated: its own systems are no recipient and no importer (EDPB Guidelines 05/2021; an organization outside the EEA that collects from people in the EEA makes no transfer by doing so), so their location decides no transfer (`own-location-unstated` notes it); one that names a third country is judged as a transfer.",
  help: "add `located <country codes>` (or `anywhere` / `global` for networks without a fixed location)",
  run({ model, relations, transfers, report }) {
    // A public authority's unknown country is said, with what the disclosure rests on, by
    // `authority-transfer-without-agreement`: said once, there.
    const toldByTransfer = new Set(transfers.filter((t) => t.problems.some((p) => p.rule === "authority-transfer-without-agreement" && p.place === "unspecified")).map((t) => t.to));
    const country = model.organization?.country?.code;
    const ownUnplaced: System[] = [];
    const byVendor = new Map<string, { s: System; gap: string; others: System[] }>();
    for (const s of model.systems) {
      if (s.clientSide || kindUnread(s) || toldByTransfer.has(s.id)) continue;
      // A source that only sends data to the organization holds none of it: where it is, is not
      // where the organization's data goes (no transfer, no record entry).
      // Nor is a third party the data subject reaches on their own (every flow into it `linked`).
      // Data the policy credibly calls anonymous (aggregate figures) is not personal data (Recital 26):
      // a recipient of only that receives none.
      const receives = (relations.flowsInto.get(s.id) ?? []).some((f) => !linkedHolds(f, relations.systems.get(f.from.id), s) && !onlyAnonymous(f, relations)) || s.stores.length > 0;
      if (!receives && !s.operator?.self) continue;
      // The organization's own system, when the organization's country is stated: no recipient and
      // no importer (EDPB Guidelines 05/2021: nor is collecting from people in the EEA by an
      // organization outside it a transfer), so its location decides no transfer; where it names a
      // third country, the transfer is judged and said.
      // (`own-location-unstated` notes it instead.)
      if (s.operator?.self && country !== undefined && s.locations.every((l) => l.code === "unspecified")) continue;
      // "The authorities", country unstated, of an organization established in the EEA: presumed its
      // own law's (see domesticAuthority), so where they are decides no transfer either.
      const into = relations.flowsInto.get(s.id) ?? [];
      // (So are those of an organization established elsewhere: its own country's, judged as such.)
      if (country !== undefined && s.kind === "authority" && into.length && into.every((f) => domesticAuthority(f, s))) continue;
      // A third party the organization's customers send their data to through it, as their processor
      // (an integration with the customer's own account): the customer, as controller, answers for
      // where it is; the organization's own sub-processors are still asked.
      const forCustomersOnly = into.length > 0 && !s.stores.length && into.every((f) => !servesOwnPurpose(model, relations.purposes, f));
      if (forCustomersOnly && (s.operator?.role === "controller" || s.operator?.role === "joint_controller")) continue;
      // An independent controller established in the EEA receives the data there: where it then keeps
      // it is its own processing, and any transfer from there its own to answer for (Art. 44, as the
      // exporter); the organization's disclosure to it is no transfer.
      if (s.operator?.role === "controller" && s.operator.established !== undefined && eeaCountries.has(s.operator.established.code) && s.locations.every((l) => l.code === "unspecified")) continue;
      // A vendor established in a third country, its servers unplaced: the transfer is judged to that
      // country (establishedAbroad), which is the record's third country.
      if (establishedAbroad(s) !== undefined) continue;
      // A recipient of case-by-case disclosures only (a victim of abuse, the buyer of the business),
      // whose place the policy does not state: who it is, and so where, exists only once the case
      // does; the notice owes the category of recipient (Art. 13(1)(e)), not a place, and nothing
      // shows a transfer (EDPB 05/2021 criterion 3). A policy that places it abroad is still asked.
      const caseByCase = !s.stores.length && into.length > 0 && into.every((f) => f.occasional) && s.locations.every((l) => l.code === "unspecified");
      if (caseByCase) continue;
      const unplaced = (s.locations.length === 0 && !s.spans.located) || s.locations.some((l) => l.code === "unspecified");
      // The organization's own systems whose place it does not state are one silence of its own:
      // one finding, on the first, the others where it shows.
      if (unplaced && s.operator?.self) { ownUnplaced.push(s); continue; }
      const gap = s.locations.length === 0 && !s.spans.located ? "has no location"
        : s.locations.some((l) => l.code === "unspecified") ? "is located somewhere unspecified"
        // Outside the EEA, but where: the record names the third countries (Art. 30(1)(e)), and the
        // transfer's ground depends on them (Art. 45, 46).
        : s.locations.some((l) => l.code === "abroad") ? "is located outside the EEA, in countries the model does not name" : undefined;
      if (!gap) continue;
      // One vendor whose systems the policy leaves unplaced alike (Google Analytics, AdSense and
      // Firebase) is one question to that vendor: one finding, its other systems related.
      const vendor = s.operator?.vendor;
      const key = vendor !== undefined && s.unnamed === undefined ? `${vendor}\u0000${gap}` : `\u0000${s.id}`;
      const g = byVendor.get(key);
      if (g) g.others.push(s);
      else byVendor.set(key, { s, gap, others: [] });
    }
    for (const { s, gap, others } of byVendor.values()) {
      const also = others.length ? `; so ${others.length === 1 ? "is" : "are"} ${others.map((o) => `\`${o.id}\``).join(", ")}, also run by ${s.operator!.vendor}` : "";
      report(s, gap === "has no location" ? undefined : "located", `system \`${s.id}\` ${gap}${also}`, {
        related: others.map((o) => ({ message: `\`${o.id}\` (${s.operator!.vendor}) ${gap} too`, span: o.spans.located ?? o.span, occurrence: true })),
      });
    }
    const [first, ...others] = ownUnplaced;
    if (first) {
      const ids = ownUnplaced.map((s) => `\`${s.id}\``).join(", ");
      report(first, first.spans.located ? "located" : undefined, others.length ? `the organization's own systems ${ids} are located somewhere unspecified` : `system \`${first.id}\` ${first.spans.located ? "is located somewhere unspecified" : "has no location"}`, {
        related: others.map((s) => ({ message: `\`${s.id}\` is the organization's too, and unplaced`, span: s.spans.located ?? s.span })),
      });
    }
  },
});

defineRule({
  id: "own-location-unstated", severity: "info", title: "Where one of the organization's own systems runs is not stated",
  article: "GDPR Art. 30(1)(e), 30(1)(g); EDPB Guidelines 05/2021 on the interplay between Art. 3 and Chapter V (v2.0, 14 February 2023)",
  description: "An organization of stated country that runs a system itself (`operator self`) and does not say where: no transfer is presumed, since its own systems are no recipient and no importer (for an organization outside the EEA, collecting from people in the EEA is no transfer either, EDPB Guidelines 05/2021), so `location-unspecified` does not warn. The record and the map still cannot place the data; `located <country codes>` says where. One note for all such systems, on the first, the others related. (A system the organization runs in a named third country is judged as a transfer; one with `located US, unspecified` as a transfer to the US and to unknown countries.)",
  help: "add `located <country codes>` where the system runs",
  run({ model, relations, report }) {
    const country = model.organization?.country?.code;
    if (country === undefined) return;
    // One note for the organization's silence about where it runs its systems, naming each.
    const unplaced = model.systems.filter((s) => s.operator?.self && !s.clientSide && !kindUnread(s) && s.locations.every((l) => l.code === "unspecified")
      // A `located` that did not read (a misspelt country) has its own error.
      && !(s.spans.located && !s.locations.length));
    const [first, ...rest] = unplaced;
    if (!first) return;
    const also = rest.length ? `, nor where ${rest.map((s) => `\`${s.id}\``).join(", ")} ${rest.length === 1 ? "runs" : "run"}` : "";
    report(first, first.spans.located ? "located" : undefined, `where the organization's own system \`${first.id}\` runs is not stated${also}; no transfer is presumed, but the record and the map cannot place ${rest.length ? "them" : "it"}`, {
      related: rest.map((s) => ({ message: `\`${s.id}\` is the organization's own, with no location either`, span: s.spans.located ?? s.span, occurrence: true })),
    });
  },
});

defineRule({
  id: "operator-unspecified", severity: "warning", title: "Nobody is said to run a system",
  article: "GDPR Art. 28; Art. 30(1)(d)",
  description: "Recipients are derived from who runs each system: the organization itself (`operator self`) or a named vendor in a role (processor, sub-processor, independent or joint controller). A system with no operator is a warning. Neither is asked of a public authority (\`kind authority\`: it acts under the law that empowers it) nor of a recipient of only credibly anonymous data. A vendor with no role (`operator \"Vendor\"` without `as`) is one finding for all its systems that leave it open (the others related), a warning in the organization's record, which must say who is a processor (Art. 28, 30(1)(d)); in a model read from a published notice (`describes notice`) it is info, since a notice owes the recipients or their categories (Art. 13(1)(e)), not their roles.",
  help: 'add `operator self` or `operator "Vendor Inc." as processor`',
  run({ model, relations, report }) {
    const notice = readFromNotice(model);
    // One vendor whose role is left open on several systems is one question to that vendor.
    const roleless = new Map<string, System[]>();
    for (const s of model.systems) {
      const asksNothing = s.kind === "authority" || receivesOnlyAnonymous(s, relations);
      if (!s.clientSide && !kindUnread(s) && !s.operator && !s.spans.operator) { if (!asksNothing) report(s, undefined, `system \`${s.id}\` has no operator`); }
      // An operator taken from a vendor entry that leaves the role open: `catalogue-role-unstated` says it.
      // A notice owes the recipients or their categories (Art. 13(1)(e)), not their roles: where it
      // leaves one open, that is a question for the organization, which its record must answer.
      // A public authority acts under the law that empowers it, its own controller; a recipient of
      // only credibly anonymous data receives no personal data: neither has a role to state.
      else if (s.operator && !s.operator.self && !s.operator.role && !s.catalogue?.facts.includes("operator") && !asksNothing) {
        const vendor = s.operator.vendor ?? s.id;
        roleless.set(vendor, [...(roleless.get(vendor) ?? []), s]);
      }
    }
    for (const [vendor, [s, ...others]] of roleless) {
      const also = others.length ? `; nor on ${others.map((o) => `\`${o.id}\``).join(", ")}` : "";
      report(s!, "operator", `vendor ${vendor} (system \`${s!.id}\`) has no role${also}${notice ? " (the notice does not say whether it acts as processor or controller: ask)" : ""}`, {
        help: "add `as processor`, `as subprocessor`, `as controller` or `as joint_controller`",
        related: others.map((o) => ({ message: `\`${o.id}\` is ${vendor}'s too, with no role`, span: o.spans.operator ?? o.span, occurrence: true })),
        ...(notice && { severity: "info" as const }),
      });
    }
  },
});
