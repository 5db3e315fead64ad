/** The syntax tree: what the text says, with a span on every node; no meaning yet. */
import type { Span } from "../diagnostics.js";

export interface Name {
  text: string;
  span: Span;
}

export interface Str {
  /** The unescaped value. */
  value: string;
  span: Span;
}

export interface Num {
  value: number;
  /** As written: `fmt` prints this, not the number (1e21 would not read back). */
  text: string;
  span: Span;
}

/** `30 days` */
export interface DurationNode {
  amount: Num;
  unit: Name;
  span: Span;
}

/** `retention 13 months`, `retention until account_deleted + 30 days`, `retention session "..."` */
export interface RetentionNode {
  duration?: DurationNode;
  until?: Name;
  plus?: DurationNode;
  /** session, memory, indefinite, unspecified */
  word?: Name;
  statement?: Str;
  span: Span;
}

/** A property line in a block: its keyword and its values. */
export interface PropertyBase {
  keyword: Name;
  span: Span;
}

export interface NamesProperty extends PropertyBase {
  type: "names";
  names: Name[];
  /** The quote after the last value: the line's note. */
  note?: Str;
  /** `basis contract "...", legitimate_interests "..."`: the quote after each value, by index, when a
   *  value other than the last has one (the last entry is `note`). */
  valueNotes?: Array<Str | undefined>;
  /** `claim not_shared except consent, reservation "..."`: the exceptions the line states. `note` is
   *  then the quote after them, the line's last. */
  except?: ExceptClause;
}

/** `except <name>, <name>`: what a claim's promise does not cover, in the policy's own terms (a legal
 *  basis, a purpose). The first name stands on the line of `except`; a line that ends at `except`
 *  has no names (the model builder says so). */
export interface ExceptClause {
  keyword: Name;
  names: Name[];
  /** A quote written between the values and `except`, where the line's quote does not go: kept so
   *  that `fmt` loses nothing, and reported by the model builder. */
  before?: Str;
  span: Span;
}

export interface StringsProperty extends PropertyBase {
  type: "strings";
  strings: Str[];
  /** `dpo none "reason"`: the word before the quote (the model builder accepts only `none`);
   *  the strings are then the reason. */
  none?: Name;
}

/** `minimum_age 16 years "policy words"` */
export interface DurationProperty extends PropertyBase {
  type: "duration";
  duration: DurationNode;
  note?: Str;
}

export interface RetentionProperty extends PropertyBase {
  type: "retention";
  retention: RetentionNode;
}

export interface OperatorProperty extends PropertyBase {
  type: "operator";
  self?: Name;
  vendor?: Str;
  /** `in IE`: the country the operating entity is established in (where its servers are is `located`). */
  in?: Name;
  role?: Name;
  of?: Name;
}

export interface StoresProperty extends PropertyBase {
  type: "stores";
  data: Name[];
  purposes: Name[];
  retention?: RetentionNode;
}

export interface MechanismProperty extends PropertyBase {
  type: "mechanism";
  mechanism: Name;
  detail?: Name;
  note?: Str;
}

export interface FlagProperty extends PropertyBase {
  type: "flag";
}

export type Property =
  | NamesProperty
  | StringsProperty
  | RetentionProperty
  | DurationProperty
  | OperatorProperty
  | StoresProperty
  | MechanismProperty
  | FlagProperty;

export type DeclarationKind = "import" | "model" | "organization" | "subject" | "data" | "purpose" | "system" | "flow" | "vendor";

export interface Declaration {
  kind: DeclarationKind;
  keyword: Name;
  /** Absent for `model`, `import` and flows (they are named by their ends). */
  name?: Name;
  /** flows only */
  from?: Name;
  to?: Name;
  title?: Str;
  /** `system ga "Google Analytics" from google_analytics`: the vendor entry whose facts the
   *  system takes (the catalogue's, or a `vendor` declaration's); its block overrides them. */
  entry?: Name;
  /** `import` only: the imported file's path, relative to the importing file. */
  path?: Str;
  properties: Property[];
  span: Span;
}

export interface Comment {
  text: string;
  span: Span;
}

export interface FlowFile {
  path: string;
  declarations: Declaration[];
  comments: Comment[];
}
