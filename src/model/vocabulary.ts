/** The closed vocabularies of the language: the model builder validates every value against them
 *  and suggests the nearest on a typo. */
// Plain lists, not zod enums: the builder reads only their words (`options`, as a zod enum has
// them), and 25 zod enums built at import cost every cold `flowmap check` ~4M instructions (zod
// itself more). The model's zod schema (model.ts) makes its enums from these lists.

/** A closed vocabulary: its words, in the order suggestions and the docs list them. */
export interface Vocabulary<T extends string> {
  readonly options: readonly [T, ...T[]];
}

/** One word of a vocabulary: `Word<typeof Basis>` is `"consent" | "contract" | ...`. */
export type Word<V extends Vocabulary<string>> = V["options"][number];

function words<const T extends string>(options: readonly [T, ...T[]]): Vocabulary<T> {
  return { options };
}

/** Only the GDPR's facts are encoded so far (UK GDPR, Swiss FADP and KVKK have the same shape
 *  with their own adequacy lists; see shared/reference/gdpr-transfers.md). */
export const Regime = words(["gdpr"]);

/** `describes notice`: the model is read from a published privacy notice, not kept as the
 *  organization's record. A notice never shows internal documents (a TIA, an LIA, a DPIA), so their
 *  absence is an observation (info), not a finding of a missing document. Default: record. */
export const ModelScope = words(["record", "notice"]);

/** `targets eea`: the organization offers goods or services to, or monitors, people in the EEA, so the
 *  GDPR applies to it under Art. 3(2) wherever it is established. */
export const Targeting = words(["eea"]);
/** The data subject's rights a privacy notice must state (Art. 13(2)(b)-(d), 14(2)(c)-(e)): access
 *  (Art. 15), rectification (16), erasure (17), restriction (18), portability (20), objection (21),
 *  withdrawal of consent (7(3)) and a complaint to a supervisory authority (77). */
export const Right = words(["access", "rectification", "erasure", "restriction", "portability", "objection", "withdrawal", "complaint"]);
export const rightArticle: Record<Word<typeof Right>, string> = {
  access: "Art. 15", rectification: "Art. 16", erasure: "Art. 17", restriction: "Art. 18",
  portability: "Art. 20", objection: "Art. 21", withdrawal: "Art. 7(3)", complaint: "Art. 77",
};

/** The organization's role for one purpose, where it differs from its role for the rest. */
export const PurposeRole = words(["controller", "processor"]);
export const OrganizationRole = words(["controller", "processor", "joint_controller"]);

/** Art. 6(1) lawful bases. */
export const Basis = words(["consent", "contract", "legal_obligation", "vital_interests", "public_task", "legitimate_interests"]);
export const basisArticle: Record<Word<typeof Basis>, string> = {
  consent: "Art. 6(1)(a)", contract: "Art. 6(1)(b)", legal_obligation: "Art. 6(1)(c)",
  vital_interests: "Art. 6(1)(d)", public_task: "Art. 6(1)(e)", legitimate_interests: "Art. 6(1)(f)",
};

/** How consent is obtained, as the policy states it (`consent <form> "policy words"` on a purpose
 *  resting on consent, or on a flow resting on `mechanism derogation a`). Only `explicit` and `opt_in`
 *  are consent in the sense of Art. 4(11); only `explicit` meets Art. 9(2)(a) and Art. 49(1)(a).
 *  `parental` says who consents, not how: alone (`consent parental`) it is a guardian's valid, not
 *  explicit consent; beside a form (`consent explicit, parental`) the form says how the guardian consents. */
