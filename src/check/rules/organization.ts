/** The organization itself: Art. 30(1)(a) contact details and the Art. 27 representative. */
import { defineRule } from "../registry.js";
import { quotedWords } from "../words.js";
import { readFromNotice } from "../../model/notice.js";
import { eeaCountries } from "../../legal/gdpr-transfers.js";
import { countryName } from "../../legal/countries.js";
import { Right, rightArticle } from "../../model/vocabulary.js";
import { processedAsProcessor } from "../../model/roles.js";
import { isPartialIsoDate } from "../../model/build.js";
import type { Model, Organization } from "../../model/model.js";

defineRule({
  id: "representative-missing", severity: "warning", title: "A non-EEA organization names no EU representative",
  article: "GDPR Art. 3(2); Art. 27; Art. 30(1)(a); EDPB Guidelines 3/2018 on territorial scope (12 November 2019)",
  description: "A controller or processor established outside the Union is subject to the GDPR when it offers goods or services to people in the Union or monitors their behaviour there (Art. 3(2)); it must then designate a representative in the Union in writing (Art. 27), and the record names it. Exceptions (occasional, low-risk processing; public authorities) are narrow. The model states the targeting with `targets eea \"<the policy's words>\"` (a named representative implies it). A non-EEA organization that states neither gets this finding, saying that whether the GDPR applies to it is not stated: one finding, because the representative is owed exactly when it applies.",
  help: 'add `representative "<name, address, email>"` to the organization (and `targets eea "<the policy\'s words>"` to record why the GDPR applies)',
  run({ model, report }) {
    const org = model.organization;
    // `representative none "reason"`: the policy claims an Art. 27(2) exemption; it is on record (the register shows it).
    if (!org || model.regime !== "gdpr" || org.representative !== undefined || org.representativeNone) return;
    const c = org.country?.code;
    if (!c || countryName(c) === c || eeaCountries.has(c)) return;
    // A `targets` that did not read has its own error: whether targeting is stated cannot be told.
    if (org.spans.targets && !org.targets) return;
    const where = `${org.name} is established in ${countryName(c)}, outside the EEA`;
    if (org.targets) {
      report(org, "targets", `${where}, and targets people in the EEA (Art. 3(2)), but names no EU representative (Art. 27)`);
    } else {
      report(org, "country", `${where}, and names no EU representative; the model does not say whether it offers its services to, or monitors, people in the EEA (Art. 3(2)), so whether the GDPR applies to it is not stated`, {
        help: 'if it targets people in the EEA, add `targets eea "<the policy\'s words>"` and `representative "<name, address, email>"`',
      });
    }
  },
});

/** Stated, or written and unread (the value's own error says so): either way not "missing". */
const written = (org: Organization, key: "contact" | "address") => org[key] !== undefined || org.spans[key] !== undefined;

/** A model of a published notice (`describes notice`, or a header that names its `source`): what it
 *  leaves out the notice leaves out. */
const ofPublishedNotice = (model: Model) => model.source !== undefined || readFromNotice(model);

/** Whether the address is owed in this finding: for a controller, in a model of its notice. */
const addressOwed = (model: Model, org: Organization) =>
  ofPublishedNotice(model) && (org.role === "controller" || org.role === "joint_controller") && !written(org, "address");

/** Someone the data subjects can write to: a contact, an address, the DPO (Art. 38(4)) or the
 *  EU representative (Art. 27(4)). */
const reachable = (org: Organization) => written(org, "contact") || written(org, "address") || org.dpo !== undefined || org.spans.dpo !== undefined || org.representative !== undefined;

