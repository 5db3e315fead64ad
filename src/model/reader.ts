/** Reading a declaration's properties, names and values for the model builder: every problem is a
 *  diagnostic, nothing throws on user input. The builder (build.ts) turns declarations into nodes. */
import type { Diagnostic, Span } from "../diagnostics.js";
import type * as Ast from "../syntax/ast.js";
import { countryAliases, countryNames } from "../legal/countries.js";
import { didYouMean, suggest } from "../util/suggest.js";
import type { Place, Ref, Retention } from "./model.js";
import { Location, noneAllowed, RetentionWord, unitDays, type Word } from "./vocabulary.js";
import { exact } from "../util/arrays.js";

export type Kind = Ast.DeclarationKind;

/** Which properties each declaration takes. */
export const allowed: Record<Kind, readonly string[]> = {
  import: [],
  model: ["regime", "describes", "updated", "source", "description"],
  organization: ["kind", "role", "country", "targets", "rights", "contact", "address", "dpo", "representative", "joint_controller", "minimum_age", "claim", "description"],
  subject: ["kind", "informed", "description"],
  data: ["kind", "anonymous", "claim", "obtained", "informed", "special", "description"],
  purpose: ["kind", "role", "basis", "condition", "consent", "law", "subjects", "data", "retention", "lia", "dpia", "description"],
  system: ["kind", "operator", "located", "certified", "contract", "stores", "security", "unnamed", "description", "unstated"],
  flow: ["data", "for", "mechanism", "consent", "encrypted", "occasional", "tia", "linked", "description"],
  vendor: ["aliases", "kind", "operator", "parent", "located", "certified", "role", "contract", "subprocessors", "as_of", "source", "description"],
};

/** Properties that may be written more than once; their values add up. */
export const repeatable = new Set(["rights", "subjects", "data", "located", "certified", "stores", "security", "for", "encrypted", "joint_controller", "mechanism", "claim", "obtained", "representative"]);

export const kindNoun: Record<Kind, string> = {
  import: "an import",
  model: "the model header", organization: "an organization", subject: "a data subject", data: "a data category",
  purpose: "a purpose", system: "a system", flow: "a flow", vendor: "a vendor entry",
};

/** The zod enum's options as a Set: the same validation as `safeParse`, without its per-call cost
 *  on models with hundreds of thousands of values. */
const optionSets = new WeakMap<object, ReadonlySet<string>>();
export function optionSet(schema: { options: readonly string[] }): ReadonlySet<string> {
  let set = optionSets.get(schema);
  if (!set) optionSets.set(schema, (set = new Set(schema.options as readonly string[])));
  return set;
}


function* take<T>(items: Iterable<T>, n: number): Generator<T> {
  if (n <= 0) return;
  for (const item of items) {
    yield item;
    if (--n <= 0) return;
  }
}

export abstract class DeclarationReader {
  protected diagnostics: Diagnostic[] = [];
  protected declared: Record<Kind, Map<string, Ast.Declaration>> = {
    import: new Map(), model: new Map(), organization: new Map(), subject: new Map(), data: new Map(), purpose: new Map(), system: new Map(), flow: new Map(), vendor: new Map(),
  };

  protected report(code: string, span: Span, message: string, help?: string, related: Diagnostic["related"] = []): void {
    this.diagnostics.push({ code, severity: code === "duplicate-property" ? "warning" : "error", message, span, related, help });
  }
  // ---- properties -------------------------------------------------------

  /** The current declaration's usable properties by keyword, built once by checkProperties. */
  protected byKey = new Map<string, Ast.Property[]>();
  protected byKeyOf: Ast.Declaration | undefined;