export const ConsentForm = words(["explicit", "opt_in", "parental", "by_use", "opt_out", "bundled", "conditional"]);
export const consentForms: Record<Word<typeof ConsentForm>, { label: string; meaning: string; valid: boolean; why?: string; cite?: string }> = {
  explicit: {
    label: "explicitly",
    meaning: "an express statement of consent to this purpose or transfer (a separate, unticked box or button that names it, a signed or typed statement), given after being told what it covers; the standard of Art. 9(2)(a), 22(2)(c) and 49(1)(a)",
    valid: true,
  },
  opt_in: {
    label: "by an opt-in",
    meaning: "a clear affirmative act for this purpose (ticking an empty box, a consent button with an equally easy refusal), distinguishable from other matters; valid Art. 6(1)(a) consent, but not explicit",
    valid: true,
  },
  parental: {
    label: "from the holder of parental responsibility",
    meaning: "consent given or authorised by the holder of parental responsibility over a child below the Art. 8 age, with reasonable efforts to verify it (Art. 8(1), (2)); alone, valid Art. 6(1)(a) consent for the child's data, but not explicit. It says who consents: after another form (`consent explicit, parental`) that form says how the guardian consents, so a guardian's explicit consent meets Art. 9(2)(a)",
    valid: true,
  },
  by_use: {
    label: "by use of the service",
    meaning: "consent inferred from using the service, visiting the site or continuing to browse (\"by using the Service, you agree\")",
    valid: false,
    why: "using a service is no statement or clear affirmative act of consent to a purpose (Art. 4(11)); inactivity does not constitute consent (Recital 32)",
    cite: "Art. 4(11), Recital 32",
  },
  opt_out: {
    label: "by opt-out",
    meaning: "consent assumed unless the person objects: a pre-ticked box, a default browser setting, \"you may opt out\"",
    valid: false,
    why: "silence, pre-ticked boxes or inactivity do not constitute consent (Recital 32; CJEU C-673/17 Planet49)",
    cite: "Art. 4(11), Recital 32",
  },
  bundled: {
    label: "by accepting the policy or terms as a whole",
    meaning: "consent given by accepting the privacy policy or the terms as a whole",
    valid: false,
    why: "a request for consent must be clearly distinguishable from other matters (Art. 7(2)), and consent tied to a contract or service it is not necessary for is not freely given (Art. 7(4), Recital 43)",
    cite: "Art. 7(2), 7(4), Recital 43",
  },
  conditional: {
    label: "as a condition of the service",
    meaning: "consent asked for separately, but made a condition of the service or contract although the processing is not necessary for it (\"if you do not give the mandatory consents, we cannot offer you the service\")",
    valid: false,
    why: "consent on which a service or contract is made conditional, for processing not necessary for it, is not freely given (Art. 7(4), Recital 43)",
    cite: "Art. 7(4), Recital 43",
  },
};

/** How a consent is obtained, in a finding's words, with who gives it when `parental` stands beside
 *  a form: "explicitly, from the holder of parental responsibility". */
export function consentLabel(c: { form: Word<typeof ConsentForm>; parental?: boolean }): string {
  const label = consentForms[c.form].label;
  return c.parental && c.form !== "parental" ? `${label}, from the holder of parental responsibility` : label;
}

/** Art. 9(2) conditions for special-category data. */
export const Condition = words([
  "explicit_consent", "employment", "vital_interests", "not_for_profit", "made_public", "legal_claims",
  "substantial_public_interest", "health_care", "public_health", "archiving",
]);
export const conditionArticle: Record<Word<typeof Condition>, string> = {
  explicit_consent: "Art. 9(2)(a)", employment: "Art. 9(2)(b)", vital_interests: "Art. 9(2)(c)",
  not_for_profit: "Art. 9(2)(d)", made_public: "Art. 9(2)(e)", legal_claims: "Art. 9(2)(f)",
  substantial_public_interest: "Art. 9(2)(g)", health_care: "Art. 9(2)(h)", public_health: "Art. 9(2)(i)",
  archiving: "Art. 9(2)(j)",
};

/** Kinds that single a person out by their nature (Art. 4(1), Recitals 26 and 30: names, contact
 *  details, identifiers, online identifiers, precise location, biometric and genetic data, card
 *  numbers, faces and voices, photos): data of these kinds is never anonymous, whatever a policy calls it. */
export const identifyingKinds: ReadonlySet<string> = new Set([
  "identity", "contact", "identifiers", "online_identifiers", "credentials", "precise_location", "biometric", "genetic", "payment_card", "audio_video", "image",
]);

/** The data taxonomy. `special` = Art. 9(1) (or Art. 10 for criminal data); `sensitive` = not special in law but
 *  high-risk in practice (EDPB DPIA criteria: financial, location, communications, children). `cnil` is the
 *  CNIL register's category, used in the register. */
