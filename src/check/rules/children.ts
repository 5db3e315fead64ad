/** Children (Art. 8, Recital 38): consent from children below the age their member state sets, and
 *  children's data used for advertising or profiles. Read from `kind child` on subjects and the
 *  organization's `minimum_age`; the national ages are in src/legal/children.ts. */
import { defineRule } from "../registry.js";
import { quotedWords } from "../words.js";
import { basesOf, linkedHolds, processedAsProcessor } from "../../model/roles.js";
import { childConsentAge, childConsentAsOf, gdprChildConsentAge, lowestChildConsentAge } from "../../legal/children.js";
import { countryName, countryNames } from "../../legal/countries.js";
import { eeaCountries } from "../../legal/gdpr-transfers.js";
import type { Flow, Model, Purpose, Subject, System } from "../../model/model.js";
import type { Relations } from "../../model/relations.js";
import type { RelatedInfo } from "../../diagnostics.js";

/** The Art. 8 age the organization's service is measured against, and how the finding names it. */
interface ConsentAge {
  years: number;
  /** "16 in Germany (no lower age set in German law (BDSG))" */
  says: string;
}

/** The age for the organization's country: the national one when confirmed; the GDPR's 16 with the
 *  national leeway said when not; "13 to 16 by member state" for an organization outside the EEA
 *  that targets it, or whose country the model does not state. Undefined when the country did not
 *  read (its own error) or when a non-EEA organization is not said to target the EEA. */
export function articleEightAge(model: Pick<Model, "organization">): ConsentAge | undefined {
  const org = model.organization;
  if (org?.spans.country && !org.country) return undefined;
  const code = org?.country?.code;
  const known = code !== undefined && countryNames[code] !== undefined;
  if (known && eeaCountries.has(code)) {
    const national = childConsentAge(code);
    if (!national) {
      return { years: gdprChildConsentAge, says: `${gdprChildConsentAge} under the GDPR in ${countryName(code)}, unless its law sets a lower age (not below ${lowestChildConsentAge}; flowmap has no confirmed national age for it)` };
    }
    const pending = national.pending ? `; ${national.pending}, not confirmed enacted when checked on ${childConsentAsOf}` : "";
    return { years: national.years, says: `${national.years} in ${countryName(code)} (${national.provision}${pending})` };
  }
  if (known && org?.targets?.zone !== "eea") return undefined;
  const where = known ? `${countryName(code)} is outside the EEA` : "the organization's country is not stated";
  return { years: gdprChildConsentAge, says: `${lowestChildConsentAge} to ${gdprChildConsentAge} by the child's member state (${gdprChildConsentAge} unless its law sets a lower age; ${where})` };
}

/** Purposes of the organization's own that rest on consent: Art. 6(1)(a), or Art. 9(2)(a). */
function consentPurposes(model: Model): Purpose[] {
  // Consent from the holder of parental responsibility (`consent parental "..."`, or with its form:
  // `consent explicit, parental`) is what Art. 8(1) asks for.
  return model.purposes.filter((p) => (basesOf(p).includes("consent") || p.condition === "explicit_consent") && !p.consent?.parental && !processedAsProcessor(model, p));
}

/** Up to three names, then how many more (every one is a related place). */
const names = (ids: string[]) => {
  const shown = ids.slice(0, 3).map((id) => `\`${id}\``).join(", ");
  return ids.length > 3 ? `${shown} and ${ids.length - 3} more` : shown;
};
const parental = "consent must be given or authorised by the holder of parental responsibility (Art. 8(1)), and the organization must make reasonable efforts to verify that it is (Art. 8(2))";

defineRule({
  id: "child-consent-below-age", severity: "warning", title: "Consent relied on from children below the Art. 8 age",
  article: "GDPR Art. 8(1), 8(2), 6(1)(a); Recital 38; EDPB Guidelines 05/2020 on consent, section 7.1",
  description: `Where an information society service (an online service) is offered directly to a child and a purpose rests on consent (\`basis consent\`, or \`condition explicit_consent\` for Art. 9 data), the child may consent alone only from 16, or from the lower age its member state sets (not below 13); below it, consent must be given or authorised by the holder of parental responsibility, and the controller must make reasonable efforts to verify that (Art. 8(1), (2)). The rule compares the organization's \`minimum_age\` with the Art. 8 age of its \`country\`: the national age where flowmap has confirmed it (src/legal/children.ts, with each provision and its source), the GDPR's 16 with the national leeway said where it has not, and "13 to 16 by member state" for an organization outside the EEA that \`targets eea\` or whose country the model does not state (a cross-border service may need to meet the age of each member state it is offered in, EDPB Guidelines 05/2020 § 131). It reports once, on \`minimum_age\`, when the service admits users below that age and any of its own purposes rests on consent (a \`minimum_age\` below 13 is below every member state's age); and, when the model states no \`minimum_age\`, once per subject of \`kind child\` whose purposes rest on consent. A processor's purposes (\`role processor\`) are the controller's to answer for. Silent when the service's minimum age is at or above the Art. 8 age, when the country or the minimum age did not read, and for a non-EEA organization not said to target the EEA. flowmap assumes the service is an information society service; where it is not, Art. 8 does not apply.`,
  help: "obtain and verify parental consent for users below the Art. 8 age (Art. 8(2)), raise the service's minimum age to it, or rest the purposes on a basis other than consent where one truly applies",
  run({ model, report }) {
    const org = model.organization;
    if (org?.spans.minimum_age && !org.minimumAge) return;
    const age = articleEightAge(model);
    const purposes = consentPurposes(model);
    if (!purposes.length) return;
    const min = org?.minimumAge;
    if (org && min) {
      const belowEvery = min.years < lowestChildConsentAge;
      if (!belowEvery && (!age || min.years >= age.years)) return;
      const says = age?.says ?? `${lowestChildConsentAge} to ${gdprChildConsentAge} by member state`;
      const words = quotedWords(min.note);
      const lowest = belowEvery ? `, below ${lowestChildConsentAge}, the lowest age any member state may set,` : "";
      const related: RelatedInfo[] = purposes.map((p) => ({ message: `\`${p.id}\` rests on consent`, span: p.spans.basis ?? p.spans.condition ?? p.span, occurrence: true }));
      report(org, "minimum_age", `the service admits users from ${min.years}${words}${lowest} while the Art. 8 age is ${says}, and ${names(purposes.map((p) => p.id))} ${purposes.length > 1 ? "rest" : "rests"} on consent: for users below that age, ${parental}`, { related });
      return;
    }
    if (!age) return;
    for (const s of model.subjects) {
      if (s.kind !== "child") continue;
      const theirs = purposes.filter((p) => p.subjects.some((r) => r.id === s.id));
      if (!theirs.length) continue;
      const related: RelatedInfo[] = theirs.map((p) => ({ message: `\`${p.id}\` rests on consent`, span: p.spans.basis ?? p.spans.condition ?? p.span, occurrence: true }));
      report(s, "kind", `children (\`${s.id}\`) are data subjects of ${names(theirs.map((p) => p.id))}, which ${theirs.length > 1 ? "rest" : "rests"} on consent, and the model states no \`minimum_age\`: below the Art. 8 age, ${age.says}, ${parental}`, { related });
    }
  },
});

