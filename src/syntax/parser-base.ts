/** The property grammar: what may stand inside a declaration's block (names, strings, retention,
 *  operator, stores, mechanism, flags), with the token access and span helpers every rule uses.
 *  FlowParser (recovering-parser.ts) extends it with the top level: declarations and imports. Chevrotain
 *  grammar inheritance: the rules are fields, analysed once by the subclass's constructor. */
import { EmbeddedActionsParser, type IToken, type TokenType } from "chevrotain";
import type { Span } from "../diagnostics.js";
import type { Declaration, DurationNode, Name as NameNode, Property, RetentionNode, Str } from "./ast.js";
import { allTokens, ChevrotainTokens, Comma, Identifier, Keyword, Name, NumberLiteral, Plus, StringLiteral, NamesKeyword, StringsKeyword } from "./chevrotain-tokens.js";
import type { SourceFile } from "./source.js";
import type { TokenStore } from "./lex.js";
import { exact } from "../util/arrays.js";
import { unquote } from "./unquote.js";

const K = Keyword as Record<string, TokenType>;

/** The exclusive end offset of a token. The lexer tracks start offsets only (tokens stay small), and
 *  an image is the text between its offsets; tokens inserted by error recovery give NaN. */
export function endOf(t: IToken): number {
  return t.startOffset + t.image.length;
}

export abstract class PropertyParser extends EmbeddedActionsParser {
  file!: SourceFile;
  /** The tokens being parsed; read through the look-ahead methods below, which Chevrotain provides
   *  for lazy token sources. */
  tokens: ChevrotainTokens | undefined;
  protected readonly endOfFile: IToken;
  /** Name texts of the current parse, shared: a model repeats a few thousand names a million times. */
  texts = new Map<string, string>();

  constructor() {
    // Grammar validations cost start-up time and guard against grammar bugs, not input errors:
    // run them under the test suite (VITEST is set), skip them for users.
    super(allTokens, { recoveryEnabled: true, maxLookahead: 2, skipValidations: !process.env.VITEST });
    this.endOfFile = super.LA(1); // Chevrotain's END_OF_FILE: the token vector is empty
  }

  /** Starts a parse of `tokens` (resets Chevrotain's state; its own token vector stays empty). */
  start(file: SourceFile, tokens: TokenStore): void {
    this.input = [];
    this.file = file;
    this.tokens = new ChevrotainTokens(tokens);
    this.parsed = [];
    (this as unknown as { tokVectorLength: number }).tokVectorLength = tokens.length;
  }

  /** Drops the parse's tokens, text and names so that the reused parser keeps nothing alive. */
  finish(): void {
    this.input = [];
    this.tokens = undefined;
    this.parsed = [];
    this.file = undefined as unknown as SourceFile;
    this.texts = new Map();
  }

  override LA_FAST(howMuch: number): IToken {
    return this.LA(howMuch);
  }

  override LA(howMuch: number): IToken {
    const idx = (this as unknown as { currIdx: number }).currIdx + howMuch;
    const tokens = this.tokens;
    if (idx < 0 || !tokens || idx >= tokens.length) return this.endOfFile;
    return tokens.get(idx);
  }

  /** A zero-width span at the end of the last real token: where an inserted token belongs. */
  protected anchor(): Span {
    const idx: number = (this as unknown as { currIdx: number }).currIdx;
    const tokens = this.tokens!;
    for (let i = Math.min(idx, tokens.length - 1); i >= 0; i--) {
      const t = tokens.get(i);
      if (Number.isFinite(t.startOffset)) return this.file.span(endOf(t), endOf(t));
    }
    return this.file.span(0, 0);
  }

  protected tokenSpan(t: IToken): Span {
    if (!Number.isFinite(t.startOffset)) return this.anchor();
    return this.file.spanAt(t.startOffset, endOf(t));
  }

  protected join(a: Span, b: Span): Span {
    if (b.end < a.start) return a;
    return this.file.spanAt(a.start, b.end);
  }

  protected name(t: IToken): NameNode {
    const image = t.image;
    let text = this.texts.get(image);
    if (text === undefined) this.texts.set(image, (text = image));
    return { text, span: this.tokenSpan(t) };
  }

