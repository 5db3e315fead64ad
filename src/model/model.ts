/** The semantic model: names resolved, values validated, spans kept for findings.
 *  The zod schema is the contract of `--format json` model output and of the model goldens. */
import { z } from "zod";
import * as vocabulary from "./vocabulary.js";

/** The vocabularies (plain lists in vocabulary.ts) as zod enums. */
const Basis = z.enum(vocabulary.Basis.options);
const Claim = z.enum(vocabulary.Claim.options);
const Condition = z.enum(vocabulary.Condition.options);
const ModelScope = z.enum(vocabulary.ModelScope.options);
const ConsentForm = z.enum(vocabulary.ConsentForm.options);
const DataKind = z.enum(vocabulary.DataKind.options);
const DataSource = z.enum(vocabulary.DataSource.options);
const Derogation = z.enum(vocabulary.Derogation.options);
const MechanismKind = z.enum(vocabulary.MechanismKind.options);
const OperatorRole = z.enum(vocabulary.OperatorRole.options);
const OrganizationRole = z.enum(vocabulary.OrganizationRole.options);
const OrganizationKind = z.enum(vocabulary.OrganizationKind.options);
const PurposeKind = z.enum(vocabulary.PurposeKind.options);
const PurposeRole = z.enum(vocabulary.PurposeRole.options);
const Regime = z.enum(vocabulary.Regime.options);
const Right = z.enum(vocabulary.Right.options);
const Targeting = z.enum(vocabulary.Targeting.options);
const SccModule = z.enum(vocabulary.SccModule.options);
const SpecialPosition = z.enum(vocabulary.SpecialPosition.options);
const SubjectKind = z.enum(vocabulary.SubjectKind.options);
const SystemKind = z.enum(vocabulary.SystemKind.options);

export const SpanSchema = z.object({
  file: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  endLine: z.number().int().positive(),
  endColumn: z.number().int().positive(),
});

/** Spans of a node's properties by property name, so a rule reports on "node + property". */
const Spans = z.record(z.string(), SpanSchema);

export const RefSchema = z.object({ id: z.string(), span: SpanSchema });

export const DurationSchema = z.object({ amount: z.number().nonnegative(), unit: z.string(), days: z.number().nonnegative() });

export const RetentionSchema = z.object({
  kind: z.enum(["duration", "event", "session", "memory", "indefinite", "unspecified", "not_applicable"]),
  duration: DurationSchema.optional(),
  event: z.string().optional(),
  plus: DurationSchema.optional(),
  /** The policy's own words, quoted in the model. */
  statement: z.string().optional(),
  /** A human rendering: "13 months", "until account_deleted + 30 days". */
  text: z.string(),
  span: SpanSchema,
});

export const PlaceSchema = z.object({
  /** ISO 3166-1 alpha-2 code, or anywhere / global / unspecified. */
  code: z.string(),
  span: SpanSchema,
});

/** How consent is obtained, as the policy states it: `consent <form>[, parental] "policy words"`. */
export const ConsentSchema = z.object({
  form: ConsentForm,
  /** Given or authorised by the holder of parental responsibility (`parental`, alone or beside the form). */
  parental: z.optional(z.literal(true)),
  /** The policy's own words, quoted in the model. */
  note: z.string().optional(),
  span: SpanSchema,
});

const Node = { id: z.string(), name: z.string(), description: z.string().optional(), span: SpanSchema, spans: Spans };

/** `except consent, reservation` on an organization's claim: what the promise does not cover, as the
 *  policy states it ("unless you consent", "if that is necessary to fulfil our obligations toward
 *  you"): disclosures for purposes resting only on these bases, or for these purposes. */
export const ClaimExceptSchema = z.object({
  bases: z.array(Basis),
  /** Ids of declared purposes. */
  purposes: z.array(z.string()),
  /** An exception that did not read (its error is reported): the rules judge no flow against the claim. */
  unread: z.optional(z.literal(true)),
  span: SpanSchema,
});

