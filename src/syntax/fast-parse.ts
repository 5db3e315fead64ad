/** The parser's fast path: the same grammar as the Chevrotain parser (recovering-parser.ts and
 *  parser-base.ts), by recursive descent over the packed tokens, for text with no syntax error. It gives up (returns undefined) at
 *  the first token the grammar does not allow, and the caller then runs the Chevrotain parser, which
 *  recovers and reports every error. On text it accepts, it builds exactly the tree the Chevrotain
 *  parser builds, which a property test checks; it exists because Chevrotain's machinery (rule
 *  invocation, recovery bookkeeping, look-ahead) was half the time to check a 2 MB model, and so that
 *  clean text never loads Chevrotain (parse.ts).
 *  Change the grammar in the Chevrotain parser first, then here; the test fails until both agree. */
import type { Span } from "../diagnostics.js";
import type { Declaration, DeclarationKind, DurationNode, ExceptClause, Name, Property, RetentionNode, Str } from "./ast.js";
import type { SourceFile } from "./source.js";
import type { TokenStore } from "./lex.js";
import { Arrow, Comma, Identifier, Keyword, LCurly, matches, NamesKeyword, NumberLiteral, Plus, RCurly, StringLiteral, StringsKeyword, tokenKinds, Name as NameToken, type TokenKind } from "./tokens.js";
import { exact } from "../util/arrays.js";
import { unquote } from "./unquote.js";

/** Whether token type index `i` matches token type `t` (itself or one of its categories). */
function matcher(t: TokenKind): Uint8Array {
  const table = new Uint8Array(tokenKinds.length);
  for (const x of tokenKinds) if (matches(x, t)) table[x.idx] = 1;
  return table;
}

const isName = matcher(NameToken);
const isNamesKeyword = matcher(NamesKeyword);
const isStringsKeyword = matcher(StringsKeyword);
const kw = (w: string) => Keyword[w]!.idx;
const T = {
  identifier: Identifier.idx, string: StringLiteral.idx, number: NumberLiteral.idx, arrow: Arrow.idx,
  comma: Comma.idx, plus: Plus.idx, lcurly: LCurly.idx, rcurly: RCurly.idx,
  model: kw("model"), flow: kw("flow"), retention: kw("retention"), operator: kw("operator"), stores: kw("stores"), mechanism: kw("mechanism"),
  occasional: kw("occasional"), until: kw("until"), as: kw("as"), of: kw("of"), for: kw("for"), import: kw("import"), in: kw("in"),
  from: kw("from"), parent: kw("parent"), minimumAge: kw("minimum_age"), except: kw("except"),
};
const namedDeclaration = new Set(["organization", "subject", "data", "purpose", "system", "vendor"].map(kw));

/** Thrown at the first token the grammar does not allow; caught by `fastParse`. */
const giveUp = new Error("not parsable by the fast path");

class FastParser {
  private i = 0;
  private readonly n: number;
  private readonly types: Uint16Array;
  private readonly starts: Int32Array;
  private readonly lengths: Int32Array;
  private readonly text: string;
  /** Name texts, shared: a model repeats a few thousand names a million times. */
  private readonly texts = new Map<string, string>();
  private readonly buffer: Property[] = [];

  constructor(
    private readonly file: SourceFile,
    tokens: TokenStore,
  ) {
    this.n = tokens.length;
    this.types = tokens.types;
    this.starts = tokens.starts;
    this.lengths = tokens.lengths;
    this.text = tokens.text;
  }

  /** Type index of the current token, or -1 at the end. */
  private peek(): number {
    return this.i < this.n ? this.types[this.i]! : -1;
  }

  /** Consumes the current token when it is of `type`. */
  private accept(type: number): boolean {
    if (this.peek() !== type) return false;
    this.i++;
    return true;
  }

  private expect(type: number): number {
    if (this.peek() !== type) throw giveUp;
    return this.i++;
  }

  private span(t: number): Span {
    const start = this.starts[t]!;
    return this.file.spanAt(start, start + this.lengths[t]!);
  }

  private join(a: Span, b: Span): Span {
    return b.end < a.start ? a : this.file.spanAt(a.start, b.end);
  }

