/** The canonical layout of a .flow file (`flowmap fmt`): one property per line, two-space
 *  indent, one-line declarations when they have at most one property and no comment inside,
 *  blank lines between declarations collapsed to one.
 *
 *  Comments stay where they were, between the same two tokens: a comment that trailed code on
 *  its line still trails the token before it, a comment on a line of its own still has a line of
 *  its own, and a line comment always ends its line (so code that followed it moves to the next
 *  line, indented four spaces when it continues a header or a property). Every comment is kept
 *  as it was written (trailing blanks at line ends dropped, line breaks written `\n`).
 *
 *  One exception keeps formatting from changing the findings: a `// flowmap-ignore` comment
 *  covers one line (its own when it trails code, else the next line of code, with the whole of a
 *  declaration that starts there), so what stood on that line stays together on one line, and
 *  nothing is joined onto it.
 *
 *  The printer is one pass over the tokens in source order, merged with the comments (also in
 *  source order): linear in the size of the file. */
import type { Comment, Declaration, DurationNode, FlowFile, Name, Property, RetentionNode, Str } from "./ast.js";
import type { SourceFile } from "./source.js";
import { suppressedLine, suppressionComment } from "./suppression.js";

export function quote(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t").replace(/\r/g, "\\r")}"`;
}

/** Receives a property's tokens in source order: the printed text, where the token starts in the
 *  source, and what separates it from the token before it on one line. */
type TokenSink = (text: string, start: number, sep: string) => void;
/** Where the token `literal` starts, the first token at or after `from` (tokens the syntax tree
 *  does not keep: `,`, `->`, `{`, `for`, `as`, `of`, `+`, ...). */
type Finder = (from: number, literal: string) => number;

function durationTokens(d: DurationNode, emit: TokenSink): void {
  emit(d.amount.text, d.amount.span.start, " ");
  emit(d.unit.text, d.unit.span.start, " ");
}

function retentionTokens(r: RetentionNode, emit: TokenSink, find: Finder): void {
  if (r.duration) durationTokens(r.duration, emit);
  else if (r.until) {
    emit("until", r.span.start, " ");
    emit(r.until.text, r.until.span.start, " ");
    if (r.plus) {
      emit("+", find(r.until.span.end, "+"), " ");
      durationTokens(r.plus, emit);
    }
  } else if (r.word) emit(r.word.text, r.word.span.start, " ");
  if (r.statement) emit(quote(r.statement.value), r.statement.span.start, " ");
}

function listTokens<T extends { span: { start: number; end: number } }>(items: T[], text: (item: T) => string, emit: TokenSink, find: Finder): void {
  items.forEach((item, i) => {
    if (i > 0) emit(",", find(items[i - 1]!.span.end, ","), "");
    emit(text(item), item.span.start, " ");
  });
}

const nameText = (n: Name) => n.text;
const strText = (s: Str) => quote(s.value);

/** A property's tokens, keyword first. */
function propertyTokens(p: Property, emit: TokenSink, find: Finder): void {
  emit(p.keyword.text, p.keyword.span.start, " ");
  switch (p.type) {
    case "names":
      if (p.valueNotes) {
        // Each value with its own words: `basis contract "...", legitimate_interests "..."` (the last
        // value's is the line's note, or, before `except`, the out-of-place quote).
        p.names.forEach((n, i) => {
          if (i > 0) emit(",", find(p.valueNotes![i - 1]?.span.end ?? p.names[i - 1]!.span.end, ","), "");
          emit(n.text, n.span.start, " ");
          const q = p.valueNotes![i];
          if (q) emit(quote(q.value), q.span.start, " ");
        });
      } else {
        listTokens(p.names, nameText, emit, find);
        if (p.except?.before) emit(quote(p.except.before.value), p.except.before.span.start, " ");
      }
      // `claim not_shared except consent, reservation "..."`: the exceptions, then the line's quote.
      if (p.except) {
        emit(p.except.keyword.text, p.except.keyword.span.start, " ");
        listTokens(p.except.names, nameText, emit, find);
      }
      if (p.note && (p.except || !p.valueNotes)) emit(quote(p.note.value), p.note.span.start, " ");
      return;
    case "strings":
      if (p.none) emit(p.none.text, p.none.span.start, " ");
      listTokens(p.strings, strText, emit, find);
      return;
    case "duration":
      durationTokens(p.duration, emit);
      if (p.note) emit(quote(p.note.value), p.note.span.start, " ");
      return;
    case "retention":
      retentionTokens(p.retention, emit, find);
      return;
    case "operator":
      if (p.self) emit(p.self.text, p.self.span.start, " ");
      else {
        emit(quote(p.vendor?.value ?? ""), p.vendor?.span.start ?? p.keyword.span.end, " ");
        if (p.in) {
          emit("in", find(p.vendor?.span.end ?? p.keyword.span.end, "in"), " ");
          emit(p.in.text, p.in.span.start, " ");
        }
        if (p.role) {
          emit("as", find(p.in?.span.end ?? p.vendor?.span.end ?? p.keyword.span.end, "as"), " ");
          emit(p.role.text, p.role.span.start, " ");
          if (p.of) {
            emit("of", find(p.role.span.end, "of"), " ");
            emit(p.of.text, p.of.span.start, " ");
          }
        }
      }
      return;
    case "stores": {
      listTokens(p.data, nameText, emit, find);
      let last = p.data[p.data.length - 1]?.span.end ?? p.keyword.span.end;
      if (p.purposes.length) {
        emit("for", find(last, "for"), " ");
        listTokens(p.purposes, nameText, emit, find);
        last = p.purposes[p.purposes.length - 1]!.span.end;
      }
      if (p.retention) {
        emit("retention", find(last, "retention"), " ");
        retentionTokens(p.retention, emit, find);
      }
      return;
    }
    case "mechanism":
      emit(p.mechanism.text, p.mechanism.span.start, " ");
      if (p.detail) emit(p.detail.text, p.detail.span.start, " ");
      if (p.note) emit(quote(p.note.value), p.note.span.start, " ");
      return;
    case "flag":
      return;
  }
}

/** A property on one line, as the canonical layout writes it. */
export function printProperty(p: Property): string {
  let out = "";
  propertyTokens(p, (text, _start, sep) => (out += out ? sep + text : text), () => -1);
  return out;
}

/** The first token at or after `from`: skips blanks and comments as the lexer does. */
function tokenAt(text: string, from: number): number {
  let i = from;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff) i++;
    else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      i += 2;
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf("*/", i + 2);
      i = close < 0 ? n : close + 2;
    } else break;
  }
  return i;
}

/** The lines whose tokens and comments stay together on a line of their own, so that every
 *  `// flowmap-ignore` comment covers the same findings after formatting: the line each applies to,
 *  as the checker finds it (its own when it trails code, else the next line of code; a declaration
 *  that starts on that line, covered whole, is then still the first to start on it). */
function pinnedLines(file: FlowFile, source: SourceFile): Set<number> {
  const lines = new Set<number>();
  for (const c of file.comments) if (suppressionComment.test(c.text.trim())) lines.add(suppressedLine(c, source));
  return lines;
}

// What the item before the one being placed was.
const NONE = 0;
const TOKEN = 1;
/** A comment on a line of its own (nothing but blanks before it on its line). */
const OWN_LINE = 2;
/** A comment after code (or after another comment) on its line. */
const TRAILING = 3;

/** A token that starts a top-level declaration. */
const TOP = 1;
/** The `}` of a block written over several lines (comments before it are indented as the body). */
const CLOSE = 2;

/** Writes tokens and comments in source order. Each token says how the canonical layout separates
 *  it from the one before (`sep` on one line, or a line break) and its indent when it starts a
 *  line; comments are placed as they were (trailing, or on a line of their own), and the lines a
 *  suppression covers keep exactly their tokens and comments on one line. */
class Layout {
  private readonly lines: string[] = [];
  private current = "";
  private started = false;
  /** The source line of the last item that started on the current output line, or -1 when none
   *  did (the current line is the end of a comment spanning lines). */
  private currentLine = -1;
  /** Whether the current output line holds items of a line a suppression covers. */
  private currentPinned = false;
  private prev = NONE;
  private prevLineComment = false;
  private prevEndLine = 0;
  /** The next comment to place. */
  private next = 0;
  /** 0-based line index of the last offset looked up: offsets are asked for in increasing order. */
  private lineIndex = 0;

  constructor(
    private readonly source: SourceFile,
    private readonly comments: Comment[],
    private readonly pinned: Set<number>,
  ) {}

  /** The 1-based source line of `offset`. */
  private lineOf(offset: number): number {
    const starts = this.source.lineStarts;
    let i = this.lineIndex;
    if (starts[i]! > offset) i = this.source.lineIndexOf(offset);
    else while (i + 1 < starts.length && starts[i + 1]! <= offset) i++;
    this.lineIndex = i;
    return i + 1;
  }

  /** Places a token; the comments before it go first. */
  token(text: string, start: number, sep: string, lineBreak: boolean, indent: number, flags = 0): void {
    this.commentsBefore(start, (flags & TOP) !== 0, flags & CLOSE ? 2 : indent);
    const line = this.lineOf(start);
    let newLine = this.prev === OWN_LINE || lineBreak;
    if (this.started) {
      if (line === this.currentLine && this.pinned.has(line)) newLine = false;
      else if (line !== this.currentLine && this.currentLine !== -1 && (this.currentPinned || this.pinned.has(line))) newLine = true;
    }
    if (this.prevLineComment) newLine = true;
    const blank = newLine && line - this.prevEndLine > 1 && ((flags & TOP) !== 0 || (this.prev === OWN_LINE && !(flags & CLOSE)));
    this.put(text, newLine, blank, this.prev === TOKEN ? sep : sep || " ", indent, line);
    this.prev = TOKEN;
    this.prevLineComment = false;
    this.prevEndLine = line;
  }

  /** Places the comments that start before `offset`. `top`: they stand between declarations;
   *  `indent`: of a comment on a line of its own. */
  private commentsBefore(offset: number, top: boolean, indent: number): void {
    const comments = this.comments;
    while (this.next < comments.length && comments[this.next]!.span.start < offset) {
      const c = comments[this.next++]!;
      const line = this.lineOf(c.span.start);
      const endLine = this.lineOf(c.span.end);
      const ownLine = !this.started || line !== this.prevEndLine;
      const newLine = this.started && (ownLine || this.prevLineComment);
      const blank = newLine && line - this.prevEndLine > 1 && (top || this.prev === OWN_LINE);
      const text = c.text.startsWith("//") ? c.text.trimEnd() : c.text.split(/\r\n|\r|\n/).map((l) => l.trimEnd()).join("\n");
      this.put(text, newLine, blank, " ", indent, line);
      this.prev = ownLine ? OWN_LINE : TRAILING;
      this.prevLineComment = c.text.startsWith("//");
      this.prevEndLine = endLine;
    }
  }

  private put(text: string, newLine: boolean, blank: boolean, sep: string, indent: number, line: number): void {
    const parts = text.includes("\n") ? text.split("\n") : undefined;
    const first = parts ? parts[0]! : text;
    if (!this.started || newLine) {
      if (this.started) {
        this.lines.push(this.current);
        if (blank) this.lines.push("");
      }
      this.current = (indent === 0 ? "" : indent === 2 ? "  " : " ".repeat(indent)) + first;
      this.currentLine = line;
      this.currentPinned = this.pinned.has(line);
      this.started = true;
    } else {
      this.current += sep + first;
      if (line !== this.currentLine) {
        this.currentPinned ||= this.pinned.has(line);
        this.currentLine = line;
      }
    }
    if (parts) {
      for (let i = 1; i < parts.length; i++) {
        this.lines.push(this.current);
        this.current = parts[i]!;
      }
      this.currentLine = -1;
      this.currentPinned = false;
    }
  }

  /** The text: what is left of the comments placed, every line ended by `\n`. */
  finish(): string {
    this.commentsBefore(Infinity, true, 0);
    if (!this.started) return "";
    this.lines.push(this.current);
    return `${this.lines.join("\n")}\n`;
  }
}

/** Indent of a line that continues a declaration's header or a property. */
const CONTINUED = 4;

export function printFlowFile(file: FlowFile, source: SourceFile): string {
  const pinned = pinnedLines(file, source);
  const pinnedSorted = [...pinned].sort((a, b) => a - b);
  const layout = new Layout(source, file.comments, pinned);
  const text = source.text;
  const find: Finder = (from, literal) => {
    const at = tokenAt(text, from);
    return text.startsWith(literal, at) ? at : Math.max(from, text.indexOf(literal, from));
  };
  /** Whether a covered line lies in [first, last]. */
  const touchesPinned = (first: number, last: number) => {
    let lo = 0;
    let hi = pinnedSorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pinnedSorted[mid]! < first) lo = mid + 1;
      else hi = mid;
    }
    return lo < pinnedSorted.length && pinnedSorted[lo]! <= last;
  };
  const comments = file.comments;
  let c = 0;
  for (const d of file.declarations) {
    while (c < comments.length && comments[c]!.span.start <= d.span.start) c++;
    /** A comment between the declaration's first and last token. */
    const inner = c < comments.length && comments[c]!.span.start < d.span.end;
    const header = (t: string, start: number) => layout.token(t, start, " ", false, CONTINUED);
    layout.token(d.keyword.text, d.keyword.span.start, " ", true, 0, TOP);
    let end = d.keyword.span.end;
    if (d.kind === "import" && d.path) {
      header(quote(d.path.value), d.path.span.start);
      end = d.path.span.end;
    } else if (d.kind === "flow") {
      header(d.from?.text ?? "", d.from?.span.start ?? end);
      header("->", find(d.from?.span.end ?? end, "->"));
      header(d.to?.text ?? "", d.to?.span.start ?? end);
      end = d.to?.span.end ?? end;
    } else if (d.name) {
      header(d.name.text, d.name.span.start);
      end = d.name.span.end;
    }
    if (d.title) {
      header(quote(d.title.value), d.title.span.start);
      end = d.title.span.end;
    }
    if (d.entry) {
      header("from", find(end, "from"));
      header(d.entry.text, d.entry.span.start);
      end = d.entry.span.end;
    }
    const hasBody = d.properties.length > 0 || text.charCodeAt(d.span.end - 1) === 125; /* } */
    if (!hasBody) continue;
    header("{", find(end, "{"));
    const n = d.properties.length;
    // One line for at most one property, unless a comment inside or a covered line (when the
    // declaration spans lines) needs the block written over several lines.
    const oneLine = !inner && (n === 0 || (n === 1 && (d.span.line === d.span.endLine || !touchesPinned(d.span.line, d.span.endLine))));
    d.properties.forEach((p, i) => {
      let first = true;
      propertyTokens(
        p,
        (t, start, sep) => {
          if (!first) return layout.token(t, start, sep, false, CONTINUED);
          first = false;
          layout.token(t, start, i === 0 ? " " : "  ", !oneLine, 2);
        },
        find,
      );
    });
    layout.token("}", d.span.end - 1, n === 0 && oneLine ? "" : " ", !oneLine, 0, oneLine ? 0 : CLOSE);
  }
  return layout.finish();
}