  protected str(t: IToken): Str {
    return { value: unquote(t.image), span: this.tokenSpan(t) };
  }

  /** The declarations parsed so far. Kept on the parser, not returned by the rule: when recovery
   *  fails at the top level (a block left open at the end of the file), Chevrotain returns the
   *  rule's recovery value and a local list would lose every declaration before the error. */
  parsed: Declaration[] = [];


  private names = this.RULE(
    "names",
    (): NameNode[] => {
    const out: NameNode[] = [];
    const first = this.CONSUME(Name);
    this.ACTION(() => out.push(this.name(first)));
    this.MANY(() => {
      this.CONSUME(Comma);
      const t = this.CONSUME1(Name);
      this.ACTION(() => out.push(this.name(t)));
    });
    return exact(out);
    },
    { recoveryValueFunc: () => [] },
  );

  private strings = this.RULE(
    "strings",
    (): Str[] => {
    const out: Str[] = [];
    const first = this.CONSUME(StringLiteral);
    this.ACTION(() => out.push(this.str(first)));
    this.MANY(() => {
      this.CONSUME(Comma);
      const t = this.CONSUME1(StringLiteral);
      this.ACTION(() => out.push(this.str(t)));
    });
    return exact(out);
    },
    { recoveryValueFunc: () => [] },
  );

  /** `contract "for the account", legitimate_interests "for a convenient login"`: a names list whose
   *  values may each carry the policy's words (the last value's words are the line's note). */
  private quotedNames = this.RULE(
    "quotedNames",
    (): { names: NameNode[]; notes: Array<Str | undefined> } => {
      const names: NameNode[] = [];
      const notes: Array<Str | undefined> = [];
      const first = this.CONSUME(Name);
      this.ACTION(() => names.push(this.name(first)));
      let note: Str | undefined;
      this.OPTION(() => {
        const s = this.CONSUME(StringLiteral);
        this.ACTION(() => { note = this.str(s); });
      });
      this.ACTION(() => { notes.push(note); note = undefined; });
      this.MANY(() => {
        this.CONSUME(Comma);
        const t = this.CONSUME1(Name);
        this.ACTION(() => names.push(this.name(t)));
        this.OPTION1(() => {
          const s = this.CONSUME1(StringLiteral);
          this.ACTION(() => { note = this.str(s); });
        });
        this.ACTION(() => { notes.push(note); note = undefined; });
      });
      return { names: exact(names), notes };
    },
    { recoveryValueFunc: () => ({ names: [], notes: [] }) },
  );

  /** `except consent, reservation "..."` after a names property's values: the exceptions a claim
   *  states, then the line's quote. The first name stands on the line of `except` (a line that ends at
   *  `except` names none, and the next line's keyword stays a keyword). */
  private exceptClause = this.RULE(
    "exceptClause",
    (): { keyword: NameNode; names: NameNode[]; note?: Str } => {
      const e = this.CONSUME(K.except!);
      let names: NameNode[] = [];
      let note: Str | undefined;
      this.OPTION({ GATE: () => this.onLineOf(e), DEF: () => { names = this.SUBRULE(this.names) ?? []; } });
      this.OPTION1(() => {
        const s = this.CONSUME(StringLiteral);
        this.ACTION(() => { note = this.str(s); });
      });
      return this.ACTION(() => ({ keyword: this.name(e), names, ...(note && { note }) }));
    },
    { recoveryValueFunc: () => undefined as unknown as { keyword: NameNode; names: NameNode[] } },
  );

  /** Whether the next token starts on the line of token `t`. */
  private onLineOf(t: IToken): boolean {
    const next = this.LA(1);
    if (!Number.isFinite(next.startOffset) || !Number.isFinite(t.startOffset) || next.startOffset >= this.file.text.length) return false;
    return this.file.lineIndexOf(next.startOffset) === this.file.lineIndexOf(t.startOffset);
  }

  private duration = this.RULE("duration", (): DurationNode => {
    const n = this.CONSUME(NumberLiteral);
    const u = this.CONSUME(Name);
    return this.ACTION(() => {
      const amount = { value: Number(n.image), text: n.image, span: this.tokenSpan(n) };
      const unit = this.name(u);
      return { amount, unit, span: this.join(amount.span, unit.span) };
    });
  });