/** `claim no_tracking "we do not track you"`: a promise the policy makes, in its words. */
export const ClaimSchema = z.object({ kind: Claim, note: z.string().optional(), except: z.optional(ClaimExceptSchema), span: SpanSchema });

/** `<key> none "reason"`: the policy says there is none (no DPO, no representative, no assessment). */
export const NoneSchema = z.object({ reason: z.string().optional(), span: SpanSchema });

/** `lia "LIA-2024-03"` / `dpia "DPIA-7"`, or `lia none "reason"`: the assessment a purpose rests on. */
export const AssessmentSchema = z.object({ ref: z.string().optional(), none: z.optional(NoneSchema), span: SpanSchema });

export const OrganizationSchema = z.object({
  ...Node,
  /** `kind public_body`: what the organization is, where the law makes it matter (Art. 37(1)(a)). */
  kind: z.optional(OrganizationKind),
  role: z.optional(OrganizationRole),
  country: z.optional(PlaceSchema),
  /** `targets eea "policy words"`: Art. 3(2) targeting, stated by the model. */
  targets: z.optional(z.object({ zone: Targeting, note: z.string().optional() })),
  /** `rights access, erasure, complaint "policy words"`: the rights the notice states (`rights none`:
   *  it states none); absent when the model does not say. */
  rights: z.optional(z.object({ list: z.array(Right), none: z.optional(z.literal(true)), note: z.string().optional() })),
  contact: z.string().optional(),
  address: z.string().optional(),
  dpo: z.string().optional(),
  /** `dpo none "reason"`: the organization has no DPO, and says why (Art. 37). */
  dpoNone: z.optional(NoneSchema),
  /** Every representative, in order (`representative "EU: ...", "UK: ..."`), joined by "; ". */
  representative: z.string().optional(),
  representatives: z.optional(z.array(z.string())),
  representativeNone: z.optional(NoneSchema),
  /** `minimum_age 16 years "policy words"`: the age the service says its users must have reached. */
  minimumAge: z.optional(z.object({ years: z.number().nonnegative(), note: z.string().optional(), span: SpanSchema })),
  claims: z.optional(z.array(ClaimSchema)),
  jointControllers: z.array(z.string()),
});

export const SubjectSchema = z.object({
  ...Node,
  kind: z.optional(SubjectKind),
  /** `informed "how"`: how people who never see the notice learn of the processing (Art. 14(3));
   *  `informed none "reason"`: they are not, on the exemption the policy gives (Art. 14(5)(b)). */
  informed: z.optional(z.object({ how: z.string().optional(), none: z.optional(NoneSchema), span: SpanSchema })),
});

export const DataCategorySchema = z.object({
  ...Node,
  kind: z.optional(DataKind),
  special: z.boolean(),
  sensitive: z.boolean(),
  /** `anonymous "policy words"`: the policy's claim that this data is anonymous or aggregate (not
   *  personal data, Recital 26); checked against the data's kind. */
  anonymous: z.string().optional(),
  /** `claim memory_only "..."`, `claim not_stored "..."`. */
  claims: z.optional(z.array(ClaimSchema)),
  /** `obtained other_users, partners "policy words"`: where the organization gets the data. */
  obtained: z.optional(z.object({ sources: z.array(DataSource), note: z.string().optional(), span: SpanSchema })),
  /** `informed "how"` on data obtained from others: how each person is told the specific source
   *  individually, when the notice can name only kinds of source (Art. 14(2)(f), 14(3));
   *  `informed none "reason"`: it is not, on the reason given (Recital 61: various sources). */
  informed: z.optional(z.object({ how: z.string().optional(), none: z.optional(NoneSchema), span: SpanSchema })),
  /** `special none|possible "position"`: the Art. 9 position on data that may hold special categories. */
  specialPosition: z.optional(z.object({ position: SpecialPosition, note: z.string().optional(), span: SpanSchema })),
});