export const dataKinds = {
  identity: { label: "identity", special: false, sensitive: false, cnil: "identity and identifiers" },
  contact: { label: "contact details", special: false, sensitive: false, cnil: "identity and identifiers" },
  identifiers: { label: "identifiers", special: false, sensitive: false, cnil: "identity and identifiers" },
  credentials: { label: "credentials", special: false, sensitive: true, cnil: "identity and identifiers" },
  online_identifiers: { label: "online identifiers and cookies", special: false, sensitive: false, cnil: "internet data" },
  device: { label: "device data", special: false, sensitive: false, cnil: "connection data" },
  usage: { label: "usage data", special: false, sensitive: false, cnil: "connection data" },
  profile: { label: "profile and preferences", special: false, sensitive: false, cnil: "personal life" },
  demographic: { label: "demographic data", special: false, sensitive: false, cnil: "personal life" },
  location: { label: "coarse location", special: false, sensitive: false, cnil: "location data" },
  precise_location: { label: "precise location", special: false, sensitive: true, cnil: "location data" },
  content: { label: "user content", special: false, sensitive: false, cnil: "other" },
  communications: { label: "communications content", special: false, sensitive: true, cnil: "personal life" },
  audio_video: { label: "audio and video", special: false, sensitive: true, cnil: "personal life" },
  image: { label: "photos and images", special: false, sensitive: false, cnil: "personal life" },
  diagnostics: { label: "crash reports and diagnostics", special: false, sensitive: false, cnil: "connection data" },
  call_metadata: { label: "call metadata", special: false, sensitive: true, cnil: "connection data" },
  financial: { label: "financial data", special: false, sensitive: true, cnil: "economic and financial" },
  payment_card: { label: "payment card data", special: false, sensitive: true, cnil: "economic and financial" },
  professional: { label: "professional data", special: false, sensitive: false, cnil: "professional life" },
  health: { label: "health data", special: true, sensitive: true, cnil: "sensitive (Art. 9)" },
  biometric: { label: "biometric data for identification", special: true, sensitive: true, cnil: "sensitive (Art. 9)" },
  genetic: { label: "genetic data", special: true, sensitive: true, cnil: "sensitive (Art. 9)" },
  racial_ethnic: { label: "racial or ethnic origin", special: true, sensitive: true, cnil: "sensitive (Art. 9)" },
  political: { label: "political opinions", special: true, sensitive: true, cnil: "sensitive (Art. 9)" },
  religious: { label: "religious or philosophical beliefs", special: true, sensitive: true, cnil: "sensitive (Art. 9)" },
  trade_union: { label: "trade-union membership", special: true, sensitive: true, cnil: "sensitive (Art. 9)" },
  sex_life: { label: "sex life or sexual orientation", special: true, sensitive: true, cnil: "sensitive (Art. 9)" },
  criminal: { label: "criminal convictions and offences (Art. 10)", special: true, sensitive: true, cnil: "sensitive (Art. 10)" },
} as const;
export const DataKind = words(Object.keys(dataKinds) as [keyof typeof dataKinds, ...(keyof typeof dataKinds)[]]);

/** System kinds; the client-side ones are on the data subject's side of the wire. `authority` is a
 *  public authority receiving data (a court, the police, a regulator, a tax office): a disclosure to
 *  one in a third country is read under Art. 48 (rule `authority-transfer-without-agreement`). */
export const SystemKind = words([
  "server", "database", "logs", "storage", "saas", "cdn", "analytics", "advertising", "email", "payment",
  "authentication", "messaging", "helpdesk", "crm", "logistics", "shop", "crash_reporting", "authority", "browser", "mobile_app", "desktop_app", "peer_device",
]);
export const clientSideKinds: ReadonlySet<string> = new Set(["browser", "mobile_app", "desktop_app", "peer_device"]);

/** Who a group of data subjects is, where it matters to the law: children (Art. 8, Recital 38),
 *  people in a weaker position (employees, patients, others the model calls vulnerable: WP248
 *  criterion 7), and people who are not users of the service (callers, people named in others'
 *  messages), who never saw the notice (Art. 14). */
/** What the organization is, where the law makes it matter: a public authority or body must designate
 *  a DPO (Art. 37(1)(a); courts acting in their judicial capacity excepted). */
export const OrganizationKind = words(["public_body", "company", "non_profit"]);
/** What a purpose is for, where the law makes it matter: reading or storing information on the user's
 *  device needs prior consent unless it is strictly necessary for a service the user asked for
 *  (ePrivacy Art. 5(3)); for analytics, advertising, marketing and personalization it never is
 *  (WP29 Opinion 04/2012 on cookie consent exemption; EDPB Guidelines 2/2023). `service`, `security`
 *  and `preferences` (what the user chose) may be. */
