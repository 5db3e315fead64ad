/** Art. 48: a third country's court or authority is not a contract partner. Its demand is recognised
 *  only on an international agreement (an MLAT); otherwise only an Art. 49 derogation can carry the
 *  disclosure. A recipient is a public authority when its system says `kind authority`. */
import { defineRule } from "../registry.js";
import { placeLabel, type TransferProblem } from "../transfers.js";

/** The fix for a disclosure to a foreign authority: never SCCs. Shared with the other transfer rules'
 *  help when their recipient is an authority. */
export const authorityHelp =
  "disclose only through an international agreement in force with the requesting country (such as an MLAT) and write `mechanism international_agreement \"<agreement>\"`; without one, only an Art. 49 derogation for an occasional disclosure can apply: `mechanism derogation e` (legal claims) or `derogation d` (an important public interest recognised in Union or Member State law)";

defineRule({
  id: "authority-transfer-without-agreement", severity: "error", title: "A disclosure to a third country's public authority rests on no ground Art. 48 leaves",
  article: "GDPR Art. 48, 49(1)(b)-(e), 49(4); EDPB Guidelines 2/2018 on derogations, sections 2.2-2.5; EDPB-EDPS joint response on the US CLOUD Act (July 2019); EDPB Guidelines 02/2024 on Article 48 (June 2025)",
  description: `A system with \`kind authority\` is a public authority: a court, the police, a regulator, a tax office. A flow to one outside the EEA (or to one whose country is \`unspecified\`, \`anywhere\` or \`global\`) is a disclosure on a third country's demand, and Art. 48 governs it. An exception: for an organization established in the EEA, "the authorities" with no country stated and no ground stated on the flow are presumed the authorities of the Union or Member State law its obligations arise under (Art. 6(3)); that is no transfer, and neither this rule nor \`location-unspecified\` reports it (a named third country, or a stated ground such as an MLAT, is judged). For an organization established outside the EEA such authorities are likewise presumed its own country's, and the disclosure is judged as one to that country: covered where it has an adequacy decision (a UK organization's), Art. 48's question where it has none (a US organization's). Art. 48 reads: "any judgment of a court or tribunal and any decision of an administrative authority of a third country requiring a controller or processor to transfer or disclose personal data may only be recognised or enforceable in any manner if based on an international agreement, such as a mutual legal assistance treaty, in force between the requesting third country and the Union or a Member State, without prejudice to other grounds for transfer pursuant to this Chapter".

What can carry such a disclosure:

- \`mechanism international_agreement "<agreement>"\`: the agreement Art. 48 names (a mutual legal assistance treaty, or an agreement providing for direct requests to companies). The EDPB reads Art. 48 as no ground for transfer by itself, but an agreement may provide both the Art. 6 legal basis (Art. 6(1)(c) or (e)) and the ground for transfer (Art. 46(2)(a)) (Guidelines 02/2024). A dedicated word, rather than \`authority_instrument\` or a note, because the register and the map must say which ground a disclosure rests on, and a policy that says "we disclose only under a mutual legal assistance treaty" says exactly this. On a flow to anything but an authority it covers nothing (\`transfer-without-mechanism\`).
- \`mechanism authority_instrument\`: a legally binding and enforceable instrument between public authorities or bodies (Art. 46(2)(a)). Only an organization that is itself a public body is a party to one; flowmap cannot see that and takes the claim as written.
- \`mechanism derogation <point>\`, for an occasional disclosure, read narrowly. The ones that can fit a demand by an authority are (d), important reasons of public interest, which must be recognised in Union or Member State law, not only in the requesting country's (Art. 49(4); Guidelines 2/2018, 2.4), and (e), the establishment, exercise or defence of legal claims, which needs a close link to a specific procedure (2.5); in their joint response on the US CLOUD Act (2019) the EDPB and the EDPS conclude that, without an international agreement, a US order alone cannot make the disclosure lawful and the derogations apply only narrowly, case by case. Points (b) and (c) cannot: they need the transfer to be necessary for a contract with, or concluded in the interest of, the data subject (2.2-2.3), and an authority's demand is neither, so this rule reports a disclosure that rests on them. Whether a public interest is recognised in Union or Member State law is not checked. Regularity is \`derogation-for-regular-transfer\`'s finding.
- An adequacy decision that covers the whole country (Switzerland, the United Kingdom, ...) covers the authority like any recipient, so no finding. Partial decisions do not: the United States' covers only organisations certified under the Data Privacy Framework, Japan's the private sector, Canada's commercial organisations under PIPEDA; claiming them is \`adequacy-not-available\` or \`dpf-invalid\`.

Standard contractual clauses, binding corporate rules, codes of conduct, certifications and ad-hoc clauses bind the importer by contract or by its own commitments; a public authority exercising its powers gives neither, so they cover nothing here. This rule reports a disclosure that rests on one of them or on nothing, once per flow, naming every country concerned; \`transfer-without-mechanism\` and \`transfer-unknown-destination\` stay silent for it, and their fix hints do not suggest SCCs for an authority. The map and the register show the disclosure as not covered, and the register lists the recipient as a public authority.

Whether the disclosure has an Art. 6 legal basis is a separate question: a legal obligation under third-country law is not one (Art. 6(3)), which flowmap does not check yet.`,
  help: authorityHelp,
  run({ model, transfers, relations, report }) {
    const flows = new Map(model.flows.map((f) => [f.id, f]));
    for (const t of transfers) {
      const problems = t.problems.filter((p): p is Extract<TransferProblem, { rule: "authority-transfer-without-agreement" }> => p.rule === "authority-transfer-without-agreement");
      if (!problems.length) continue;
      const flow = flows.get(t.flow)!;
      const to = relations.systems.get(t.to)!;
      const places = problems.map((p) => placeLabel(p.place)).join(" and ");
      const { reason, contractual } = problems[0]!;
      const rests = contractual
        ? `rests on ${contractual}, which cannot bind a public authority; Art. 48 recognises a third country's demand only under an international agreement`
        : `rests on ${reason}`;
      report(flow, flow.mechanism ? "mechanism" : "to", `disclosure from \`${t.from}\` to the public authority \`${t.to}\` in ${places} ${rests}`, {
        related: [{ message: `\`${t.to}\` is a public authority (\`kind authority\`)`, span: to.spans.kind ?? to.span }],
      });
    }
  },
});