  private image(t: number): string {
    return this.text.substr(this.starts[t]!, this.lengths[t]!);
  }

  private nameAt(t: number): Name {
    const image = this.image(t);
    let text = this.texts.get(image);
    if (text === undefined) this.texts.set(image, (text = image));
    return { text, span: this.span(t) };
  }

  private name(): Name {
    const t = this.peek();
    if (t < 0 || !isName[t]) throw giveUp;
    return this.nameAt(this.i++);
  }

  private str(): Str {
    const t = this.expect(T.string);
    return { value: unquote(this.image(t)), span: this.span(t) };
  }

  file_(): Declaration[] {
    const out: Declaration[] = [];
    while (this.i < this.n) out.push(this.peek() === T.import ? this.importStatement() : this.declaration());
    return out;
  }

  private importStatement(): Declaration {
    const keyword = this.nameAt(this.i++);
    const path = this.str();
    return { kind: "import", keyword, path, properties: [], span: this.join(keyword.span, path.span) };
  }

  private declaration(): Declaration {
    const k = this.peek();
    const kwTok = this.i;
    let name: Name | undefined;
    let from: Name | undefined;
    let to: Name | undefined;
    if (k === T.model) this.i++;
    else if (namedDeclaration.has(k)) {
      this.i++;
      name = this.name();
    } else if (k === T.flow) {
      this.i++;
      from = this.name();
      this.expect(T.arrow);
      to = this.name();
    } else throw giveUp;
    const title = this.peek() === T.string ? this.str() : undefined;
    let entry: Name | undefined;
    if (this.accept(T.from)) entry = this.name();
    // Properties collect in one reused buffer and are copied out at their exact length.
    const buffer = this.buffer;
    buffer.length = 0;
    let close = -1;
    if (this.accept(T.lcurly)) {
      while (this.peek() !== T.rcurly) buffer.push(this.property());
      close = this.i++;
    }
    const properties = buffer.slice();
    const keyword = this.nameAt(kwTok);
    let end = entry?.span ?? title?.span ?? to?.span ?? name?.span ?? keyword.span;
    if (properties.length) end = properties[properties.length - 1]!.span;
    if (close >= 0) end = this.span(close);
    return {
      kind: keyword.text as DeclarationKind,
      keyword,
      name,
      from,
      to,
      title,
      entry,
      properties,
      span: this.join(keyword.span, end),
    };
  }

  private names(): Name[] {
    const first = this.name();
    if (this.peek() !== T.comma) return [first];
    const out = [first];
    while (this.accept(T.comma)) out.push(this.name());
    return exact(out);
  }

  private strings(): Str[] {
    const out = [this.str()];
    while (this.accept(T.comma)) out.push(this.str());
    return exact(out);
  }

  private duration(): DurationNode {
    const n = this.expect(T.number);
    const image = this.image(n);
    const amount = { value: Number(image), text: image, span: this.span(n) };
    const unit = this.name();
    return { amount, unit, span: this.join(amount.span, unit.span) };
  }

  private retention(): RetentionNode {
    const r: Partial<RetentionNode> = {};
    let first: Span | undefined;
    const t = this.peek();
    if (t === T.number) r.duration = this.duration();
    else if (t === T.until) {
      first = this.span(this.i++);
      r.until = this.name();
      if (this.accept(T.plus)) r.plus = this.duration();
    } else if (t === T.identifier) r.word = this.nameAt(this.i++);
    else throw giveUp;
    if (this.peek() === T.string) r.statement = this.str();
    const start = first ?? r.duration?.span ?? r.word!.span;
    const end = r.statement?.span ?? r.plus?.span ?? r.until?.span ?? r.word?.span ?? r.duration?.span ?? start;
    return { ...r, span: this.join(start, end) } as RetentionNode;
  }

  /** `except consent, reservation`: the first name on the line of `except` (a line that ends there
   *  names none); `before` is a quote written between the values and `except`. */
  private exceptClause(before: Str | undefined): ExceptClause {
    const at = this.i++;
    const keyword = this.nameAt(at);
    const t = this.peek();
    const onLine = t >= 0 && isName[t] && this.file.lineIndexOf(this.starts[this.i]!) === this.file.lineIndexOf(this.starts[at]!);
    const names = onLine ? this.names() : [];
    return { keyword, names, ...(before && { before }), span: this.join(keyword.span, names[names.length - 1]?.span ?? keyword.span) };
  }

