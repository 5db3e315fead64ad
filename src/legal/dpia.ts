/** When a DPIA is likely required (GDPR Art. 35(1), (3)): the nine criteria of the WP29 Guidelines
 *  on Data Protection Impact Assessment, WP 248 rev.01 (adopted 4 April 2017, last revised and
 *  adopted 4 October 2017; endorsed by the EDPB on 25 May 2018, Endorsement 1/2018). As a rule of
 *  thumb, processing that meets two or more of them is likely to result in a high risk and needs a
 *  DPIA; a controller that concludes otherwise documents why (WP248). Confirmed against the
 *  reference list (shared/reference/gdpr-accountability.md) and the Dutch AP's summary of the nine
 *  criteria (privacy-web.nl, 10 November 2020).
 *  Which criteria a model can show is flowmap's reading, stated per criterion (`reads`); a
 *  criterion no model fact shows is never assumed (`reads` undefined). */
export const dpiaAsOf = "2026-12-01";

export const dpiaSource = {
  name: "WP29 Guidelines on Data Protection Impact Assessment (DPIA), WP 248 rev.01, 4 October 2017",
  source: "https://ec.europa.eu/newsroom/document.cfm?doc_id=47711",
};

export type DpiaCriterionId =
  | "evaluation" | "automated_decisions" | "monitoring" | "sensitive" | "large_scale"
  | "matching" | "vulnerable" | "innovative" | "prevents_rights";

export interface DpiaCriterion {
  /** The criterion's number in WP248's list. */
  n: number;
  id: DpiaCriterionId;
  /** WP248's heading, shortened. */
  name: string;
  /** What the model must show for flowmap to count it; undefined: no model fact shows it. */
  reads?: string;
}

export const dpiaCriteria: readonly DpiaCriterion[] = [
  { n: 1, id: "evaluation", name: "evaluation or scoring, including profiling",
    reads: "a flow of the purpose delivers personal data to an advertising system the organization runs or has run for it (itself, a processor or a joint controller; WP248's example: \"a company building behavioural or marketing profiles based on usage or navigation on its website\"); an independent controller's ad network builds its own profiles, which are not the organization's processing (CJEU C-40/17 Fashion ID, paras 76, 85), so the flow counts only as monitoring" },
  { n: 2, id: "automated_decisions", name: "automated decision-making with legal or similarly significant effect" },
  { n: 3, id: "monitoring", name: "systematic monitoring",
    reads: "a flow of the purpose carries online identifiers or device data from the data subject's browser or app to an analytics or advertising system another party runs (WP248 counts monitoring through networks), or carries precise location from their device (location tracking)" },
  { n: 4, id: "sensitive", name: "sensitive data or data of a highly personal nature",
    reads: "the purpose processes special-category or criminal data (Art. 9, 10; not data that only may hold them, `special possible`: what people choose to send is not processing of special categories in WP248's sense, though it needs an Art. 9 condition in case it does), or data WP248 names as highly personal: precise location, financial data (payment card data among them), electronic communications (their content, call metadata) that the organization carries between people (a message or call to the organization itself is not)" },
  { n: 5, id: "large_scale", name: "data processed on a large scale" },
  { n: 6, id: "matching", name: "matching or combining datasets",
    reads: "the purpose's data comes from two or more sources (`obtained`), one of them another organization's processing (partners, brokers, public sources, authorities, an employer)" },
  { n: 7, id: "vulnerable", name: "data concerning vulnerable data subjects",
    reads: "a subject of the purpose is a child, an employee, a patient or otherwise vulnerable (`kind`)" },
  { n: 8, id: "innovative", name: "innovative use or new technological or organisational solutions" },
  { n: 9, id: "prevents_rights", name: "processing that prevents data subjects from exercising a right or using a service or contract" },
];

/** Data kinds WP248 criterion 4 names beyond Art. 9 and 10: location, financial data (payment card
 *  data among them) and electronic communications (their content and their metadata). Coarse
 *  location is left out: a country read from an IP address says little of a person's movements.
 *  Special kinds count through `special`. */
export const highlyPersonalKinds: ReadonlySet<string> = new Set(["precise_location", "financial", "payment_card", "communications", "call_metadata"]);

/** `obtained` sources that are another organization's processing (WP248 criterion 6: datasets
 *  "originating from two or more data processing operations performed for different purposes
 *  and/or by different data controllers"). The data subject's own acts (subject, observed, a social
 *  login they choose) and the people around them (other users, parents) are not. */
export const otherControllerSources: ReadonlySet<string> = new Set(["partners", "brokers", "public_sources", "authorities", "employer"]);

/** Criteria WP248 counts for "likely to result in a high risk": two or more. */
export const dpiaThreshold = 2;
