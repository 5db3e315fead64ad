/** The recovering parser: tokens -> syntax tree for text with syntax errors. One Chevrotain parser
 *  instance, reused; error recovery on, so one run reports every syntax error. Embedded actions
 *  build the tree directly (no CST pass). This file holds the top level (declarations, imports) and
 *  the entry points; the property grammar is in parser-base.ts. parseFlow (parse.ts) calls it when
 *  the fast parser gives up; parser.ts registers it there, and the CLI bundles it as its own file
 *  (dist/chunks/recovering-parser.cjs, scripts/bundle.mjs), loaded on the first syntax error. */
import { EOF, type IToken, type TokenType } from "chevrotain";
import type { Diagnostic } from "../diagnostics.js";
import type { Declaration, DeclarationKind, Name as NameNode, Property, Str } from "./ast.js";
import { Arrow, Keyword, LCurly, Name, RCurly, StringLiteral } from "./chevrotain-tokens.js";
import type { SourceFile } from "./source.js";
import type { TokenStore } from "./lex.js";
import { exact } from "../util/arrays.js";
import { explainUnclosedBlocks, syntaxDiagnostic } from "./parse-errors.js";
import { PropertyParser } from "./parser-base.js";

const K = Keyword as Record<string, TokenType>;

class FlowParser extends PropertyParser {
  constructor() {
    super();
    this.performSelfAnalysis();
    // Chevrotain finds where to resume after an error at the top level by scanning ahead for a
    // token in the top level's follow set, which is the end of the file alone: a scan to the end
    // for every such error, quadratic on a large file with many (a 2 MB model with a stray line
    // every 50 lines took 29 s). The answer is the end of the file without scanning.
    const recoverable = this as unknown as { findReSyncTokenType(): TokenType; flattenFollowSet(): TokenType[] };
    const scan = recoverable.findReSyncTokenType.bind(this);
    recoverable.findReSyncTokenType = () => {
      const follow = recoverable.flattenFollowSet();
      return follow.length === 1 && follow[0] === EOF ? EOF : scan();
    };
  }

  public flowFile = this.RULE("flowFile", (): void => {
    this.MANY(() => {
      const d = this.OR([{ ALT: () => this.SUBRULE(this.importStatement) }, { ALT: () => this.SUBRULE(this.declaration) }]);
      this.ACTION(() => {
        if (d) this.parsed.push(d);
      });
    });
  });

  /** `import "path.flow"`: no title, no block. */
  private importStatement = this.RULE(
    "importStatement",
    (): Declaration => {
      const kw = this.CONSUME(K.import!);
      const p = this.CONSUME(StringLiteral);
      return this.ACTION(() => {
        const keyword = this.name(kw);
        const path = this.str(p);
        return { kind: "import" as DeclarationKind, keyword, path, properties: [], span: this.join(keyword.span, path.span) };
      });
    },
    { recoveryValueFunc: () => undefined as unknown as Declaration },
  );

  private declaration = this.RULE(
    "declaration",
    (): Declaration => {
      let kw!: IToken;
      let name: NameNode | undefined;
      let from: NameNode | undefined;
      let to: NameNode | undefined;
      this.OR([
        {
          ALT: () => {
            kw = this.CONSUME(K.model!);
          },
        },
        {
          ALT: () => {
            kw = this.OR1([
              { ALT: () => this.CONSUME(K.organization!) },
              { ALT: () => this.CONSUME(K.subject!) },
              { ALT: () => this.CONSUME(K.data!) },
              { ALT: () => this.CONSUME(K.purpose!) },
              { ALT: () => this.CONSUME(K.system!) },
              { ALT: () => this.CONSUME(K.vendor!) },
            ]);
            const n = this.CONSUME(Name);
            this.ACTION(() => { name = this.name(n); });
          },
        },
        {
          ALT: () => {
            kw = this.CONSUME(K.flow!);
            const f = this.CONSUME1(Name);
            this.CONSUME(Arrow);
            const t = this.CONSUME2(Name);
            this.ACTION(() => {
              from = this.name(f);
              to = this.name(t);
            });
          },
        },
      ]);
      let title: Str | undefined;
      this.OPTION(() => {
        const t = this.CONSUME(StringLiteral);
        title = this.ACTION(() => this.str(t));
      });
      let entry: NameNode | undefined;
      this.OPTION2(() => {
        this.CONSUME(K.from!);
        const e = this.CONSUME3(Name);
        this.ACTION(() => { entry = this.name(e); });
      });
      const properties: Property[] = [];
      let close: IToken | undefined;
      this.OPTION1(() => {
        this.CONSUME(LCurly);
        this.MANY(() => {
          const p = this.SUBRULE(this.property);
          this.ACTION(() => {
            if (p) properties.push(p);
          });
        });
        close = this.CONSUME(RCurly);
      });
      return this.ACTION(() => {
        const keyword = this.name(kw);
        let end = entry?.span ?? title?.span ?? to?.span ?? name?.span ?? keyword.span;
        if (properties.length) end = properties[properties.length - 1]!.span;
        if (close && Number.isFinite(close.startOffset)) end = this.tokenSpan(close);
        return {
          kind: kw.image as DeclarationKind,
          keyword,
          name,
          from,
          to,
          title,
          entry,
          properties: exact(properties),
          span: this.join(keyword.span, end),
        };
      });
    },
    { recoveryValueFunc: () => undefined as unknown as Declaration },
  );

}

/** One instance: Chevrotain's self-analysis is expensive, the parser is reusable. */
let instance: FlowParser | undefined;
function parser(): FlowParser {
  return (instance ??= new FlowParser());
}

/** The grammar's productions, for railroad diagrams and the EBNF reference. */
export function serializedGrammar() {
  // The top level first, as a reader meets it; Chevrotain lists the base class's rules first.
  const top = ["flowFile", "importStatement", "declaration"];
  const rules = parser().getSerializedGastProductions();
  const isTop = (r: (typeof rules)[number]) => top.includes((r as { name?: string }).name ?? "");
  return [...rules.filter(isTop), ...rules.filter((r) => !isTop(r))];
}

/** The declarations of `tokens` by the Chevrotain parser; its syntax errors go to `diagnostics`. */
export function chevrotainParse(source: SourceFile, tokens: TokenStore, diagnostics: Diagnostic[]): Declaration[] {
  const p = parser();
  p.start(source, tokens);
  let declarations: Declaration[];
  // Recovery throws and catches an exception per attempt; capturing a stack trace for each took a
  // sixth of the time on a file with many errors. The parser's own exceptions never escape.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    p.flowFile();
    declarations = p.parsed;
    const found = p.errors.map((e) => syntaxDiagnostic(e, source, tokens));
    diagnostics.push(...explainUnclosedBlocks(found, tokens, source));
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
    p.finish();
  }
  return declarations.filter(Boolean);
}