/** `law <ISO codes | eu> "the law, in the policy's words"`: the legal order a legal obligation or a
 *  public task comes from (Art. 6(3) accepts only Union or Member State law). */
export const LawSchema = z.object({
  /** ISO 3166-1 alpha-2 codes, or `eu` for Union law. */
  places: z.array(PlaceSchema),
  note: z.string().optional(),
  span: SpanSchema,
});

export const PurposeSchema = z.object({
  ...Node,
  /** `kind analytics`: what the purpose is for, where the law makes it matter (device reads, ePrivacy Art. 5(3)). */
  kind: z.optional(PurposeKind),
  basis: z.optional(Basis),
  basisNote: z.string().optional(),
  /** Every basis stated, when more than one (`basis contract, legitimate_interests`); `basis` is the first. */
  bases: z.optional(z.array(Basis)),
  /** `basis contract "...", legitimate_interests "..."`: the policy's words for each basis, in the order
   *  of `bases`, when it gives each its own (then it says which basis covers what). */
  basesWords: z.optional(z.array(z.string())),
  /** The legitimate-interests assessment (Art. 6(1)(f), 5(2)) and the DPIA (Art. 35) the purpose rests on. */
  lia: z.optional(AssessmentSchema),
  dpia: z.optional(AssessmentSchema),
  condition: z.optional(Condition),
  conditionNote: z.string().optional(),
  /** How the consent the basis (or the explicit_consent condition) rests on is obtained. */
  consent: z.optional(ConsentSchema),
  /** Whose law imposes the obligation or task a legal_obligation / public_task basis rests on. */
  law: z.optional(LawSchema),
  subjects: z.array(RefSchema),
  data: z.array(RefSchema),
  retention: z.optional(RetentionSchema),
  /** `role processor "policy words"`: the organization carries out this purpose on a customer's behalf
   *  (Art. 28): the customer, as controller, answers for its basis and retention. */
  role: z.optional(PurposeRole),
  roleNote: z.string().optional(),
});

export const OperatorSchema = z.object({
  self: z.boolean(),
  vendor: z.string().optional(),
  /** `in IE`: where the operating entity is established (its servers are the system's `located`). */
  established: z.optional(PlaceSchema),
  role: z.optional(OperatorRole),
  /** For sub-processors: the system whose operator engaged them. */
  of: z.optional(RefSchema),
});

export const StoreSchema = z.object({
  data: z.array(RefSchema),
  purposes: z.array(RefSchema),
  retention: z.optional(RetentionSchema),
  span: SpanSchema,
});

/** `from <id>`: the vendor entry a system takes facts from, and which facts it took (provenance). */
export const CatalogueUseSchema = z.object({
  /** The entry's id, as written after `from`. */
  entry: z.string(),
  name: z.string(),
  /** "catalogue" (flowmap's, catalogue/<id>.json), or the file declaring the team's `vendor` entry. */
  origin: z.string(),
  /** When the entry's facts were checked (YYYY-MM-DD). */
  asOf: z.string(),
  /** The id's span: where every fact taken points. */
  span: SpanSchema,
  /** The properties whose value came from the entry (the block did not state them):
   *  kind, operator, operator.established, located, certified, contract. */
  facts: z.array(z.string()),
  /** The properties the block leaves unstated and the entry does not know: the model's to state. */
  unknown: z.array(z.string()),
  /** The entry's typical role (processor, controller, either), and when each applies. */
  role: z.string().optional(),
  roleWhen: z.string().optional(),
  /** The entry's DPF record: which entity, and when it was checked. */
  dpf: z.object({ entity: z.string(), certified: z.boolean().nullable(), checked: z.string() }).optional(),
});

