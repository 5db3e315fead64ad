// What the cursor stands in (src/lsp/context.ts), read from the checker's lexer over the text
// before it: the cases completion and hover depend on, including broken and unusual text.
import { describe, expect, it } from "vitest";
import { contextAt } from "../src/lsp/context.js";

/** The context at the `|` in `text`. */
const at = (text: string) => contextAt(text.replace("|", ""), text.indexOf("|"));

describe("the cursor's context", () => {
  it("the top level: at the start, after a block, after a one-line declaration", () => {
    expect(at("|")).toEqual({ at: "top" });
    expect(at('data d "D" { kind contact }\n|')).toEqual({ at: "top" });
    expect(at('subject s "S"\n|')).toEqual({ at: "top" });
    expect(at('import "a.flow"\n|')).toEqual({ at: "top" });
    expect(at('subject s "S"\nsys|')).toEqual({ at: "top" });
  });

  it("a flow's header: its two ends", () => {
    expect(at("flow |")).toMatchObject({ at: "header", kind: "flow", after: "flow" });
    expect(at("flow a -> |")).toMatchObject({ at: "header", kind: "flow", after: "->" });
    expect(at("flow a -> da|")).toMatchObject({ at: "header", kind: "flow", after: "->" });
    // A keyword as a system's name is a name, not a new declaration.
    expect(at("flow data -> |")).toMatchObject({ at: "header", kind: "flow", after: "->" });
    expect(at('system data "X" {\n  |')).toMatchObject({ at: "property", kind: "system" });
  });

  it("a block: the properties, and which were set", () => {
    expect(at('purpose p "P" {\n  |')).toEqual({ at: "property", kind: "purpose", properties: [] });
    expect(at('purpose p "P" {\n  basis contract\n  |')).toMatchObject({ at: "property", kind: "purpose", property: "basis", properties: ["basis"] });
    expect(at('purpose p "P" { basis contract data a, b |')).toMatchObject({ at: "property", properties: ["basis", "data"], last: "b" });
  });

  it("a property's value: after the keyword, a comma, or a part's keyword", () => {
    expect(at('data d "D" {\n  kind |')).toMatchObject({ at: "value", kind: "data", property: "kind", after: "kind" });
    expect(at('data d "D" {\n  kind hea|')).toMatchObject({ at: "value", property: "kind", after: "kind" });
    expect(at('purpose p "P" {\n  data a, |')).toMatchObject({ at: "value", property: "data", after: "," });
    expect(at('system s "S" {\n  stores a for |')).toMatchObject({ at: "value", property: "stores", after: "for" });
    expect(at('system s "S" {\n  stores a, b for p retention |')).toMatchObject({ at: "value", property: "stores", after: "retention" });
    expect(at('system s "S" {\n  operator "V" in IE as |')).toMatchObject({ at: "value", property: "operator", after: "as" });
    expect(at('flow a -> b {\n  data x\n  for |')).toMatchObject({ at: "value", kind: "flow", property: "for", after: "for" });
    expect(at('purpose p "P" {\n  retention until ended + |')).toMatchObject({ at: "value", property: "retention", after: "+" });
  });

  it("`data` is a property inside a block and a declaration at the top level", () => {
    expect(at('purpose p "P" {\n  data |')).toMatchObject({ at: "value", kind: "purpose", property: "data" });
    expect(at('purpose p "P" { basis contract }\ndata |')).toMatchObject({ at: "header", kind: "data" });
  });

  it("after `from` in a system's header: a catalogue id", () => {
    expect(at('system ga "GA" from |')).toMatchObject({ at: "header", kind: "system", after: "from" });
    expect(at('system ga "GA" from goo|')).toMatchObject({ at: "header", kind: "system", after: "from" });
  });

  it("nothing inside a string or a comment, open or closed", () => {
    expect(at('system s "Sh|op" {')).toEqual({ at: "none" });
    expect(at('system s "unterminated |')).toEqual({ at: "none" });
    expect(at('system s "S" { // kind |')).toEqual({ at: "none" });
    expect(at('system s "S" { /* kind |')).toEqual({ at: "none" });
    expect(at('system s "a \\" b" {\n  kind |')).toMatchObject({ at: "value", property: "kind" });
    expect(at('system s "S" { /* a */ kind |')).toMatchObject({ at: "value", property: "kind" });
  });

  it("reads a window before the cursor in a long text, from a declaration's start", () => {
    const big = `${'data d "D" { kind contact }\n'.repeat(80_000)}purpose p "P" {\n  basis |`;
    expect(at(big)).toMatchObject({ at: "value", kind: "purpose", property: "basis" });
    // A block longer than the window: the context is still the block's.
    const long = `purpose p "P" {\n${"  data a\n".repeat(4000)}  basis |`;
    expect(at(long)).toMatchObject({ at: "value", property: "basis" });
  });
});
