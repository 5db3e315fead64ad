/** The words a policy uses for security measures, contract references and retention, as data: which
 *  of a system's `security "..."` strings name a concrete measure, which `contract "..."` strings
 *  refer to an Art. 28 contract, and which words after a retention make its end open (Art. 5(1)(e)).
 *  Anything a security or contract string says that matches no entry is the policy's words and no
 *  more: "we employ the absolute security of your data", "commercially acceptable means", "under
 *  terms comparable to this policy".
 *
 *  Languages: English, plus the Dutch and German words the seed policies and the scored corpus
 *  actually write (cieloweb's "versleuteld", "encryptie"; growheads' "Auftragsverarbeitung",
 *  "Standardvertragsklauseln") and the Dutch name of the Art. 28 contract, "verwerkersovereenkomst".
 *  The Turkish, Hungarian and Russian seeds publish their policies in English; no words of those
 *  languages are listed, since none could be checked against a policy.
 *
 *  Matching is on the text folded by `foldWords` (Unicode NFKC, lower case, runs of white space as
 *  one space), so "TLS", "tls" and a full-width "ＴＬＳ" read alike. `\b` is an ASCII word boundary;
 *  the German and Dutch words are compounds and match anywhere in a word. */
export const measuresAsOf = "2026-12-01";

export interface VocabularyEntry {
  id: string;
  /** What the words name, for messages and the docs page. */
  what: string;
  /** The provision or standard the entry rests on. */
  source: string;
  patterns: readonly RegExp[];
}

/** ISO/IEC 27002:2022 numbers its controls as ISO/IEC 27001:2022 Annex A does. */
const iso = (controls: string) => `ISO/IEC 27002:2022 ${controls}`;