  /** Indexes `d`'s properties by keyword; `report`s misplaced and repeated ones (pass 2 does, once
   *  per declaration; a later index of the same declaration does not). */
  protected checkProperties(d: Ast.Declaration, report = false): void {
    const ok = allowed[d.kind];
    const seen = this.byKey;
    seen.clear();
    this.unreadLines.clear();
    this.byKeyOf = d;
    const properties = d.properties;
    for (let i = 0; i < properties.length; i++) {
      const p = properties[i]!;
      const key = p.keyword.text;
      if (!ok.includes(key)) {
        if (!report) continue;
        const owners = (Object.keys(allowed) as Kind[]).filter((k) => allowed[k].includes(key)).map((k) => kindNoun[k]);
        this.report("invalid-property", p.keyword.span, `\`${key}\` is not a property of ${kindNoun[d.kind]}${owners.length ? `; it belongs in ${owners.join(" or ")}` : ""}`, `${kindNoun[d.kind]} takes: ${ok.join(", ")}`);
        continue;
      }
      // `dpo none "reason"`: only some strings properties can say there is none; anything else
      // before the quote is a mistake, reported once, and the line is then left unread.
      if (p.type === "strings" && p.none) {
        const word = p.none.text;
        if (!noneAllowed.has(key)) {
          this.markUnread(key, p.span);
          if (report) this.report("invalid-value", p.none.span, `\`${key}\` takes quoted text, not \`${word}\``, `write ${key} "..."`);
          continue;
        }
        if (word !== "none") {
          // Said, but unread: what reads the property stays quiet (one mistake, one error).
          this.markUnread(key, p.span);
          if (report) this.report("invalid-value", p.none.span, `\`${key}\` takes quoted text or \`none\`, not \`${word}\`${didYouMean(word, ["none"])}`, `write ${key} "..." or ${key} none "the reason the policy gives"`);
          continue;
        }
      }
      // Words after each value are for `basis` only ("..." after every basis the policy splits);
      // elsewhere the line reads, its quote is the one at the end, and the stray ones are one error.
      if (report && p.type === "names" && p.valueNotes && key !== "basis") {
        const stray = p.valueNotes.slice(0, -1).find(Boolean)!;
        this.report("invalid-value", stray.span, `\`${key}\` takes one quote, at the end of the line; only \`basis\` takes the policy's words after each value`, `move the words to the end of the line: ${key} ${p.names.map((n) => n.text).join(", ")} "..."`);
      }
      const prev = seen.get(key);
      if (prev && !repeatable.has(key)) {
        if (report) this.report("duplicate-property", p.keyword.span, `\`${key}\` is given twice; the first value is used`, "remove one of them", [{ message: "first given here", span: prev[0]!.keyword.span }]);
        continue;
      }
      if (prev) prev.push(p);
      else seen.set(key, [p]);
    }
  }

  /** Lines of the current declaration that were written but did not read (`lia LIA1`), by keyword. */
  protected unreadLines = new Map<string, Span>();

  private markUnread(key: string, span: Span): void {
    if (!this.unreadLines.has(key)) this.unreadLines.set(key, span);
  }

  /** The span of `d`'s `key` line when it was written but did not read (`contact privacy`): recorded in
   *  the node's spans, it tells the rules the value was written, and they stay quiet beside its error. */
  protected unreadLine(d: Ast.Declaration, key: string): Span | undefined {
    if (this.byKeyOf !== d) this.checkProperties(d);
    return this.unreadLines.get(key);
  }

  /** `<key> "text"` or `<key> none "reason"` (a property in `noneAllowed`), with its span recorded. */
  protected statedOrNone(d: Ast.Declaration, key: string, spans: Record<string, Span>): { text?: string; none?: { reason?: string; span: Span }; span: Span } | undefined {
    const none = this.noneOf(d, key);
    if (none) {
      spans[key] = none.span;
      return { none, span: none.span };
    }
    const text = this.string(d, key, spans);
    return text === undefined ? undefined : { text, span: spans[key]! };
  }

  protected static readonly none: Ast.Property[] = [];

  /** The properties of `d` named `key`, in order: those checkProperties let through. */
  protected props(d: Ast.Declaration, key: string): Ast.Property[] {
    if (this.byKeyOf !== d) this.checkProperties(d);
    return this.byKey.get(key) ?? DeclarationReader.none;
  }

  protected names(d: Ast.Declaration, key: string): { names: Ast.Name[]; note?: Ast.Str; span?: Span } {
    const props = this.props(d, key);
    if (props.length === 1) {
      // The common case, without the intermediate arrays (same result as below).
      const p = props[0]!;
      return p.type === "names" ? { names: p.names, note: p.note, span: p.span } : { names: [], note: undefined, span: undefined };
    }
    const list = props.filter((p): p is Ast.NamesProperty => p.type === "names");
    return { names: list.flatMap((p) => p.names), note: list.find((p) => p.note)?.note, span: list[0]?.span };
  }