export const SystemSchema = z.object({
  ...Node,
  kind: z.optional(SystemKind),
  clientSide: z.boolean(),
  operator: z.optional(OperatorSchema),
  locations: z.array(PlaceSchema),
  /** `located abroad "we may transfer your information to our processors outside the EEA"`: the
   *  policy's words placing it. One sentence placing several recipients is one statement. */
  locatedNote: z.string().optional(),
  certified: z.array(z.string()),
  contract: z.string().optional(),
  stores: z.array(StoreSchema),
  security: z.array(z.string()),
  /** `unnamed "third-party service providers (such as Amazon)"`: the policy names a category of
   *  recipient, not the party (Art. 13(1)(e) allows categories). */
  unnamed: z.string().optional(),
  catalogue: z.optional(CatalogueUseSchema),
});

export const MechanismSchema = z.object({
  kind: MechanismKind,
  module: z.optional(SccModule),
  derogation: z.optional(Derogation),
  note: z.string().optional(),
  span: SpanSchema,
});

export const FlowSchema = z.object({
  ...Node,
  from: RefSchema,
  to: RefSchema,
  data: z.array(RefSchema),
  purposes: z.array(RefSchema),
  /** The first ground stated (what a one-ground flow rests on). */
  mechanism: z.optional(MechanismSchema),
  /** Every ground stated, in order (`mechanism dpf` and `mechanism scc c2p` as a fallback): the
   *  transfer is covered when one covers every destination; each failing ground is judged on its own. */
  mechanisms: z.array(MechanismSchema),
  /** How the consent an Art. 49(1)(a) derogation rests on is obtained. */
  consent: z.optional(ConsentSchema),
  encrypted: z.array(z.string()),
  occasional: z.boolean(),
  /** The transfer impact assessment an Art. 46 tool needs (its reference, in the model's words). */
  tia: z.string().optional(),
  /** `linked "policy words"`: the data subject reaches this third party on their own (a link, a
   *  profile on a platform); the organization embeds nothing and sends nothing: no disclosure of its own. */
  linked: z.string().optional(),
});

export const ModelSchema = z.object({
  file: z.string(),
  title: z.string(),
  regime: Regime,
  /** `describes notice`: read from a published notice (see ModelScope); absent: the organization's record. */
  describes: z.optional(ModelScope),
  updated: z.string().optional(),
  /** Where the header states its properties (`updated`), for findings about them. */
  spans: z.optional(Spans),
  source: z.string().optional(),
  description: z.string().optional(),
  organization: z.optional(OrganizationSchema),
  subjects: z.array(SubjectSchema),
  data: z.array(DataCategorySchema),
  purposes: z.array(PurposeSchema),
  systems: z.array(SystemSchema),
  flows: z.array(FlowSchema),
});

export type Ref = z.infer<typeof RefSchema>;
export type Retention = z.infer<typeof RetentionSchema>;
export type Place = z.infer<typeof PlaceSchema>;
export type Organization = z.infer<typeof OrganizationSchema>;
export type Subject = z.infer<typeof SubjectSchema>;
export type DataCategory = z.infer<typeof DataCategorySchema>;
export type Purpose = z.infer<typeof PurposeSchema>;
export type System = z.infer<typeof SystemSchema>;
export type CatalogueUse = z.infer<typeof CatalogueUseSchema>;
export type Store = z.infer<typeof StoreSchema>;
export type Mechanism = z.infer<typeof MechanismSchema>;
export type Consent = z.infer<typeof ConsentSchema>;
export type Law = z.infer<typeof LawSchema>;
export type Flow = z.infer<typeof FlowSchema>;
export type Claim = z.infer<typeof ClaimSchema>;
export type Assessment = z.infer<typeof AssessmentSchema>;
export type NoneStatement = z.infer<typeof NoneSchema>;
export type Model = z.infer<typeof ModelSchema>;

/** Anything a rule can report on: a span for the node and spans for its properties. */
export interface Reportable {
  span: z.infer<typeof SpanSchema>;
  spans?: Record<string, z.infer<typeof SpanSchema>>;
}