export const securityMeasures: readonly VocabularyEntry[] = [
  {
    id: "encryption", what: "encryption (at rest, end to end)", source: `GDPR Art. 32(1)(a); ${iso("8.24 (use of cryptography)")}`,
    patterns: [/\bencrypt/, /\bcryptograph/, /\bend-?\s?to-?\s?end\b/, /\be2ee?\b/, /versleutel/, /\bencryptie\b/],
  },
  {
    id: "transport-encryption", what: "encryption in transit (TLS, SSL, HTTPS)", source: `GDPR Art. 32(1)(a); ${iso("8.24 (use of cryptography), 5.14 (information transfer)")}`,
    patterns: [/\b(tls|ssl|https|dtls|sftp)\b/, /\bsecure sockets? layer\b/, /\btransport layer security\b/],
  },
  {
    id: "pseudonymisation", what: "pseudonymisation or masking", source: `GDPR Art. 32(1)(a), 4(5); ${iso("8.11 (data masking)")}`,
    patterns: [/\bpseudonymi[sz]/, /\bdata masking\b/],
  },
  {
    id: "password-hashing", what: "hashed (salted) passwords", source: iso("5.17 (authentication information), 8.24"),
    patterns: [/\bhash(ed|es|ing)?\b/, /\bsalt(ed|ing)\b/, /\b(bcrypt|scrypt|argon2|pbkdf2)\b/],
  },
  {
    id: "access-control", what: "access control, least privilege", source: `GDPR Art. 32(1)(b), 32(4); ${iso("5.15 (access control), 8.2 (privileged access rights), 8.3 (information access restriction)")}`,
    patterns: [
      /\baccess (control|management|rights)/, /\brole-?\s?based access\b/, /\brbac\b/, /\bleast-?\s?privilege\b/, /\bneed-?\s?to-?\s?know\b/,
      // "access is restricted to", "restricted access": a restriction someone decided, not "unauthorised access" to be feared.
      /\baccess(ible)?\b[^.;]{0,40}\b(limited|restricted)\b/, /\b(limited|restricted)\b[^.;]{0,20}\baccess\b/,
      /\bonly\b[^.;]{0,60}\b(have|has|get|gets|with|granted)\b[^.;]{0,30}\baccess\b/,
    ],
  },
  {
    id: "authentication", what: "authentication, two-factor or multi-factor", source: iso("8.5 (secure authentication)"),
    patterns: [/\b(2fa|mfa)\b/, /\btwo-?\s?(factor|step)\b/, /\bmulti-?\s?factor\b/, /\bauthentication\b/],
  },
  {
    id: "logging", what: "logging, audit trails and monitoring", source: `GDPR Art. 32(1)(b); ${iso("8.15 (logging), 8.16 (monitoring activities)")}`,
    // "log in", "log-in", "log out" are what users do, not a record the organization keeps.
    patterns: [/\blog(s|ged|ging)?\b(?![-\s]?(in|into|on|out)\b)/, /\baudit (logs?|trails?)\b/, /\bmonitor(ed|ing)\b/, /\bintrusion (detection|prevention)\b/],
  },
  {
    id: "backups", what: "backups", source: `GDPR Art. 32(1)(c); ${iso("8.13 (information backup)")}`,
    patterns: [/\bback-?\s?ups?\b/, /\bbacked up\b/],
  },
  {
    id: "resilience", what: "redundancy and disaster recovery", source: `GDPR Art. 32(1)(b), 32(1)(c); ${iso("8.14 (redundancy of information processing facilities)")}`,
    patterns: [/\bredundan(t|cy)\b/, /\bdisaster recovery\b/, /\bbusiness continuity\b/],
  },
  {
    id: "network-protection", what: "firewalls and malware protection", source: iso("8.20 (networks security), 8.7 (protection against malware)"),
    patterns: [/\bfirewalls?\b/, /\bddos\b/, /\banti-?\s?(virus|malware)\b/, /\bvpn\b/],
  },
  {
    id: "security-testing", what: "penetration tests, security audits and regular testing", source: `GDPR Art. 32(1)(d); ${iso("8.8 (management of technical vulnerabilities), 8.29 (security testing), 5.35 (independent review)")}`,
    patterns: [
      /\bpenetration test/, /\bpen-?\s?test/, /\bvulnerability (scan|assessment|test|management)/, /\bsecurity (audits?|assessments?|reviews?|tests?|testing)\b/,
      /\b(routinely|regularly|periodically)\b[^.;]{0,40}\b(test|tested|testing|verified|audited|assessed|reviewed|checked|evaluated)\b/,
    ],
  },
  {
    id: "certification", what: "a security certification (ISO/IEC 27001, SOC 2, PCI DSS, BSI C5)", source: "GDPR Art. 32(3), 42",
    patterns: [/\biso(\/iec)?\s?27(001|017|018|701)\b/, /\bsoc\s?(2|ii)\b/, /\bpci\s?-?dss\b/, /\bbsi c5\b/],
  },
  {
    id: "staff-confidentiality", what: "staff confidentiality and training", source: `GDPR Art. 28(3)(b), 29, 32(4); ${iso("6.6 (confidentiality or non-disclosure agreements), 6.3 (awareness, education and training)")}`,
    patterns: [
      /\bconfidentiality (agreements?|obligations?|undertakings?|clauses?)\b/, /\bnon-?\s?disclosure\b/, /\bndas?\b/, /\bbound by confidentiality\b/,
      /\b(security|privacy|data protection) (training|awareness)\b/,
    ],
  },
  {
    id: "minimisation", what: "data minimisation and separate storage", source: "GDPR Art. 25(1), 5(1)(c)",
    patterns: [/\bdata minimi[sz]ation\b/, /\b(stored|kept|held) separately\b/, /\bsegregat(ed|ion)\b/],
  },
  {
    id: "physical-security", what: "physical security of premises", source: iso("7.1 (physical security perimeters), 7.2 (physical entry)"),
    patterns: [/\bphysical (access|security|entry)\b/],
  },
  {
    id: "incident-response", what: "incident response", source: `GDPR Art. 33, 34; ${iso("5.24 (incident management planning)")}`,
    patterns: [/\bincident (response|management)\b/],
  },
];

export const contractReferences: readonly VocabularyEntry[] = [
  {
    id: "dpa", what: "a data processing agreement (DPA, addendum, terms)", source: "GDPR Art. 28(3), 28(9)",
    patterns: [
      /\bdpas?\b/, /\bdata process(ing|or) (agreements?|addend(um|a)|terms|contracts?)\b/, /\bdata protection (agreements?|addend(um|a))\b/,
      /\bprocess(ing|or) (agreements?|contracts?)\b/, /\bverwerkersovereenkomst/, /auftragsverarbeitung/,
    ],
  },
  { id: "article-28", what: "Art. 28 named", source: "GDPR Art. 28", patterns: [/\bart(icle|\.)?\s?28\b/] },
  {
    id: "scc", what: "the Commission's standard contractual clauses", source: "GDPR Art. 28(7), 46(2)(c); Commission Implementing Decision (EU) 2021/914",
    patterns: [/\bstandard contractual clauses\b/, /\bsccs?\b/, /standardvertragsklauseln/],
  },
  {
    id: "contractual-obligation", what: "processors bound by contract (to instructions, to confidentiality)", source: "GDPR Art. 28(3)(a), 28(3)(b)",
    patterns: [
      /\bcontractual(ly)?\b[^.;]{0,40}\b(require[sd]?|bound|obligations?|obliged|commit(ted)?)\b/,
      /\b(bound|obliged|required|committed)\b[^.;]{0,20}\bby (a |written |binding )?(contracts?|agreements?)\b/,
    ],
  },
  { id: "url", what: "a link to the document", source: "GDPR Art. 30(1)(d) (ICO template: link to contract with processor)", patterns: [/\bhttps?:\/\/\S/, /\bwww\.\S/] },
  {
    id: "dated-document", what: "a dated agreement", source: "GDPR Art. 28(9) (in writing)",
    patterns: [/\b(agreements?|contracts?|addend(um|a)|terms|annex|schedule|vertrag|overeenkomst)\b[^.;]{0,30}\b(19|20)\d{2}\b/, /\b(19|20)\d{2}-\d{2}-\d{2}\b/],
  },
];

