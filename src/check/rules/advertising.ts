/** Behavioural advertising (Art. 6(1)(f)): ads chosen from a profile of the person's behaviour,
 *  built by an advertising system the organization feeds, cannot rest on legitimate interests
 *  (CJEU C-252/21 Meta Platforms v Bundeskartellamt, paras 115-118). Read from the flows: what a
 *  purpose's own flows deliver to a system of `kind advertising`; no free text is read. */
import { defineRule } from "../registry.js";
import { quotedWords } from "../words.js";
import { bySameWords, sameWordsRelated } from "../same-words.js";
import { anonymousAsClaimed } from "../anonymity.js";
import { readsDeviceForAdsWithoutConsent } from "./consent.js";
import { basesOf, linkedHolds, processedAsProcessor } from "../../model/roles.js";
import type { DataCategory, Flow, Model, Purpose, System } from "../../model/model.js";
import type { Relations } from "../../model/relations.js";
import type { RelatedInfo } from "../../diagnostics.js";

/** Data an advertising system builds a profile of the person's behaviour from, whatever side sends
 *  it: online identifiers (cookie and advertising IDs, IP addresses, which "may be used to create
 *  profiles of the natural persons", Recital 30), what the person does (usage) and their
 *  preferences and interests (profile). */
const profileKinds: ReadonlySet<string> = new Set(["online_identifiers", "usage", "profile"]);
/** Identifiers count too when the person's own device sends them (a device ID the app reads is an
 *  online identifier "provided by their devices, applications", Recital 30); from a server, an
 *  identifier alone (a hashed e-mail for an audience list) is a list matched, not behaviour. */
const deviceIdentifierKinds: ReadonlySet<string> = new Set(["identifiers"]);

/** One flow of the purpose's that feeds an advertising system a profile, and the data that does it. */
interface Feed { flow: Flow; to: System; data: DataCategory[] }

/** The purpose's own flows to advertising systems that carry profile data (see above). Contextual
 *  advertising (an ad chosen for the page or the app, not the person) is modelled by what reaches
 *  the ad system: device data and coarse location, which any ad request carries, and no identifier
 *  or behaviour; such a flow is no feed. */
function profileFeeds(relations: Relations, purpose: Purpose): Feed[] {
  const feeds: Feed[] = [];
  for (const flow of relations.flowsByPurpose.get(purpose.id) ?? []) {
    const from = relations.systems.get(flow.from.id);
    const to = relations.systems.get(flow.to.id);
    // The data subject reaching a third party on their own is no disclosure of the organization's.
    if (!from || to?.kind !== "advertising" || linkedHolds(flow, from, to)) continue;
    const fromDevice = from.clientSide && from.kind !== "peer_device";
    const data = flow.data.flatMap((ref) => {
      const d = relations.data.get(ref.id);
      // Data whose anonymity claim stands is no one's profile; a kind that did not read has its error.
      if (!d?.kind || anonymousAsClaimed(d, relations)) return [];
      return profileKinds.has(d.kind) || (fromDevice && deviceIdentifierKinds.has(d.kind)) ? [d] : [];
    });
    if (data.length) feeds.push({ flow, to, data });
  }
  return feeds;
}

/** `children-profiled` states it already when every data subject of the purpose is a child: it names
 *  the purpose, its advertising systems and its legitimate interests, "overridden in particular where
 *  the data subject is a child". A subject whose kind did not read may be a child: quiet. */
function onlyChildren(model: Model, purpose: Purpose): boolean {
  if (!purpose.subjects.length) return false;
  const subjects = new Map(model.subjects.map((s) => [s.id, s]));
  return purpose.subjects.every((r) => {
    const s = subjects.get(r.id);
    return s !== undefined && (s.kind === "child" || (s.spans.kind !== undefined && !s.kind));
  });
}

const names = (ids: Iterable<string>) => [...new Set(ids)].map((id) => `\`${id}\``).join(", ");

/** The policy's words for the legitimate-interests basis: its own words when each basis has them. */
function interestWords(p: Purpose): string | undefined {
  const i = p.bases?.indexOf("legitimate_interests") ?? -1;
  return i >= 0 && p.basesWords ? p.basesWords[i] : p.basisNote;
}

