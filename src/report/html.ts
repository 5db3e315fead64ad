/** A tiny HTML element tree and its one serializer: the only place the report becomes markup.
 *
 *  svgdom's document creates SVG-namespaced elements and serializes as XML (it escapes a script's
 *  `<` as `&lt;`, which breaks it in HTML), so the report builds its page as this tree instead.
 *  Text and attribute values go through `escapeHtml` and nothing else; tag and attribute names
 *  come from code, never from a model, and are checked. The content of `<script>` and `<style>` is
 *  raw text in HTML (no escape applies), so it is refused when it could end its element early or
 *  switch the tokenizer into its comment-like states: the report's JSON escapes `<`, so a model's
 *  text cannot get there. */

export interface HtmlElement {
  readonly tag: string;
  readonly attrs: ReadonlyArray<readonly [string, string]>;
  readonly children: ReadonlyArray<HtmlNode>;
  /** For script and style: their text, serialized as it is. */
  readonly raw?: string;
}

/** A string child is text. */
export type HtmlNode = HtmlElement | string;

export type AttrValue = string | number | boolean | undefined;
export type Child = HtmlNode | undefined | false | null | readonly Child[];

const voidTags = new Set(["meta", "br", "hr", "img", "input", "col", "wbr"]);
const rawTags = new Set(["script", "style"]);
const namePattern = /^[a-z][a-z0-9]*$/;
const attrPattern = /^[a-z][a-z0-9-]*$/;

/** An element. Attributes whose value is undefined or false are left out; true is an empty value
 *  (a boolean attribute). Attribute order is the order given, so the bytes are deterministic. */
export function h(tag: string, attrs: Record<string, AttrValue> = {}, ...children: Child[]): HtmlElement {
  if (!namePattern.test(tag) || rawTags.has(tag)) throw new Error(`html: bad element name ${JSON.stringify(tag)}`);
  const flat: HtmlNode[] = [];
  flatten(children, flat);
  if (voidTags.has(tag) && flat.length) throw new Error(`html: <${tag}> cannot have children`);
  return { tag, attrs: attributes(attrs), children: flat };
}

/** A `<script>` or `<style>` element holding `text` as raw text. */
export function rawElement(tag: "script" | "style", attrs: Record<string, AttrValue>, text: string): HtmlElement {
  if (/<\/(script|style)|<!--|<script/i.test(text)) throw new Error(`html: the text of <${tag}> could end it early or open a comment`);
  return { tag, attrs: attributes(attrs), children: [], raw: text };
}

function attributes(attrs: Record<string, AttrValue>): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, value] of Object.entries(attrs)) {
    if (!attrPattern.test(name)) throw new Error(`html: bad attribute name ${JSON.stringify(name)}`);
    if (name.startsWith("on")) throw new Error(`html: event handler attribute ${name} (the CSP forbids inline handlers)`);
    if (name === "style") throw new Error("html: style attribute (the CSP allows only the hashed <style>)");
    if (value === undefined || value === false) continue;
    out.push([name, value === true ? "" : String(value)]);
  }
  return out;
}

function flatten(children: readonly Child[], out: HtmlNode[]): void {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (typeof c === "string" || !Array.isArray(c)) out.push(c as HtmlNode);
    else flatten(c, out);
  }
}

const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** The one escape, for text and for (always double-quoted) attribute values alike: `&`, `<`, `>`,
 *  `"` and `'` become character references, so no text can open a tag, end an attribute or start
 *  a reference of its own. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]!);
}

/** The document: `<!DOCTYPE html>`, then the tree, then a line end. */
export function serializeDocument(root: HtmlElement): string {
  const out: string[] = ["<!DOCTYPE html>\n"];
  write(root, out);
  out.push("\n");
  return out.join("");
}

export function serialize(node: HtmlNode): string {
  const out: string[] = [];
  write(node, out);
  return out.join("");
}

/** Elements after which a line break keeps the file readable in a diff without changing layout. */
const blockTags = new Set(["html", "head", "body", "header", "main", "footer", "section", "nav", "aside", "div", "table", "thead", "tbody", "tr", "ul", "ol", "li", "dl", "form", "fieldset", "meta", "title", "style", "script", "h1", "h2", "h3", "p"]);

function write(node: HtmlNode, out: string[]): void {
  if (typeof node === "string") {
    out.push(escapeHtml(node));
    return;
  }
  out.push(`<${node.tag}`);
  for (const [name, value] of node.attrs) out.push(` ${name}="${escapeHtml(value)}"`);
  out.push(">");
  if (voidTags.has(node.tag)) {
    if (blockTags.has(node.tag)) out.push("\n");
    return;
  }
  if (node.raw !== undefined) out.push(node.raw);
  for (const c of node.children) write(c, out);
  out.push(`</${node.tag}>`);
  if (blockTags.has(node.tag)) out.push("\n");
}