/** Systems that build or use profiles for marketing: advertising of any operator, and analytics an
 *  independent controller runs for its own ends (a processor's analytics work for the organization). */
function profilingSystem(s: System | undefined): boolean {
  if (!s?.kind) return false;
  if (s.kind === "advertising") return true;
  return s.kind === "analytics" && (s.operator?.role === "controller" || s.operator?.role === "joint_controller");
}

/** A child subject's purposes of the organization's own whose flows reach such a system. */
function profilingFlows(model: Model, relations: Relations, subject: Subject): { purpose: Purpose; flow: Flow; to: System }[] {
  const out: { purpose: Purpose; flow: Flow; to: System }[] = [];
  for (const p of model.purposes) {
    if (!p.subjects.some((r) => r.id === subject.id) || processedAsProcessor(model, p)) continue;
    for (const f of relations.flowsByPurpose.get(p.id) ?? []) {
      const from = relations.systems.get(f.from.id);
      const to = relations.systems.get(f.to.id);
      if (!to || linkedHolds(f, from, to) || !profilingSystem(to)) continue;
      out.push({ purpose: p, flow: f, to });
    }
  }
  return out;
}

defineRule({
  id: "children-profiled", severity: "warning", title: "Children's data used for advertising or profiles",
  article: "GDPR Recitals 38, 71; Art. 6(1)(f), 21, 22; WP29 Guidelines on automated decision-making and profiling (WP251rev.01); DSA (Regulation (EU) 2022/2065) Art. 28(2)",
  description: `Children merit specific protection, "in particular" where their data is used "for the purposes of marketing or creating personality or user profiles" (Recital 38); a decision based solely on automated processing "should not concern a child" (Recital 71), and the WP29 guidelines on profiling (WP251rev.01, endorsed by the EDPB) ask organisations to refrain in general from profiling children for marketing. Legitimate interests are overridden "in particular where the data subject is a child" (Art. 6(1)(f)). An online platform may not present advertisements based on profiling to a recipient it knows with reasonable certainty to be a minor (DSA Art. 28(2)). The rule reports once per subject of \`kind child\` whose purposes (the organization's own, not a processor's) send data to an \`advertising\` system, or to an \`analytics\` system an independent controller runs; each flow is a related place. Flows the data subject makes on their own (\`linked\`) are not the organization's disclosure. Silent for subjects of other kinds and for analytics run by a processor.`,
  help: "keep children's data out of advertising and third-party analytics (serve contextual ads without identifiers, or none), or exclude children from those purposes and say how",
  run({ model, relations, report }) {
    for (const s of model.subjects) {
      if (s.kind !== "child") continue;
      const found = profilingFlows(model, relations, s);
      if (!found.length) continue;
      const purposes = [...new Set(found.map((x) => x.purpose.id))];
      const systems = [...new Set(found.map((x) => x.to.id))];
      const onInterests = purposes.filter((id) => { const p = relations.purposes.get(id); return p !== undefined && basesOf(p).includes("legitimate_interests"); });
      const li = onInterests.length ? `; ${names(onInterests)} ${onInterests.length > 1 ? "rest" : "rests"} on legitimate interests, which are overridden "in particular where the data subject is a child" (Art. 6(1)(f))` : "";
      // Each purpose that profiles them is where the problem shows (occurrences), each flow where the data goes.
      const related: RelatedInfo[] = [
        ...purposes.map((id) => ({ message: `\`${id}\` uses children's data for this`, span: relations.purposes.get(id)!.span, occurrence: true })),
        ...found.map((x) => ({ message: `${x.flow.from.id} -> ${x.flow.to.id} for \`${x.purpose.id}\``, span: x.flow.span })),
      ];
      report(s, "kind", `children (\`${s.id}\`) are data subjects of ${names(purposes)}, whose data goes to ${names(systems)} (${systems.map((id) => relations.systems.get(id)?.kind).filter((k, i, a) => a.indexOf(k) === i).join(", ")}): children's data used for marketing or profiles needs specific protection (Recital 38)${li}`, { related });
    }
  },
});