defineRule({
  id: "controller-contact-missing", severity: "error", title: "The organization's identity or contact details are incomplete",
  article: "GDPR Art. 13(1)(a), 14(1)(a); Art. 30(1)(a), 30(2)(a); Art. 12(2); Art. 27",
  description: "The privacy notice and the record give the controller's identity and contact details, and where it is established (Art. 13(1)(a), 14(1)(a), 30(1)(a); a processor's record its own, Art. 30(2)(a)). An organization that states no `contact`, no `address`, no DPO and no representative cannot be reached at all: nobody can exercise a right (Art. 12(2)) or ask a question, and the finding is an **error**. An organization that can be reached but gives no `contact`, no `country` or no `role` gets a **warning** naming what is missing (and the address too, when `controller-address-missing` would report it: one finding on the organization). Without a country, whether an organization established outside the Union must name an EU representative (Art. 27, `representative-missing`) cannot be decided either, and the finding says so. A `country` or `role` written but unread (its own error) is not reported as missing.",
  help: 'add `contact "<email or web form>"`, `address "<legal name, postal address>"` and `country <CC>`',
  run({ model, report }) {
    const org = model.organization;
    if (!org) return;
    const missing = [!written(org, "contact") && "contact", !org.spans.country && "country", !org.spans.role && "role"].filter((x): x is string => !!x);
    // Without a country, `representative-missing` cannot tell whether Art. 27 applies: say so here.
    const art27 = !org.spans.country && org.representative === undefined && model.regime === "gdpr"
      ? "; without a country, whether it must name an EU representative (Art. 27) cannot be told"
      : "";
    if (!reachable(org)) {
      const also = missing.filter((m) => m !== "contact");
      report(org, undefined, `organization \`${org.id}\` gives no contact, no address, no DPO and no representative: nobody can reach it to exercise a right or ask a question${also.length ? `; it gives no ${also.join(", ")} either` : ""}${art27}`);
      return;
    }
    if (!missing.length) return;
    if (addressOwed(model, org)) missing.push("address");
    report(org, undefined, `organization \`${org.id}\` gives no ${missing.join(", ")}${art27}`, { severity: "warning" });
  },
});

defineRule({
  id: "controller-address-missing", severity: "info", title: "The notice gives the controller no postal address",
  article: "GDPR Art. 13(1)(a), 14(1)(a); Art. 12(1); WP29 Guidelines on transparency under Regulation 2016/679 (WP260 rev.01, 11 April 2018), Annex",
  description: "The notice gives the controller's identity and contact details (Art. 13(1)(a), 14(1)(a)). The WP29's transparency guidelines read this as information that lets the data subject identify the controller easily and, preferably, reach it in more than one way (an e-mail address, a postal address, a telephone number). A notice that gives only an e-mail address or a web form and no postal address names no place where the controller can be found or served. Reported as information, on an organization whose `role` is `controller` or `joint_controller`, in a model read from a published notice (the header states `source` or `describes notice`: a record kept by the organization itself need not write its own address down); not when `controller-contact-missing` already reports the organization (its finding names the address too).",
  help: 'add `address "<legal name, postal address>"` as the notice gives it, or ask for it to be given',
  run({ model, report }) {
    const org = model.organization;
    // controller-contact-missing reports an organization missing more; its finding names the address.
    if (!org || org.contact === undefined || !addressOwed(model, org) || !org.spans.country || !org.spans.role) return;
    report(org, undefined, `organization \`${org.id}\` gives a contact ("${org.contact ?? ""}") but no postal address; the notice names no place where the controller can be found`);
  },
});

defineRule({
  id: "rights-incomplete", severity: "warning", title: "The notice does not state every right the data subjects have",
  article: "GDPR Art. 13(2)(b)-(d), 14(2)(c)-(e); Art. 7(3), 15-18, 20, 21, 77",
  description: `The privacy notice tells people which rights they have: access (Art. 15), rectification (16), erasure (17), restriction (18), and a complaint to a supervisory authority (77) always; objection (21) where a purpose rests on legitimate interests or a public task; portability (20) where one rests on consent or a contract; withdrawal of consent (7(3)) where one rests on consent. \`rights access, rectification, erasure "<the policy's words>"\` on the organization records what the policy states (the words: ${Right.options.join(", ")}). One finding on the organization names every right missing, or, for \`rights none "<the policy's words>"\`, says the notice states none. A model with no \`rights\` line does not say what the notice states, and is not judged on it. Not reported for an organization that is only a processor: informing the data subjects is its controllers' duty.`,
  help: `add the missing rights to the organization's \`rights\` line (${Right.options.join(", ")}), and to the notice`,
  run({ model, report }) {
    const org = model.organization;
    if (!org || model.regime !== "gdpr") return;
    const purposes = model.purposes.filter((p) => !processedAsProcessor(model, p));
    if (!purposes.length) return;
    const on = (...bases: string[]) => purposes.some((p) => (p.basis && bases.includes(p.basis)) || (bases.includes("consent") && p.condition === "explicit_consent"));
    const owed: Array<(typeof Right.options)[number]> = ["access", "rectification", "erasure", "restriction"];
    if (on("consent", "contract")) owed.push("portability");
    if (on("legitimate_interests", "public_task")) owed.push("objection");
    if (on("consent")) owed.push("withdrawal");
    owed.push("complaint");
    const words = (rs: typeof owed) => rs.map((r) => `${r} (${rightArticle[r]})`).join(", ");
    if (!org.rights) return;
    if (org.rights.none) {
      report(org, "rights", `the notice states none of the data subjects' rights; owed here: ${words(owed)}`, { help: `state them in the notice, then write \`rights ${owed.join(", ")}\`` });
      return;
    }
    const missing = owed.filter((r) => !org.rights!.list.includes(r));
    if (missing.length) report(org, "rights", `the notice states ${org.rights.list.join(", ")} but not ${words(missing)}`);
  },
});