  /** `<key> none "reason"`, when the declaration says so (checkProperties let only `none` through). */
  protected noneOf(d: Ast.Declaration, key: string): { reason?: string; span: Span } | undefined {
    const p = this.props(d, key).find((x): x is Ast.StringsProperty => x.type === "strings" && x.none !== undefined);
    if (!p) return undefined;
    const reason = p.strings.map((x) => x.value).join(" ");
    return { ...(reason && { reason }), span: p.span };
  }

  protected strings(d: Ast.Declaration, key: string): { values: string[]; span?: Span } {
    const all = this.props(d, key);
    const props = all.some((p) => p.type === "strings" && p.none) ? all.filter((p) => !(p.type === "strings" && p.none)) : all;
    if (props.length === 0) return { values: [], span: undefined };
    if (props.length === 1) {
      // The common case, without the intermediate arrays (same result as below).
      const p = props[0]!;
      return p.type === "strings" ? { values: p.strings.map((x) => x.value), span: p.span } : { values: [], span: undefined };
    }
    const list = props.filter((p): p is Ast.StringsProperty => p.type === "strings");
    return { values: list.flatMap((p) => p.strings.map((s) => s.value)), span: list[0]?.span };
  }

  protected string(d: Ast.Declaration, key: string, spans: Record<string, Span>): string | undefined {
    const { values, span } = this.strings(d, key);
    if (span) spans[key] = span;
    // Written but unread (`contact privacy`): the span tells the rules it was written, and they stay quiet.
    else {
      const unread = this.unreadLine(d, key);
      if (unread) spans[key] = unread;
    }
    return values.length ? values.join(" ") : undefined;
  }

  /** One value from a closed vocabulary; reports the nearest valid word on a typo. */
  protected single<T extends string>(d: Ast.Declaration, key: string, schema: { options: readonly T[] }, spans: Record<string, Span>, code = "invalid-value"): { value?: T; note?: string } {
    const { names, note, span } = this.names(d, key);
    if (!span) return {};
    spans[key] = span;
    if (names.length > 1) this.report("invalid-value", names[1]!.span, `\`${key}\` takes one value`, `keep one of: ${names.map((n) => n.text).join(", ")}`);
    if (!names[0]) return {};
    const value = this.enumValue(names[0], schema, key, code);
    return { value, note: note?.value };
  }

  protected enumValue<T extends string>(name: Ast.Name, schema: { options: readonly T[] }, what: string, code = "invalid-value"): T | undefined {
    if (!name.text) return undefined;
    if (optionSet(schema).has(name.text)) return name.text as T;
    const options = schema.options as readonly string[];
    this.report(code, name.span, `\`${name.text}\` is not a valid ${what}${didYouMean(name.text, options)}`, `one of: ${options.join(", ")}`);
    return undefined;
  }

  protected nodeBase(d: Ast.Declaration): { id: string; name: string; description?: string; span: Span; spans: Record<string, Span> } {
    const spans: Record<string, Span> = { declaration: d.span };
    const description = this.string(d, "description", spans);
    return { id: d.name!.text, name: d.title?.value ?? d.name!.text, description, span: d.name!.span, spans };
  }

  // ---- references -------------------------------------------------------

  protected resolve(names: Ast.Name[], kind: Kind): Ref[] {
    if (names.length === 1) {
      // The common case, without the set of names seen (same result as below).
      const n = names[0]!;
      if (n.text && this.declared[kind].has(n.text)) return [{ id: n.text, span: n.span }];
    }
    const out: Ref[] = [];
    const seen = new Set<string>();
    for (const n of names) {
      if (!n.text) continue; // inserted by the parser's recovery: its syntax error says it all
      if (this.declared[kind].has(n.text)) {
        if (seen.has(n.text)) {
          this.report("duplicate-name", n.span, `\`${n.text}\` is listed twice`, "remove the repeat");
          continue;
        }
        seen.add(n.text);
        out.push({ id: n.text, span: n.span });
        continue;
      }
      const { message, help } = this.unknown(n.text, kind);
      this.report("unknown-name", n.span, message, help);
    }
    return exact(out);
  }

  /** Message and help for an unknown name, once per name and kind: a renamed declaration in a large
   *  model leaves thousands of references to one name, and the nearest-name search is not cheap. */
  protected unknowns = new Map<string, { message: string; help: string }>();
  /** Name spans of the declarations unknown names most likely meant (see BuildResult.meant). */
  protected meant: Span[] = [];

