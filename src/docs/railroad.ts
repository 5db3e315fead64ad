/** grammar/railroad.html: the parser's rules as railroad diagrams, drawn as static SVG when the
 *  docs are generated. The page loads nothing (no script, style sheet or font from anywhere) and
 *  runs no script; rule names in the diagrams are links to their rule. The layout is Tab Atkins's
 *  railroad-diagrams (CC0), the copy Chevrotain ships for its own, script-driven, diagram page. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import vm from "node:vm";
import type { ISerializedGast } from "chevrotain";

/** What railroad-diagrams.js builds: a tree of elements with attributes, laid out by format(). */
interface RailroadNode {
  attrs: Record<string, unknown>;
  children: RailroadNode[] | string;
  format(...padding: number[]): RailroadNode;
  toString(): string;
}
type Make = (...args: unknown[]) => RailroadNode;
interface Railroad {
  Diagram: Make;
  Sequence: Make;
  Choice: Make;
  Optional: Make;
  OneOrMore: Make;
  ZeroOrMore: Make;
  Terminal: Make;
  NonTerminal: Make;
}

let railroad: Railroad | undefined;

/** railroad-diagrams.js from Chevrotain's package (a script, not a module its exports name). */
function loadRailroad(): Railroad {
  if (railroad) return railroad;
  const api = createRequire(import.meta.url).resolve("chevrotain"); // <package>/lib/src/api.js
  const file = join(dirname(api), "..", "..", "diagrams", "vendor", "railroad-diagrams.js");
  const exports = {};
  vm.runInNewContext(readFileSync(file, "utf8"), { exports }, { filename: file });
  return (railroad = exports as Railroad);
}

type Gast = ISerializedGast & { name?: string; label?: string; definition?: ISerializedGast[] };

/** A terminal as the EBNF writes it: `"model"` for a keyword or punctuation, `name` for a token class. */
export type TerminalText = (node: ISerializedGast) => string;

/** One rule's diagram, as SVG text. */
function diagram(rule: Gast, terminalText: TerminalText): string {
  const rr = loadRailroad();
  const convert = (node: Gast): RailroadNode => {
    const items = () => (node.definition ?? []).map((d) => convert(d as Gast));
    const one = () => {
      const all = items();
      return all.length === 1 ? all[0]! : rr.Sequence(...all);
    };
    switch (node.type) {
      case "Terminal": {
        const text = terminalText(node);
        // Literal text in its box; a token class links to the token definitions.
        return text.startsWith('"') ? rr.Terminal(text.slice(1, -1)) : rr.Terminal(text, "#tokens");
      }
      case "NonTerminal":
        return rr.NonTerminal(node.name ?? "", `#${node.name}`);
      case "Option":
        return rr.Optional(one());
      case "Repetition":
        return rr.ZeroOrMore(one());
      case "RepetitionMandatory":
        return rr.OneOrMore(one());
      case "Alternation":
        return rr.Choice(0, ...items());
      default: // Rule, Alternative
        return rr.Sequence(...items());
    }
  };
  const d = rr.Diagram(...(rule.definition ?? []).map((x) => convert(x as Gast)));
  d.format();
  // Chevrotain's copy also writes the attributes its page script reads (rule and token names,
  // occurrence indices, "undefined" for absent ones); the static page needs none of them.
  const keep = new Set(["class", "d", "x", "y", "width", "height", "rx", "ry", "viewBox", "transform", "xlink:href"]);
  const tidy = (n: RailroadNode) => {
    for (const k of Object.keys(n.attrs)) if (!keep.has(k) || n.attrs[k] === undefined) delete n.attrs[k];
    if (Array.isArray(n.children)) n.children.forEach(tidy);
  };
  tidy(d);
  return d.toString();
}

const style = `
  body { font: 16px/1.5 system-ui, sans-serif; color: #1d1d1d; background: #faf8f5; max-width: 80em; margin: 2em auto; padding: 0 1em; }
  h1 { font-size: 1.5em; }
  h2 { font: bold 1.1em monospace; margin: 1.5em 0 0; }
  h2 a { color: inherit; text-decoration: none; }
  section:target h2 { background: #d9f2d9; }
  nav a, p a { color: #1a4fa0; }
  pre { font-size: 13px; white-space: pre-wrap; background: #f0ede8; padding: 1em; }
  svg.railroad-diagram { display: block; max-width: 100%; height: auto; }
  svg.railroad-diagram path { stroke-width: 2; stroke: #222; fill: none; }
  svg.railroad-diagram rect { stroke-width: 2; stroke: #222; fill: #d2f1f9; }
  svg.railroad-diagram g.non-terminal rect { fill: #cdd8ff; }
  svg.railroad-diagram text { font: bold 14px monospace; text-anchor: middle; fill: #1d1d1d; }
  svg.railroad-diagram a text { fill: #1a4fa0; text-decoration: underline; }
  svg.railroad-diagram a:hover text { fill: #b00020; }`;

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The page: one diagram per rule, then the token definitions (`tokens`, EBNF lines). */
export function railroadPage(rules: ISerializedGast[], terminalText: TerminalText, tokens: string): string {
  const named = rules as Array<Gast & { name: string }>;
  const sections = named.map((r) => `<section id="${r.name}">\n<h2><a href="#${r.name}">${r.name}</a></h2>\n${diagram(r, terminalText)}\n</section>`);
  return [
    "<!DOCTYPE html>",
    "<!-- Generated from the parser by scripts/gen-docs.ts. Do not edit. -->",
    '<html lang="en">',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    "<title>The .flow grammar: railroad diagrams</title>",
    `<style>${style}\n</style>`,
    "<h1>The .flow grammar</h1>",
    '<p>Each rule of the parser as a railroad diagram: follow the line from left to right; a rounded box is text as written, a square one another rule (click it to go there). The same grammar in EBNF is <a href="flow.ebnf">flow.ebnf</a>; the properties and their values are in <a href="README.md">README.md</a>.</p>',
    `<nav>Rules: ${named.map((r) => `<a href="#${r.name}">${r.name}</a>`).join(" · ")} · <a href="#tokens">tokens</a></nav>`,
    ...sections,
    '<section id="tokens">',
    '<h2><a href="#tokens">tokens</a></h2>',
    `<pre>${escapeHtml(tokens)}</pre>`,
    "</section>",
    "</html>",
    "",
  ].join("\n");
}
