/** The canonical layout of a .flow file (`flowmap fmt`): one property per line, two-space
 *  indent, one-line declarations when they have at most one property, comments kept where
 *  they were (leading or trailing), blank lines between declarations collapsed to one.
 *
 *  One exception keeps formatting from changing the findings: a `// flowmap-ignore` comment
 *  covers one line (its own when it trails code, else the next line of code), so what stood on
 *  that line stays together on one line, and nothing is joined onto it. */
import type { Comment, Declaration, DurationNode, FlowFile, Property, RetentionNode, Str } from "./ast.js";
import type { SourceFile } from "./source.js";
import { suppressedLine, suppressionComment } from "./suppression.js";

export function quote(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t").replace(/\r/g, "\\r")}"`;
}

function duration(d: DurationNode): string {
  return `${d.amount.value} ${d.unit.text}`;
}

function retention(r: RetentionNode): string {
  const head = r.duration ? duration(r.duration) : r.until ? `until ${r.until.text}${r.plus ? ` + ${duration(r.plus)}` : ""}` : (r.word?.text ?? "");
  return r.statement ? `${head} ${quote(r.statement.value)}` : head;
}

const note = (s: Str | undefined) => (s ? ` ${quote(s.value)}` : "");

export function printProperty(p: Property): string {
  const kw = p.keyword.text;
  switch (p.type) {
    case "names":
      return `${kw} ${p.names.map((n) => n.text).join(", ")}${note(p.note)}`;
    case "strings":
      return `${kw} ${p.strings.map((s) => quote(s.value)).join(", ")}`;
    case "retention":
      return `${kw} ${retention(p.retention)}`;
    case "operator":
      if (p.self) return `${kw} ${p.self.text}`;
      return `${kw} ${quote(p.vendor?.value ?? "")}${p.role ? ` as ${p.role.text}` : ""}${p.of ? ` of ${p.of.text}` : ""}`;
    case "stores":
      return `${kw} ${p.data.map((n) => n.text).join(", ")}${p.purposes.length ? ` for ${p.purposes.map((n) => n.text).join(", ")}` : ""}${p.retention ? ` retention ${retention(p.retention)}` : ""}`;
    case "mechanism":
      return `${kw} ${p.mechanism.text}${p.detail ? ` ${p.detail.text}` : ""}${note(p.note)}`;
    case "flag":
      return kw;
  }
}

function header(d: Declaration): string {
  const title = d.title ? ` ${quote(d.title.value)}` : "";
  if (d.kind === "import") return `import ${quote(d.path?.value ?? "")}`;
  if (d.kind === "model") return `model${title}`;
  if (d.kind === "flow") return `flow ${d.from?.text ?? ""} -> ${d.to?.text ?? ""}${title}`;
  return `${d.kind} ${d.name?.text ?? ""}${title}`;
}

interface Placed {
  leading: Comment[];
  trailing: Comment[];
}

/** Assigns each comment to the element it belongs to. */
class CommentPlacer {
  private byElement = new Map<object, Placed>();
  readonly beforeClose = new Map<Declaration, Comment[]>();
  readonly atEnd: Comment[] = [];

  constructor(file: FlowFile) {
    const decls = file.declarations;
    for (const c of file.comments) {
      const owner = decls.find((d) => c.span.start > d.span.start && c.span.end <= d.span.end);
      const siblings: Array<{ node: object; span: { start: number; end: number; endLine: number } }> = owner
        ? owner.properties.map((p) => ({ node: p, span: p.span }))
        : decls.map((d) => ({ node: d, span: d.span }));
      // A comment inside a property (`data a, // note` + newline + `b`) trails that property.
      const within = owner?.properties.find((p) => c.span.start > p.span.start && c.span.end <= p.span.end);
      if (within) {
        this.get(within).trailing.push(c);
        continue;
      }
      const before = [...siblings].reverse().find((s) => s.span.end <= c.span.start);
      if (before && before.span.endLine === c.span.line) {
        this.get(before.node).trailing.push(c);
        continue;
      }
      // A comment on the declaration's header line, before its first property, trails the header.
      if (owner && owner.keyword.span.line === c.span.line && !before) {
        this.get(owner).trailing.push(c);
        continue;
      }
      const after = siblings.find((s) => s.span.start >= c.span.end);
      if (after) this.get(after.node).leading.push(c);
      else if (owner) this.beforeClose.set(owner, [...(this.beforeClose.get(owner) ?? []), c]);
      else this.atEnd.push(c);
    }
  }

  get(node: object): Placed {
    let p = this.byElement.get(node);
    if (!p) this.byElement.set(node, (p = { leading: [], trailing: [] }));
    return p;
  }

  has(node: object): boolean {
    const p = this.byElement.get(node);
    return !!p && (p.leading.length > 0 || p.trailing.length > 0);
  }
}

/** Comment lines, keeping one blank line where the source had a gap (between comments, or
 *  before the element at `nextLine`). */
