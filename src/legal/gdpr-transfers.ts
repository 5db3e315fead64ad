/** GDPR Chapter V facts as data, so a user can read and update them in one place.
 *  Source: shared/reference/gdpr-transfers.md (European Commission adequacy page, GDPR Art. 44-49, EDPB),
 *  gathered 2026-11. Update `asOf` when a row changes. */

export const transferFactsAsOf = "2026-11-01";
export const transferFactsSource =
  "European Commission, 'Adequacy decisions' page; Regulation (EU) 2016/679 Art. 44-49; EDPB Guidelines 2/2018 and 05/2021";

/** EU member states (27). */
export const euCountries = [
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL",
  "PL", "PT", "RO", "SK", "SI", "ES", "SE",
] as const;

/** EEA = EU + Iceland, Liechtenstein, Norway. A flow between two EEA countries is not a transfer. */
export const eeaCountries: ReadonlySet<string> = new Set<string>([...euCountries, "IS", "LI", "NO"]);

export type AdequacyScope =
  /** The whole country. */
  | "whole"
  /** Only recipients certified under a named framework (the US: EU-US Data Privacy Framework). */
  | "certified"
  /** Only part of the country's recipients (Canada: commercial organisations under PIPEDA; Japan: private sector). */
  | "partial";

export interface AdequacyDecision {
  country: string;
  scope: AdequacyScope;
  /** What limits it, in words a DPO reads in a finding. */
  note: string;
  decision: string;
  /** ISO date the decision took effect (month precision where only that is known). */
  since: string;
  /** Where the decision expires (sunset clause), if any. */
  until?: string;
  /** For scope `certified`: the certification the recipient must hold. */
  requires?: string;
}

export const adequacyDecisions: readonly AdequacyDecision[] = [
  { country: "AD", scope: "whole", note: "whole country", decision: "Decision 2010/625/EU", since: "2010-10" },
  { country: "AR", scope: "whole", note: "whole country", decision: "Decision 2003/490/EC", since: "2003-06" },
  { country: "FO", scope: "whole", note: "whole country", decision: "Decision 2010/146/EU", since: "2010-03" },
  { country: "GG", scope: "whole", note: "whole country", decision: "Decision 2003/821/EC", since: "2003-11" },
  { country: "IL", scope: "whole", note: "whole country", decision: "Decision 2011/61/EU", since: "2011-01" },
  { country: "IM", scope: "whole", note: "whole country", decision: "Decision 2004/411/EC", since: "2004-04" },
  { country: "JE", scope: "whole", note: "whole country", decision: "Decision 2008/393/EC", since: "2008-05" },
  { country: "NZ", scope: "whole", note: "whole country", decision: "Decision 2013/65/EU", since: "2012-12" },
  { country: "CH", scope: "whole", note: "whole country", decision: "Decision 2000/518/EC", since: "2000-07" },
  { country: "UY", scope: "whole", note: "whole country", decision: "Decision 2012/484/EU", since: "2012-08" },
  { country: "JP", scope: "partial", note: "private sector only", decision: "Decision (EU) 2019/419", since: "2019-01" },
  { country: "KR", scope: "whole", note: "whole country", decision: "Decision (EU) 2022/254", since: "2021-12" },
  {
    country: "CA", scope: "partial", note: "commercial organisations subject to PIPEDA only",
    decision: "Decision 2002/2/EC", since: "2001-12",
  },
  {
    country: "GB", scope: "whole", note: "renewed December 2025, valid to December 2031",
    decision: "Commission Implementing Decision renewing the UK adequacy decisions", since: "2025-12", until: "2031-12",
  },
  {
    country: "US", scope: "certified", requires: "dpf",
    note: "only organisations certified under the EU-US Data Privacy Framework (challenge C-703/25 P pending on appeal)",
    decision: "Decision (EU) 2023/1795", since: "2023-07",
  },
  { country: "BR", scope: "whole", note: "whole country", decision: "Decision (EU) 2026/179", since: "2026-01" },
];

/** International organisations with an adequacy decision (the model names them by these ids). */
export const adequateOrganisations: Readonly<Record<string, { name: string; decision: string; since: string }>> = {
  EPO: { name: "European Patent Organisation", decision: "Commission adequacy decision for the EPO", since: "2025-07" },
};

const byCountry = new Map(adequacyDecisions.map((d) => [d.country, d]));

export function adequacyFor(country: string): AdequacyDecision | undefined {
  return byCountry.get(country);
}

export type Zone = "eea" | "adequate" | "third" | "unknown";

export function zoneOf(country: string): Zone {
  if (eeaCountries.has(country)) return "eea";
  if (byCountry.has(country)) return "adequate";
  return "third";
}

/** Art. 46(2)/(3) safeguards and Art. 49(1) derogations, with the article each rests on. */
export const safeguards = {
  scc: { article: "Art. 46(2)(c)", name: "standard contractual clauses (Decision 2021/914)" },
  bcr: { article: "Art. 46(2)(b), 47", name: "binding corporate rules" },
  code_of_conduct: { article: "Art. 46(2)(e)", name: "approved code of conduct with binding commitments" },
  certification: { article: "Art. 46(2)(f)", name: "approved certification with binding commitments" },
  authority_instrument: { article: "Art. 46(2)(a)", name: "binding instrument between public authorities" },
  ad_hoc_clauses: { article: "Art. 46(3)(a)", name: "ad-hoc contractual clauses authorised by a supervisory authority" },
} as const;

export const sccModules = { c2c: "Module 1 (controller to controller)", c2p: "Module 2 (controller to processor)", p2p: "Module 3 (processor to processor)", p2c: "Module 4 (processor to controller)" } as const;

export const derogations = {
  a: "explicit consent after being informed of the risks",
  b: "necessary for a contract with the data subject",
  c: "necessary for a contract in the data subject's interest",
  d: "important reasons of public interest",
  e: "establishment, exercise or defence of legal claims",
  f: "vital interests",
  g: "transfer from a public register",
  compelling: "compelling legitimate interests (Art. 49(1) second subparagraph)",
} as const;

/** Frameworks a policy may still cite that no longer count (shared/reference/gdpr-transfers.md,
 *  "Frameworks that no longer count", gathered 2026-11): a transfer resting on one rests on nothing.
 *  The EU-US Data Privacy Framework is a new decision, not a renamed Privacy Shield. */
export const invalidatedFrameworks = {
  privacy_shield: {
    name: "EU-US Privacy Shield", decision: "Commission Implementing Decision (EU) 2016/1250", invalidated: "2020-07-16",
    judgment: "CJEU C-311/18 Data Protection Commissioner v Facebook Ireland and Schrems (Schrems II)", date: "16 July 2020",
  },
  safe_harbour: {
    name: "Safe Harbour", decision: "Commission Decision 2000/520/EC", invalidated: "2015-10-06",
    judgment: "CJEU C-362/14 Schrems (Schrems I)", date: "6 October 2015",
  },
} as const;

/** A transfer impact assessment: what an Art. 46 tool needs to a country without adequacy (CJEU
 *  C-311/18 Schrems II, 16 July 2020; EDPB Recommendations 01/2020, version 2.0 of 18 June 2021; Clause
 *  14 of the 2021 SCCs). Adequacy and Art. 49 derogations need none. */
export const transferImpactAssessment = {
  source: "CJEU C-311/18 (Schrems II), 16 July 2020; EDPB Recommendations 01/2020 v2.0, 18 June 2021; SCCs (Decision 2021/914) Clause 14",
} as const;