/** The GDPR applies from 25 May 2018 (Art. 99(2)). */
const gdprApplies = "2018-05-25";

defineRule({
  id: "policy-predates-gdpr", severity: "info", title: "The policy was last updated before the GDPR applied",
  article: "GDPR Art. 99(2); Art. 12-14; Art. 5(2)",
  description: `The GDPR applies from ${gdprApplies} (Art. 99(2)). A notice last updated before then was written for Directive 95/46/EC and, unless it was reviewed since, lacks what Art. 13 and 14 added (the legal basis, the retention period, the right to portability and to complain, the transfer safeguards). Reported when the model's \`updated\` date (YYYY, YYYY-MM or YYYY-MM-DD) is wholly before ${gdprApplies}, unless the notice states the right to data portability (\`rights ... portability\`): Art. 20 is new in the GDPR, so a notice that states it was written for it (many were published in the weeks before it applied).`,
  help: "review the notice against Art. 13 and 14, then date it (`updated \"YYYY-MM-DD\"`)",
  run({ model, reportAt }) {
    const u = model.updated;
    const span = model.spans?.updated;
    // A date that did not read has its own error.
    if (!u || !span || !isPartialIsoDate(u)) return;
    // The latest day the stated precision allows: "2018" may be December 2018.
    const latest = u.length === 4 ? `${u}-12-31` : u.length === 7 ? `${u}-31` : u;
    // A notice that states the right to data portability (Art. 20), which Directive 95/46/EC did not
    // have, was written for the GDPR whatever its date (notices were published in the weeks before).
    if (model.organization?.rights?.list.includes("portability")) return;
    if (latest < gdprApplies) reportAt(span, `the policy was last updated on ${u}, before the GDPR applied (${gdprApplies})`);
  },
});

defineRule({
  id: "policy-undated", severity: "info", title: "The notice carries no date",
  article: "GDPR Art. 12(1), 13, 14; Art. 5(2); WP29 Guidelines on transparency under Regulation 2016/679 (WP260 rev.01, 11 April 2018), section \"Changes to Article 13 and Article 14 information\"",
  description: "A notice that carries no date or version does not let the data subjects tell which text applied when they gave their data, nor whether it changed since (the WP29 asks that changes to the information be communicated, and a date is how a reader tells versions apart), and the organization cannot show which version it gave (Art. 5(2)). Reported as information on a model read from a published notice (the header states `source \"<where it was read>\"` or `describes notice`) whose header has no `updated` date. A record the organization keeps (no `source`, no `describes notice`) is not judged on it. The finding points at the header's `source` line where the model records its place, else at the start of the file.",
  help: 'date the notice, then write `updated "YYYY-MM-DD"` (or `"YYYY-MM"`, `"YYYY"`, as precise as the notice is)',
  run({ model, reportAt }) {
    if (!ofPublishedNotice(model) || model.updated !== undefined || model.spans?.updated) return;
    // The header's own span is not in the model; the `source` line's is when the builder keeps it.
    const at = model.spans?.source ?? model.spans?.describes ?? { file: model.file, start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 };
    const where = model.source !== undefined ? `the model reads a published notice${quotedWords(model.source)}` : "the model reads a published notice (`describes notice`)";
    reportAt(at, `${where}, but gives no date for it (\`updated\`): which version the data subjects were given cannot be told`);
  },
});