  /** `30 days` | `until event [+ 30 days]` | `session` | `memory` | `indefinite` | `unspecified`, then an optional quote. */
  private retention = this.RULE("retention", (): RetentionNode => {
    const r: Partial<RetentionNode> = {};
    let first: IToken | undefined;
    this.OR([
      { ALT: () => { r.duration = this.SUBRULE(this.duration); } },
      {
        ALT: () => {
          first = this.CONSUME(K.until!);
          const e = this.CONSUME(Name);
          this.ACTION(() => { r.until = this.name(e); });
          this.OPTION(() => {
            this.CONSUME(Plus);
            r.plus = this.SUBRULE1(this.duration);
          });
        },
      },
      {
        ALT: () => {
          const w = this.CONSUME1(Identifier);
          this.ACTION(() => { r.word = this.name(w); });
        },
      },
    ]);
    this.OPTION1(() => {
      const s = this.CONSUME(StringLiteral);
      this.ACTION(() => { r.statement = this.str(s); });
    });
    return this.ACTION(() => {
      const start = first ? this.tokenSpan(first) : (r.duration?.span ?? r.word?.span ?? this.anchor());
      const end = r.statement?.span ?? r.plus?.span ?? r.until?.span ?? r.word?.span ?? r.duration?.span ?? start;
      return { ...r, span: this.join(start, end) } as RetentionNode;
    });
  });