  protected unknown(text: string, kind: Kind): { message: string; help: string } {
    const key = `${kind}\u0000${text}`;
    let found = this.unknowns.get(key);
    if (found) return found;
    const elsewhere = (Object.keys(this.declared) as Kind[]).find((k) => k !== kind && this.declared[k].has(text));
    const near = elsewhere ? undefined : suggest(text, this.declared[kind].keys());
    const hint = elsewhere ? ` (\`${text}\` is ${kindNoun[elsewhere]})` : near === undefined ? "" : ` (did you mean \`${near}\`?)`;
    // The declaration the typo meant is used, though no reference reads as its name.
    const meant = near === undefined ? undefined : this.declared[kind].get(near)?.name?.span;
    if (meant) this.meant.push(meant);
    const names = this.declared[kind];
    const first = [...take(names.keys(), 12)];
    found = {
      message: `unknown ${kindNoun[kind].replace(/^an? /, "")} \`${text}\`${hint}`,
      help: names.size ? `declared: ${first.join(", ")}${names.size > 12 ? ", ..." : ""}` : `declare it with \`${kind} ${text} { ... }\``,
    };
    this.unknowns.set(key, found);
    return found;
  }

  // ---- values -----------------------------------------------------------

  protected place(n: Ast.Name): Place | undefined {
    const text = n.text;
    if (!text) return undefined;
    if (countryNames[text]) return { code: text, span: n.span };
    if (optionSet(Location).has(text)) return { code: text, span: n.span };
    const upper = text.toUpperCase();
    let hint = "";
    if (countryNames[upper]) hint = ` (did you mean \`${upper}\`?)`;
    else if (countryAliases[upper]) hint = ` (did you mean \`${countryAliases[upper]}\`, ${countryNames[countryAliases[upper]!]}?)`;
    else {
      const byName = Object.entries(countryNames).find(([, name]) => name.toLowerCase() === text.toLowerCase().replace(/_/g, " "));
      if (byName) hint = ` (did you mean \`${byName[0]}\`?)`;
      else hint = didYouMean(text, Location.options);
    }
    this.report("invalid-country", n.span, `\`${text}\` is not an ISO 3166-1 alpha-2 country code${hint}`, "use two capital letters (NL, US, TR), or anywhere / global / unspecified");
    return undefined;
  }

  protected duration(node: Ast.DurationNode): { amount: number; unit: string; days: number } | undefined {
    const unit = node.unit.text;
    const perUnit = unitDays[unit];
    if (perUnit === undefined) {
      this.report("invalid-duration", node.unit.span, `\`${unit}\` is not a unit of time${didYouMean(unit, Object.keys(unitDays))}`, "write a duration like `30 days`, `13 months` or `7 years`");
      return undefined;
    }
    if (!Number.isFinite(node.amount.value)) return undefined;
    return { amount: node.amount.value, unit, days: Math.round(node.amount.value * perUnit * 1e6) / 1e6 };
  }

  protected retention(node: Ast.RetentionNode): Retention | undefined {
    const statement = node.statement?.value;
    const span = node.span;
    if (node.duration) {
      const duration = this.duration(node.duration);
      if (!duration) return undefined;
      return { kind: "duration", duration, text: `${duration.amount} ${duration.unit}`, statement, span };
    }
    if (node.until) {
      const plus = node.plus ? this.duration(node.plus) : undefined;
      if (node.plus && !plus) return undefined;
      const text = `until ${node.until.text}${plus ? ` + ${plus.amount} ${plus.unit}` : ""}`;
      return { kind: "event", event: node.until.text, plus, text, statement, span };
    }
    if (node.word) {
      const word = node.word.text as Word<typeof RetentionWord>;
      if (optionSet(RetentionWord).has(word)) return { kind: word, text: word === "not_applicable" ? "not applicable (nothing is kept)" : word, statement, span };
      const hint = didYouMean(node.word.text, [...RetentionWord.options, "days", "months", "years"]);
      this.report("invalid-duration", node.word.span, `\`${node.word.text}\` is not a retention${hint}`, "write `30 days`, `until account_deleted + 30 days`, session, memory, indefinite, unspecified or not_applicable");
    }
    return undefined;
  }

}