/** Words after a retention that stated a period or an ending event and make that end open: the
 *  disjunctions that keep data past it ("for the life of the account or as otherwise necessary"),
 *  open purposes and discretion. "As long as necessary to handle your request" beside the event
 *  that closes the request is the criterion, not a qualifier; "unless a longer period is required
 *  by law" names the law's periods (whose law is another question), so neither is listed. */
export const openEndedRetention: readonly (VocabularyEntry & { durationOnly?: boolean })[] = [
  {
    id: "or-as-necessary", what: "\"or as (otherwise) necessary\"", source: "GDPR Art. 5(1)(e), 13(2)(a)",
    // "or as necessary to provide you with the Services" names the service the stated end already
    // bounds (the account's life is the service's), so it leaves nothing open: not matched.
    patterns: [/\bor\s(for\s)?(as\slong\s)?(as\s)?(is\s)?(otherwise\s|reasonably\s|strictly\s)?(necessary|needed)\b(?!\s(to|for)\s(provid(e|ing)|deliver(ing)?|perform(ing)?)\b(\s(you\s)?(with\s)?)?(the|our)\s(services?|contract))/],
  },
  {
    id: "or-as-required", what: "\"or as (otherwise) required\"", source: "GDPR Art. 5(1)(e), 13(2)(a)",
    // "or as required by law" points at the law's periods: whose law is another finding's question.
    patterns: [/\bor\s(as\s)?(otherwise\s)?required\b(?!\s(by|under|to\scomply)\b)/],
  },
  { id: "or-longer", what: "\"or longer\"", source: "GDPR Art. 5(1)(e), 13(2)(a)", patterns: [/\bor\s(even\s|much\s)?longer\b/] },
  { id: "variety-of-purposes", what: "\"for a variety of purposes\"", source: "GDPR Art. 5(1)(b), 5(1)(e)", patterns: [/\bfor\sa\s(wide\s)?variety\sof\s(purposes|reasons)\b/] },
  {
    id: "discretion", what: "kept at the organization's discretion", source: "GDPR Art. 5(1)(e), 13(2)(a)",
    patterns: [/\bat\sour\s(sole\s)?discretion\b/, /\bas\s(long\sas\s)?we\s(deem|consider|think|determine)\b/, /\bas\swe\ssee\sfit\b/],
  },
  // After an ending event "indefinitely" usually means until it ("active accounts will have data
  // retained indefinitely" beside "deleted when the account is closed"); after a period it undoes it.
  { id: "indefinitely", what: "\"indefinitely\" after a period", source: "GDPR Art. 5(1)(e)", patterns: [/\b(indefinitely|permanently|forever)\b/], durationOnly: true },
];

/** The text as the patterns read it. */
export function foldWords(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ");
}

function firstMatch<T extends VocabularyEntry>(entries: readonly T[], text: string): { entry: T; words: string } | undefined {
  const folded = foldWords(text);
  for (const entry of entries) {
    for (const p of entry.patterns) {
      const m = p.exec(folded);
      if (m) return { entry, words: m[0] };
    }
  }
  return undefined;
}

/** The first concrete measure one security string names, if any. */
export const recognisedMeasure = (text: string) => firstMatch(securityMeasures, text);

/** What makes a contract string a reference to an Art. 28 contract, if anything. */
export const contractReference = (text: string) => firstMatch(contractReferences, text);

/** The words that make a retention's stated end open, if any (for a period or an ending event). */
export function openEndedQualifier(statement: string, kind: "duration" | "event" | "session" | "memory"): { entry: VocabularyEntry; words: string } | undefined {
  return firstMatch(openEndedRetention.filter((e) => !e.durationOnly || kind === "duration"), statement);
}