export const PurposeKind = words(["service", "security", "preferences", "analytics", "advertising", "marketing", "personalization"]);
/** Purpose kinds whose device reads are never strictly necessary. */
export const nonEssentialPurposeKinds: ReadonlySet<string> = new Set(["analytics", "advertising", "marketing", "personalization"]);
export const SubjectKind = words(["user", "customer", "visitor", "child", "employee", "job_applicant", "patient", "vulnerable", "non_user"]);
/** Subject kinds WP248 rev.01 (criterion 7) counts as vulnerable data subjects. */
export const vulnerableSubjectKinds: ReadonlySet<string> = new Set(["child", "employee", "patient", "vulnerable"]);

/** `obtained <source> "policy words"` on data: where the organization gets it. `subject` (given by
 *  the person) and `observed` (collected from their use or device) are Art. 13 collection; every
 *  other source is data not obtained from the data subject (Art. 14). */
export const DataSource = words([
  "subject", "observed", "other_users", "partners", "social_login", "parents", "public_sources", "authorities", "brokers", "employer",
]);
export const directSources: ReadonlySet<string> = new Set(["subject", "observed"]);

/** Promises a policy makes, stated with `claim <kind> "policy words"` and checked against the model:
 *  on the organization, `no_tracking` ("we do not track you"), `not_sold` and `not_shared`; on data,
 *  `memory_only` ("kept in memory only") and `not_stored` ("we do not store it"). */
export const Claim = words(["no_tracking", "not_sold", "not_shared", "memory_only", "not_stored"]);
export const organizationClaims: ReadonlySet<string> = new Set(["no_tracking", "not_sold", "not_shared"]);
export const dataClaims: ReadonlySet<string> = new Set(["memory_only", "not_stored"]);

/** `special none "position"` / `special possible "position"` on data that may hold special categories
 *  (free text, messages, uploads): the organization's Art. 9 position. `possible` makes the data
 *  special for every rule that reads it. */
export const SpecialPosition = words(["none", "possible"]);

/** Strings properties that may be written `<key> none "reason"`: the policy says there is none. */
export const noneAllowed: ReadonlySet<string> = new Set(["dpo", "representative", "lia", "dpia", "informed"]);

/** Who runs a system, relative to the organization. */
export const OperatorRole = words(["processor", "subprocessor", "controller", "joint_controller"]);

/** A place that is no country: `unspecified` (the policy does not say where), `abroad` (it says the
 *  data may be processed outside the EEA but names no country), `anywhere` and `global` (a network
 *  with no fixed location, or any country at all). */
export const Location = words(["anywhere", "global", "abroad", "unspecified"]);

/** Whether a place is unknown: none of the codes above is a country a transfer can be judged for. */
export function isUnknownPlace(code: string): boolean {
  return code === "unspecified" || code === "anywhere" || code === "global" || code === "abroad";
}

export const Certification = words(["dpf", "bcr", "iso27001", "soc2"]);

/** `international_agreement`: an international agreement, such as a mutual legal assistance treaty, in
 *  force between the requesting third country and the Union or a Member State (Art. 48); valid only for a
 *  disclosure to a public authority (`kind authority`). */
export const MechanismKind = words([
  "adequacy", "dpf", "scc", "bcr", "code_of_conduct", "certification", "authority_instrument", "ad_hoc_clauses",
  "international_agreement", "derogation", "privacy_shield", "safe_harbour", "none",
]);
export const SccModule = words(["c2c", "c2p", "p2p", "p2c"]);
export const Derogation = words(["a", "b", "c", "d", "e", "f", "g", "compelling"]);

export const Encryption = words(["e2e", "transit", "rest"]);

/** `not_applicable`: the purpose keeps nothing (it only passes data on, or only displays it). */
export const RetentionWord = words(["session", "memory", "indefinite", "unspecified", "not_applicable"]);

/** Units and their length in days (months and years averaged: comparisons, not calendars). */
export const unitDays: Readonly<Record<string, number>> = {
  second: 1 / 86400, seconds: 1 / 86400, minute: 1 / 1440, minutes: 1 / 1440, hour: 1 / 24, hours: 1 / 24,
  day: 1, days: 1, week: 7, weeks: 7, month: 30.4375, months: 30.4375, year: 365.25, years: 365.25,
};
export const DurationUnit = words(Object.keys(unitDays) as [string, ...string[]]);