  protected property = this.RULE(
    "property",
    (): Property => {
      let p!: Property;
      this.OR({
        DEF: [
          {
            ALT: () => {
              const kw = this.CONSUME(NamesKeyword);
              const list = this.SUBRULE(this.quotedNames) ?? { names: [], notes: [] };
              let clause: { keyword: NameNode; names: NameNode[]; note?: Str } | undefined;
              this.option(10, () => { clause = this.SUBRULE(this.exceptClause); });
              this.ACTION(() => {
                const names = list.names;
                const last = list.notes[names.length - 1];
                // Words after a value that is not the last: each value's own (`valueNotes`).
                const valueNotes = list.notes.slice(0, -1).some(Boolean) ? list.notes : undefined;
                // With `except`, the quote after the values is out of place (`before`): the line's is the last.
                const except = clause && {
                  keyword: clause.keyword, names: clause.names, ...(last && { before: last }),
                  span: this.join(clause.keyword.span, clause.names[clause.names.length - 1]?.span ?? clause.keyword.span),
                };
                const note = except ? clause!.note : last;
                const end = note?.span ?? except?.span ?? names[names.length - 1]?.span;
                p = { type: "names", keyword: this.name(kw), names, note, ...(valueNotes && { valueNotes }), ...(except && { except }), span: end ? this.join(this.tokenSpan(kw), end) : this.tokenSpan(kw) };
              });
            },
          },
          {
            ALT: () => {
              // `dpo "privacy@example.com"`, or `dpo none "the reason"`: the policy says there is none.
              const kw = this.CONSUME(StringsKeyword);
              let none: NameNode | undefined;
              let strings: Str[] = [];
              this.OR3([
                {
                  ALT: () => {
                    const w = this.CONSUME4(Identifier);
                    this.ACTION(() => { none = this.name(w); });
                    this.OPTION8(() => { strings = this.SUBRULE4(this.strings) ?? []; });
                  },
                },
                { ALT: () => { strings = this.SUBRULE(this.strings) ?? []; } },
              ]);
              this.ACTION(() => {
                const keyword = this.name(kw);
                const last = strings[strings.length - 1]?.span ?? none?.span ?? keyword.span;
                p = { type: "strings", keyword, strings, ...(none && { none }), span: this.join(keyword.span, last) };
              });
            },
          },
          {
            ALT: () => {
              const kw = this.CONSUME(K.retention!);
              const retention = this.SUBRULE(this.retention);
              this.ACTION(() => {
                if (!retention) return;
                const keyword = this.name(kw);
                p = { type: "retention", keyword, retention, span: this.join(keyword.span, retention.span) };
              });
            },
          },
          {
            ALT: () => {
              // `parent "Google LLC" in US` (a vendor entry's group parent) reads as an operator does.
              const kw = this.OR2([{ ALT: () => this.CONSUME(K.operator!) }, { ALT: () => this.CONSUME(K.parent!) }]);
              let self: NameNode | undefined;
              let vendor: Str | undefined;
              let role: NameNode | undefined;
              let of: NameNode | undefined;
              let established: NameNode | undefined;
              this.OR1([
                { ALT: () => { const t = this.CONSUME2(Identifier); this.ACTION(() => { self = this.name(t); }); } },
                {
                  ALT: () => {
                    const s = this.CONSUME1(StringLiteral);
                    this.ACTION(() => { vendor = this.str(s); });
                    this.OPTION7(() => {
                      this.CONSUME(K.in!);
                      const c = this.CONSUME5(Name);
                      this.ACTION(() => { established = this.name(c); });
                    });
                    this.OPTION1(() => {
                      this.CONSUME(K.as!);
                      const r = this.CONSUME2(Name);
                      this.ACTION(() => { role = this.name(r); });
                      this.OPTION2(() => {
                        this.CONSUME(K.of!);
                        const o = this.CONSUME3(Name);
                        this.ACTION(() => { of = this.name(o); });
                      });
                    });
                  },
                },
              ]);
              this.ACTION(() => {
                const keyword = this.name(kw);
                const last = of?.span ?? role?.span ?? established?.span ?? vendor?.span ?? self?.span ?? keyword.span;
                p = { type: "operator", keyword, self, vendor, in: established, role, of, span: this.join(keyword.span, last) };
              });
            },
          },
          {
            ALT: () => {
              const kw = this.CONSUME(K.stores!);
              const data = this.SUBRULE2(this.names) ?? [];
              let purposes: NameNode[] = [];
              let retention: RetentionNode | undefined;
              this.OPTION3(() => {
                this.CONSUME(K.for!);
                purposes = this.SUBRULE3(this.names) ?? [];
              });
              this.OPTION4(() => {
                this.CONSUME1(K.retention!);
                retention = this.SUBRULE1(this.retention);
              });
              this.ACTION(() => {
                const keyword = this.name(kw);
                const last = retention?.span ?? purposes[purposes.length - 1]?.span ?? data[data.length - 1]?.span ?? keyword.span;
                p = { type: "stores", keyword, data, purposes, retention, span: this.join(keyword.span, last) };
              });
            },
          },
          {
            ALT: () => {
              const kw = this.CONSUME(K.mechanism!);
              const m = this.CONSUME4(Name);
              let detail: NameNode | undefined;
              let note: Str | undefined;
              this.OPTION5(() => {
                const d = this.CONSUME3(Identifier);
                this.ACTION(() => { detail = this.name(d); });
              });
              this.OPTION6(() => {
                const s = this.CONSUME2(StringLiteral);
                this.ACTION(() => { note = this.str(s); });
              });
              this.ACTION(() => {
                const keyword = this.name(kw);
                const mechanism = this.name(m);
                const last = note?.span ?? detail?.span ?? mechanism.span;
                p = { type: "mechanism", keyword, mechanism, detail, note, span: this.join(keyword.span, last) };
              });
            },
          },
          {
            // `minimum_age 16 years "policy words"`: a duration and an optional quote.
            ALT: () => {
              const kw = this.CONSUME(K.minimum_age!);
              const duration = this.SUBRULE2(this.duration);
              let note: Str | undefined;
              this.OPTION9(() => {
                const s = this.CONSUME3(StringLiteral);
                this.ACTION(() => { note = this.str(s); });
              });
              this.ACTION(() => {
                if (!duration) return;
                const keyword = this.name(kw);
                p = { type: "duration", keyword, duration, ...(note && { note }), span: this.join(keyword.span, note?.span ?? duration.span) };
              });
            },
          },
          {
            ALT: () => {
              const kw = this.CONSUME(K.occasional!);
              this.ACTION(() => {
                const keyword = this.name(kw);
                p = { type: "flag", keyword, span: keyword.span };
              });
            },
          },
        ],
        ERR_MSG: "a property (such as `kind`, `basis`, `data`, `retention`, `located`, `stores`, `mechanism`) or '}'",
      });
      return p;
    },
    { recoveryValueFunc: () => undefined as unknown as Property },
  );
}
