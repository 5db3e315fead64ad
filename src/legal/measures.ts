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
import { mayMatch } from "../util/regex-literal.js";

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
      /\b(routinely|regularly|periodically)\b[^.;]{0,40}\b(test|tested|testing|verif(y|ied)|audit(ed)?|assess(ed)?|review(ed)?|check(ed)?|evaluat(e|ed))\b/,
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
      // "our staff ... is fully trained on how to protect personal data" (Electric Ireland)
      /\b(trained|training)\b[^.;]{0,40}\b(protect(ing)?|security|privacy|data protection)\b/,
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
    // "standard data protection clauses" is the GDPR's own term (Art. 46(2)(c)); policies also write
    // "the standard clauses of the European Commission".
    patterns: [/\bstandard contractual clauses\b/, /\bstandard (data protection )?clauses\b/, /\bsccs?\b/, /standardvertragsklauseln/],
  },
  {
    id: "contractual-obligation", what: "processors bound by contract (to instructions, to confidentiality)", source: "GDPR Art. 28(3)(a), 28(3)(b)",
    patterns: [
      // "committ" as a policy misspells it is the same commitment.
      /\bcontractual(ly)?\b[^.;]{0,40}\b(require[sd]?|bound|obligations?|obliged|committ?(ed)?)\b/,
      /\b(bound|obliged|required|committed)\b[^.;]{0,20}\bby (a |written |binding )?(contracts?|agreements?)\b/,
      // "subject to confidentiality agreements with us ... that prohibit their use ... for any other
      // purpose": an agreement named, binding them (Art. 28(3)(b)); a bare "clause" names no document.
      /\b(subject to|bound by|under|signed?)\b[^.;]{0,20}\b(confidentiality|non-disclosure) agreements?\b/,
      // "can only use your information in accordance with our instructions and for no other purpose":
      // the Art. 28(3)(a) term itself (processing only on documented instructions), which only the
      // contract or legal act of Art. 28(3) can impose.
      /\b(only|solely|exclusively)\b[^.;]{0,40}\b(in accordance with|according to|on|under|upon) our (documented |written )?instructions?\b/,
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
  // "Minimum 12 months", "at least 12 months": a floor with no ceiling; the period says when deletion
  // may begin, not when it must.
  { id: "at-least", what: "\"at least\", \"minimum\" before a period", source: "GDPR Art. 5(1)(e), 13(2)(a)", patterns: [/\b(at\sleast|a\sminimum\sof|minimum(\sof)?|no\sless\sthan|not\sless\sthan)\s(\d+(\s[a-z]+)?|(one|two|three|six|twelve|a)\s[a-z]+)/], durationOnly: true },
  { id: "indefinitely", what: "\"indefinitely\" after a period", source: "GDPR Art. 5(1)(e)", patterns: [/\b(indefinitely|permanently|forever)\b/], durationOnly: true },
];

/** The text as the patterns read it. */
export function foldWords(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ");
}

/** Each text's match, per list of entries: a policy's one security sentence is often copied to every
 *  system it covers, and a regex run a second time is compiled again to machine code (V8 tiers a
 *  regex up on its second run), which in a cold CLI costs more than the match. */
const matched = new WeakMap<readonly VocabularyEntry[], Map<string, { entry: VocabularyEntry; words: string } | undefined>>();

function firstMatch<T extends VocabularyEntry>(entries: readonly T[], text: string): { entry: T; words: string } | undefined {
  let byText = matched.get(entries);
  if (!byText) matched.set(entries, (byText = new Map()));
  if (byText.has(text)) return byText.get(text) as { entry: T; words: string } | undefined;
  // Bounded: the language server checks every version of a text as it is typed.
  if (byText.size >= 1000) byText.clear();
  const found = matchOf(entries, text);
  byText.set(text, found);
  return found;
}

function matchOf<T extends VocabularyEntry>(entries: readonly T[], text: string): { entry: T; words: string } | undefined {
  const folded = foldWords(text);
  for (const entry of entries) {
    for (const p of entry.patterns) {
      const m = mayMatch(p, folded) ? p.exec(folded) : null;
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
  return firstMatch(kind === "duration" ? openEndedRetention : openEndedAfterEnd, statement);
}

/** The transfer tools a policy's words may name, by the `mechanism` kind each is: what tells two
 *  tools offered as alternatives ("Privacy Shield ... or standard data protection clauses") from one
 *  tool named twice ("SCCs (the standard contractual clauses)"). Adequacy is not listed: "adequacy
 *  or SCCs" is a criterion the destination answers (a country with a decision rests on it), and a
 *  destination with adequacy needs no safeguard at all. "Certified" alone is not a certification
 *  mechanism (a recipient "certified ... under the Privacy Shield" names the Shield). */
export const transferToolNames: readonly (VocabularyEntry & { kind: string })[] = [
  {
    id: "scc", kind: "scc", what: "standard contractual (data protection) clauses", source: "GDPR Art. 46(2)(c), 46(2)(d); Commission Implementing Decision (EU) 2021/914",
    // "the examples of contractual clauses provided by the European Commission" renders the French
    // "clauses contractuelles types" (happn).
    // Other languages' names for them, as policies in those languages write them (French, Spanish,
    // Italian, Portuguese, Romanian, Polish, Dutch): recognisers, not translations of record.
    patterns: [/\bstandard (contractual|data protection) clauses\b/, /\bsccs?\b/, /\bmodel (contract(ual)? )?clauses\b/, /\bcontractual clauses (provided|adopted|approved|issued|published) by the (european )?commission\b/, /standardvertragsklauseln/, /standarddatenschutzklauseln/,
      /\bclauses contractuelles types\b/, /\bcl[aá]usulas contractuales tipo\b/, /\bclausole contrattuali (tipo|standard)\b/, /\bcl[aá]usulas contratuais[- ]tipo\b/, /\bclauze(le)? contractuale standard\b/, /\bstandardowe klauzule umowne\b/, /\bstandaardcontractbepalingen\b/],
  },
  { id: "bcr", kind: "bcr", what: "binding corporate rules", source: "GDPR Art. 46(2)(b), 47", patterns: [/\bbinding corporate rules\b/, /\bbcrs?\b/] },
  { id: "dpf", kind: "dpf", what: "the EU-US Data Privacy Framework", source: "Commission Implementing Decision (EU) 2023/1795", patterns: [/\bdata privacy framework\b/, /\bdpf\b/] },
  { id: "privacy-shield", kind: "privacy_shield", what: "the EU-US Privacy Shield", source: "Commission Implementing Decision (EU) 2016/1250; CJEU C-311/18", patterns: [/\bprivacy shield\b/] },
  { id: "safe-harbour", kind: "safe_harbour", what: "Safe Harbour", source: "Commission Decision 2000/520/EC; CJEU C-362/14", patterns: [/\bsafe harbou?r\b/] },
  { id: "code-of-conduct", kind: "code_of_conduct", what: "an approved code of conduct", source: "GDPR Art. 40, 46(2)(e)", patterns: [/\bcodes? of conduct\b/] },
  { id: "certification", kind: "certification", what: "an approved certification mechanism", source: "GDPR Art. 42, 46(2)(f)", patterns: [/\bcertification mechanisms?\b/, /\bapproved certifications?\b/] },
  { id: "derogation", kind: "derogation", what: "an Art. 49 derogation (explicit consent, a contract)", source: "GDPR Art. 49(1)", patterns: [/\bderogations?\b/, /\bart(icle|\.)?\s?49\b/, /\bexplicit consent\b/] },
];

/** How a policy's words leave the transfer's safeguard open (Art. 13(1)(f) asks for "the reference
 *  to the appropriate or suitable safeguards"): the tool offered only as an example ("appropriate
 *  safeguards ..., such as Standard Contractual Clauses"), as one of alternatives ("... or other
 *  appropriate safeguards"; two tools joined by "or" are found from `transferToolNames`), or only
 *  on a condition left open ("where required, we use ..."; "if we have entered into standard data
 *  protection clauses"). "Including" is not listed: "safeguards, including the SCCs" often names
 *  what is in place. A condition on the transfer itself ("where we use providers outside the EU,
 *  we rely on SCCs") names the ground plainly and matches nothing. An example or a condition counts
 *  only near a tool's name (within `nearTool` characters), so "such as" about a recipient ("providers
 *  such as Google") does not. */
export const transferGroundOpen: readonly (VocabularyEntry & { how: "example" | "alternative" | "condition" })[] = [
  {
    id: "example", how: "example", what: "\"such as\", \"e.g.\", \"for example\", \"for instance\", \"among others\", \"notably\", \"in particular\" before the tool", source: "GDPR Art. 13(1)(f), 14(1)(f)",
    // And the same words in the languages policies are written in (French, German, Dutch, Spanish,
    // Italian, Portuguese, Romanian, Polish).
    patterns: [/\b(such as|for example|for instance|among others|inter alia|notably|in particular)\b/, /\be\.\s?g\.?(?=\s|,)/,
      /\b(tel(le)?s? que|par exemple|notamment|beispielsweise|zum beispiel|zoals|bijvoorbeeld|por ejemplo|tales como|ad esempio|per esempio|tais como|precum|de exemplu|cum ar fi|na przyk[lł]ad|takie jak)\b/, /\bwie z\.\s?b\./],
  },
  {
    id: "or-other", how: "alternative", what: "the tool \"or other (appropriate) safeguards\"", source: "GDPR Art. 13(1)(f), 14(1)(f)",
    patterns: [/\bor\s(through\s|via\s|by\s|under\s|on\s)?(any\s)?(other|similar|equivalent|comparable|alternative)\s(appropriate\s|suitable\s|adequate\s|legal\s|lawful\s|transfer\s)*(safeguards?|mechanisms?|measures|means|tools?|instruments?|grounds?|bases)\b/],
  },
  {
    id: "condition", how: "condition", what: "\"where required\", \"if applicable\", \"as appropriate\", \"if we have entered into\", \"we may use\"", source: "GDPR Art. 13(1)(f), 14(1)(f)",
    patterns: [
      /\b(where|if|when)\s(it\sis\s|this\sis\s|so\s)?(required|necessary|needed|applicable|appropriate)\b/, /\bas\s(appropriate|applicable|needed|necessary)\b/,
      /\bif\swe\shave\s(entered\sinto|concluded|signed|agreed)\b/,
      /\b(may|might|can)\s(also\s)?(use|rely|enter|put|implement|adopt|conclude|be\sbased)\b/,
    ],
  },
];

/** "Or" in the policy's language (English, Romanian, German, French/Portuguese, Italian, Polish);
 *  short words that are other words in English ("of", "o") are left out. */
const orWord = /\b(or|sau|oder|ou|oppure|lub)\b/;
const orBetween = /,\s(or|sau|oder|ou|oppure|lub)\s/g;

/** How near a tool's name an example or a condition must be, in characters. */
const nearTool = 120;

export interface GroundOpen {
  how: "example" | "alternative" | "condition";
  /** The policy's words that leave it open (folded), for the message. */
  words: string;
  /** The `mechanism` kinds the words name, in order of first mention. */
  tools: string[];
}

/** Whether the policy's words for a transfer ground leave open which safeguard covers it, and how. */
export function transferGroundLeftOpen(text: string): GroundOpen | undefined {
  const folded = foldWords(text);
  const named: { kind: string; at: number; end: number; words: string }[] = [];
  for (const tool of transferToolNames) {
    for (const p of tool.patterns) {
      if (!mayMatch(p, folded)) continue;
      for (const m of folded.matchAll(new RegExp(p.source, "g"))) named.push({ kind: tool.kind, at: m.index, end: m.index + m[0].length, words: m[0] });
    }
  }
  if (!named.length) return undefined;
  named.sort((a, b) => a.at - b.at);
  const tools = [...new Set(named.map((n) => n.kind))];
  // Two different tools with "or" between them: alternatives.
  for (const first of named) {
    const other = named.find((n) => n.kind !== first.kind && n.at >= first.end && orWord.test(folded.slice(first.end, n.at)));
    if (other) return { how: "alternative", words: `${first.words} ... or ... ${other.words}`, tools };
  }
  for (const entry of transferGroundOpen) {
    for (const p of entry.patterns) {
      if (!mayMatch(p, folded)) continue;
      for (const m of folded.matchAll(new RegExp(p.source, "g"))) {
        const end = m.index + m[0].length;
        // An example names the tool after it; an alternative follows the tool; a condition may stand either side.
        // ("such as: adequacy decisions, or SCCs": a list of examples joined by "or" is one example.)
        const between = (from: number, to: number) => folded.slice(from, to).replace(/^[,:]/, "").replace(orBetween, " or ");
        const near = entry.how === "example" ? named.some((n) => n.at >= end && n.at - end <= nearTool && !/[,;:()]|\.\s/.test(between(end, n.at)))
          : entry.how === "alternative" ? named.some((n) => n.end <= m.index && m.index - n.end <= nearTool)
          : named.some((n) => (n.at >= end ? n.at - end : m.index - n.end) <= nearTool);
        if (near) return { how: entry.how, words: m[0], tools };
      }
    }
  }
  return undefined;
}

/** The qualifiers read after an ending event (or a session, memory): all but the `durationOnly` ones.
 *  One list, made once, so that `firstMatch` remembers its answers for it. */
const openEndedAfterEnd = openEndedRetention.filter((e) => !e.durationOnly);