function commentLines(comments: Comment[], indent: string, nextLine?: number): string[] {
  const out: string[] = [];
  comments.forEach((c, i) => {
    const prev = comments[i - 1];
    if (prev && c.span.line - prev.span.endLine > 1) out.push("");
    out.push(...c.text.split(/\r?\n/).map((l, j) => (j === 0 ? `${indent}${l.trimEnd()}` : l.trimEnd())));
  });
  const last = comments[comments.length - 1];
  if (last && nextLine !== undefined && nextLine - last.span.endLine > 1) out.push("");
  return out;
}

const trailingText = (cs: Comment[]) => (cs.length ? ` ${cs.map((c) => c.text).join(" ")}` : "");

/** The lines `// flowmap-ignore` comments apply to, as the checker finds them. */
function pinnedLines(file: FlowFile, source: SourceFile): Set<number> {
  return new Set(file.comments.filter((c) => suppressionComment.test(c.text.trim())).map((c) => suppressedLine(c, source)));
}

export function printFlowFile(file: FlowFile, source: SourceFile): string {
  const placer = new CommentPlacer(file);
  const pinned = pinnedLines(file, source);
  const out: string[] = [];
  let prevEndLine = 0;
  /** Nothing trails the previous declaration's last line, so the next one may join it. */
  let joinable = false;
  file.declarations.forEach((d, i) => {
    const placed = placer.get(d);
    const firstLine = placed.leading[0]?.span.line ?? d.span.line;
    const inner = d.properties.some((p) => placer.has(p)) || placer.beforeClose.has(d) || placed.trailing.some((c) => c.span.start < d.span.end);
    const hasBody = source.text.slice(d.span.start, d.span.end).trimEnd().endsWith("}") || d.properties.length > 0;
    const headerTrailing = placed.trailing.filter((c) => c.span.start < d.span.end);
    const afterTrailing = placed.trailing.filter((c) => c.span.start >= d.span.end);
    const oneLine = d.span.line === d.span.endLine;
    const lines = new Set([d.span.line, ...d.properties.map((p) => p.span.line)]);
    const touchesPinned = [...lines].some((l) => pinned.has(l));
    // A declaration on one covered line stays on one line (all its properties, two spaces apart).
    const keepOnOneLine = oneLine && pinned.has(d.span.line) && !inner;
    let text: string[];
    if (!hasBody || (d.properties.length === 0 && !inner)) {
      text = [`${header(d)}${d.properties.length === 0 && hasBody ? " {}" : ""}${trailingText(placed.trailing)}`];
    } else if (keepOnOneLine || (d.properties.length === 1 && !inner && (oneLine || !touchesPinned))) {
      text = [`${header(d)} { ${d.properties.map(printProperty).join("  ")} }${trailingText(afterTrailing)}`];
    } else {
      text = [];
      // Properties on a covered line stay on that line (with the header, when it is the header's).
      const groups: Property[][] = [];
      for (const p of d.properties) {
        const last = groups[groups.length - 1];
        const prev = last?.[last.length - 1];
        const together = prev && pinned.has(p.span.line) && prev.span.line === p.span.line && placer.get(p).leading.length === 0 && placer.get(prev).trailing.length === 0;
        if (together) last.push(p);
        else groups.push([p]);
      }
      const onHeader = groups[0] && pinned.has(d.span.line) && groups[0][0]!.span.line === d.span.line && placer.get(groups[0][0]!).leading.length === 0 && headerTrailing.length === 0 ? groups.shift()! : undefined;
      const groupText = (g: Property[]) => `${g.map(printProperty).join("  ")}${trailingText(placer.get(g[g.length - 1]!).trailing)}`;
      text.push(`${header(d)} {${onHeader ? ` ${groupText(onHeader)}` : trailingText(headerTrailing)}`);
      for (const g of groups) {
        text.push(...commentLines(placer.get(g[0]!).leading, "  ", g[0]!.span.line));
        text.push(`  ${groupText(g)}`);
      }
      const closing = placer.beforeClose.get(d) ?? [];
      const last = groups[groups.length - 1];
      // A covered line that ends the declaration keeps its `}` (and what follows it).
      if (last && !closing.length && pinned.has(d.span.endLine) && last[0]!.span.line === d.span.endLine && !placer.get(last[last.length - 1]!).trailing.length) {
        text[text.length - 1] += ` }${trailingText(afterTrailing)}`;
      } else {
        text.push(...commentLines(closing, "  "));
        text.push(`}${trailingText(afterTrailing)}`);
      }
    }
    // Declarations that shared a covered line keep sharing it.
    if (joinable && !placed.leading.length && d.span.line === prevEndLine && pinned.has(d.span.line)) {
      out[out.length - 1] += ` ${text[0]}`;
      out.push(...text.slice(1));
    } else {
      if (i > 0 && firstLine - prevEndLine > 1) out.push("");
      out.push(...commentLines(placed.leading, "", d.span.line));
      out.push(...text);
    }
    joinable = afterTrailing.length === 0;
    const lastTrailing = placed.trailing[placed.trailing.length - 1];
    prevEndLine = Math.max(d.span.endLine, lastTrailing?.span.endLine ?? 0);
  });
  if (placer.atEnd.length) {
    if (out.length && placer.atEnd[0]!.span.line - prevEndLine > 1) out.push("");
    out.push(...commentLines(placer.atEnd, ""));
  }
  return out.length ? `${out.join("\n")}\n` : "";
}