defineRule({
  id: "behavioural-ads-on-legitimate-interests", severity: "warning", title: "Behavioural advertising rests on legitimate interests",
  article: "GDPR Art. 6(1)(f), 6(1)(a); Recitals 30, 47; CJEU C-252/21 Meta Platforms v Bundeskartellamt (4 July 2023), paras 115-118; EDPB Urgent Binding Decision 01/2023 (27 October 2023)",
  description: `Advertising chosen from a profile of what a person does online cannot rest on legitimate interests (Art. 6(1)(f)). Recital 47 says that "the processing of personal data for direct marketing purposes may be regarded as carried out for a legitimate interest", but the person's interests "could in particular override" it "where personal data are processed in circumstances where data subjects do not reasonably expect further processing". The Court of Justice applied that to personalised advertising in C-252/21 *Meta Platforms v Bundeskartellamt* (Grand Chamber, 4 July 2023): the interest may be legitimate (para 115), but the balancing weighs the person's reasonable expectations, the scale of the processing and its impact (para 116); a user "cannot reasonably expect" their data to be processed "without his or her consent, for the purposes of personalised advertising", so their interests override and such processing "cannot fall within the scope of point (f)" (para 117), all the more where a large part of their online activity is monitored (para 118). The EDPB then instructed the Irish authority to ban Meta's processing for behavioural advertising on contract and legitimate interests across the EEA (Urgent Binding Decision 01/2023, 27 October 2023). The judgment concerns a social network's operator; the rule applies its reasoning to any organization that feeds an advertising system identifiers or behaviour, where the same expectation fails. What differs from the direct marketing Recital 47 allows (writing to one's own customers about similar products) is the profile: an ad system that receives identifiers or behaviour can follow the person across sites and apps, which nobody expects from using one of them.

Sources (checked 2026-12-01): the judgment, ECLI:EU:C:2023:537, https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:62021CJ0252 ; the EDPB decision, https://edpb.europa.eu/system/files/2023-12/edpb_urgentbindingdecision_202301_no_metaplatformsireland_en_0.pdf . (EDPB Binding Decision 1/2023 under Art. 65 concerns Meta's transfers to the US, not its bases.)

**What triggers it.** A purpose of the organization's own that rests on \`legitimate_interests\`, alone or among several bases, and whose own flows deliver to a system of \`kind advertising\` data it builds a profile from: online identifiers (cookie and advertising IDs, IP addresses: Recital 30 says they "may be used to create profiles"), usage data and profile data, from any side; and identifiers sent by the data subject's own browser or app (device IDs). One finding per purpose, on its \`basis\` line, naming the advertising systems and the data, each flow a related place; purposes that rest on legitimate interests in the same policy words are one finding, the others related.

**Contextual advertising** (an ad chosen for the page, the app or the search, not for the person) builds no profile. Model it by what reaches the ad system: device data and coarse location only, no online identifier, identifier or behaviour; such a flow does not trigger the rule. An ad flow that carries an advertising ID is not contextual, whatever the policy calls it.

**How it relates to \`cookie-consent-missing\`.** Reading an identifier from the device needs prior consent under ePrivacy Art. 5(3); the profiling that follows needs its own Art. 6 basis (EDPB Opinion 5/2019). These are two provisions, but one fix answers both where a purpose rests on legitimate interests and reads the device for an advertising system: consent, obtained before the SDK or tag runs, that covers the ads. That purpose is \`cookie-consent-missing\`'s finding, on the same \`basis\` line, which says the purpose rests on legitimate interests instead of consent; this rule is then silent. It speaks where that finding cannot: a purpose that asks consent for the device read or the disclosure but rests the profiling itself on legitimate interests (\`basis legitimate_interests "...", consent "..."\`), and behaviour or identifiers sent to an ad system from the organization's servers. A consent obtained in a way the law does not count is \`consent-invalid\`'s finding (on \`consent\`), a separate problem from the legitimate interests this rule reads.

**Silent** for a purpose carried out as a processor (\`role processor\`: the controller answers for its basis), for flows the data subject makes on their own (\`linked\`), for data whose anonymity claim stands (\`anonymous\` on a kind that does not identify), for a \`basis\` that did not read (its own error), and for a purpose whose data subjects are all children (\`kind child\`), which \`children-profiled\` reports with its legitimate interests. A purpose resting on \`contract\` for the same ads is another question, not this rule's (Art. 6(1)(b): C-252/21, paras 97-104).`,
  help: "rest the personalised advertising on consent obtained before the identifiers are read or sent (`basis consent` and `consent opt_in`), or serve contextual ads that send the ad network no identifier or behaviour",
  run({ model, relations, report }) {
    const found = new Map<Purpose, Feed[]>();
    for (const p of model.purposes) {
      // A basis that did not read leaves the purpose with none (the model builder): its error stands alone.
      if (!basesOf(p).includes("legitimate_interests") || processedAsProcessor(model, p)) continue;
      const feeds = profileFeeds(relations, p);
      // `cookie-consent-missing` states this purpose's problem already when it reads identifiers from
      // the user's device for an advertising system without resting on consent: that finding, on the
      // same `basis` line, says it rests on legitimate interests instead of prior consent, and one fix
      // (consent before the SDK runs, covering the ads) answers both. Its own test decides.
      if (!feeds.length || readsDeviceForAdsWithoutConsent(model, relations, p) || onlyChildren(model, p)) continue;
      found.set(p, feeds);
    }
    for (const [p, ...others] of bySameWords([...found.keys()], () => "legitimate_interests")) {
      const feeds = found.get(p)!;
      const systems = names(feeds.map((f) => f.to.id));
      const data = names(feeds.flatMap((f) => f.data.map((d) => d.id)));
      const plural = new Set(feeds.map((f) => f.to.id)).size > 1 ? "systems" : "system";
      const alongside = basesOf(p).includes("consent") ? "; the consent it also states does not cover the processing it rests on legitimate interests" : "";
      const also = others.length ? ` (as do ${names(others.map((o) => o.id))}, in the same words)` : "";
      const related: RelatedInfo[] = [
        ...feeds.map((f) => ({ message: `\`${f.flow.from.id}\` -> \`${f.flow.to.id}\` delivers ${names(f.data.map((d) => d.id))}`, span: f.flow.span, occurrence: true })),
        ...sameWordsRelated(others, (o) => `purpose \`${o.id}\` rests its advertising on the same words`),
        ...others.flatMap((o) => found.get(o)!.map((f) => ({ message: `\`${f.flow.from.id}\` -> \`${f.flow.to.id}\` delivers ${names(f.data.map((d) => d.id))} for \`${o.id}\``, span: f.flow.span, occurrence: true }))),
      ];
      report(p, "basis", `purpose \`${p.id}\` sends ${data} to the advertising ${plural} ${systems}, data a profile of the person is built from, and rests that on legitimate interests${quotedWords(interestWords(p))}${also}: people cannot reasonably expect personalised advertising without their consent, so their interests override (Art. 6(1)(f); CJEU C-252/21, paras 115-118)${alongside}`, { related });
    }
  },
});