  private property(): Property {
    const t = this.peek();
    if (t < 0) throw giveUp;
    const keyword = this.nameAt(this.i++);
    if (isNamesKeyword[t]) {
      const names: Name[] = [this.name()];
      const notes: Array<Str | undefined> = [this.peek() === T.string ? this.str() : undefined];
      while (this.accept(T.comma)) {
        names.push(this.name());
        notes.push(this.peek() === T.string ? this.str() : undefined);
      }
      const last = notes[names.length - 1];
      const valueNotes = notes.slice(0, -1).some(Boolean) ? notes : undefined;
      const except = this.peek() === T.except ? this.exceptClause(last) : undefined;
      const note = except ? (this.peek() === T.string ? this.str() : undefined) : last;
      const end = note?.span ?? except?.span ?? names[names.length - 1]!.span;
      return { type: "names", keyword, names: exact(names), note, ...(valueNotes && { valueNotes }), ...(except && { except }), span: this.join(keyword.span, end) };
    }
    if (isStringsKeyword[t]) {
      if (this.peek() === T.identifier) {
        const none = this.nameAt(this.i++);
        const strings = this.peek() === T.string ? this.strings() : [];
        return { type: "strings", keyword, strings, none, span: this.join(keyword.span, strings[strings.length - 1]?.span ?? none.span) };
      }
      const strings = this.strings();
      return { type: "strings", keyword, strings, span: this.join(keyword.span, strings[strings.length - 1]!.span) };
    }
    switch (t) {
      case T.retention: {
        const retention = this.retention();
        return { type: "retention", keyword, retention, span: this.join(keyword.span, retention.span) };
      }
      case T.operator:
      case T.parent: {
        let self: Name | undefined;
        let vendor: Str | undefined;
        let role: Name | undefined;
        let of: Name | undefined;
        let established: Name | undefined;
        const v = this.peek();
        if (v === T.identifier) self = this.nameAt(this.i++);
        else if (v === T.string) {
          vendor = this.str();
          if (this.accept(T.in)) established = this.name();
          if (this.accept(T.as)) {
            role = this.name();
            if (this.accept(T.of)) of = this.name();
          }
        } else throw giveUp;
        const last = of?.span ?? role?.span ?? established?.span ?? vendor?.span ?? self?.span ?? keyword.span;
        return { type: "operator", keyword, self, vendor, in: established, role, of, span: this.join(keyword.span, last) };
      }
      case T.stores: {
        const data = this.names();
        let purposes: Name[] = [];
        let retention: RetentionNode | undefined;
        if (this.accept(T.for)) purposes = this.names();
        if (this.accept(T.retention)) retention = this.retention();
        const last = retention?.span ?? purposes[purposes.length - 1]?.span ?? data[data.length - 1]?.span ?? keyword.span;
        return { type: "stores", keyword, data, purposes, retention, span: this.join(keyword.span, last) };
      }
      case T.mechanism: {
        const mechanism = this.name();
        const detail = this.peek() === T.identifier ? this.nameAt(this.i++) : undefined;
        const note = this.peek() === T.string ? this.str() : undefined;
        const last = note?.span ?? detail?.span ?? mechanism.span;
        return { type: "mechanism", keyword, mechanism, detail, note, span: this.join(keyword.span, last) };
      }
      case T.minimumAge: {
        const duration = this.duration();
        const note = this.peek() === T.string ? this.str() : undefined;
        return { type: "duration", keyword, duration, ...(note && { note }), span: this.join(keyword.span, note?.span ?? duration.span) };
      }
      case T.occasional:
        return { type: "flag", keyword, span: keyword.span };
      default:
        throw giveUp;
    }
  }
}

/** The declarations of `tokens`, or undefined when the text has a syntax error (run the Chevrotain
 *  parser to report it). */
export function fastParse(file: SourceFile, tokens: TokenStore): Declaration[] | undefined {
  try {
    return new FastParser(file, tokens).file_();
  } catch (e) {
    if (e === giveUp) return undefined;
    throw e;
  }
}
