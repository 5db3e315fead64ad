import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { formatSource } from "../src/cli/fmt-command.js";
import { checkSource } from "../src/check/index.js";

/** The model without positions: what fmt must never change. */
function meaning(path: string, text: string): unknown {
  const { model } = checkSource(path, text);
  return JSON.parse(JSON.stringify(model, (key, value) => (key === "span" || key === "spans" ? undefined : value)));
}

const seeds = readdirSync("models").filter((f) => f.endsWith(".flow")).map((f) => `models/${f}`);

describe("flowmap fmt", () => {
  it.each(seeds)("%s is formatted, and formatting keeps its model and comments", (path) => {
    const text = readFileSync(path, "utf8");
    const { formatted } = formatSource(path, text);
    expect(formatted).toBeDefined();
    expect(formatted).toBe(text);
  });

  it("lays out a messy file canonically, keeping every comment", () => {
    const messy = [
      "// header comment",
      "organization   o \"Org\"{role controller country NL   contact \"a@b\"}",
      "data email \"E-mail\"{",
      "  kind contact // trailing",
      "}",
      "",
      "",
      "",
      "purpose p { basis contract data email",
      "  /* block */ retention 30 days \"thirty\" }",
      "// end",
      "",
    ].join("\n");
    const { formatted } = formatSource("m.flow", messy);
    expect(formatted).toBe(
      [
        "// header comment",
        'organization o "Org" {',
        "  role controller",
        "  country NL",
        '  contact "a@b"',
        "}",
        'data email "E-mail" {',
        "  kind contact // trailing",
        "}",
        "",
        "purpose p {",
        "  basis contract",
        "  data email",
        "  /* block */",
        '  retention 30 days "thirty"',
        "}",
        "// end",
        "",
      ].join("\n"),
    );
    expect(meaning("m.flow", formatted!)).toEqual(meaning("m.flow", messy));
  });

  it("refuses files with syntax errors", () => {
    const { formatted, errors } = formatSource("bad.flow", "purpose p { basis }");
    expect(formatted).toBeUndefined();
    expect(errors[0]?.code).toBe("syntax-error");
  });

  it("is idempotent and never changes the model (property)", () => {
    const base = readFileSync("models/cieloweb.flow", "utf8").split("\n");
    const whitespace = fc.constantFrom(" ", "  ", "\t", "\n", "\n\n", " \n ");
    // Re-space a valid file: split each line's tokens apart with random whitespace and drop lines.
    const variant = fc.tuple(fc.array(whitespace, { minLength: 50, maxLength: 50 }), fc.array(fc.boolean(), { minLength: base.length, maxLength: base.length }));
    fc.assert(
      fc.property(variant, ([spaces, keep]) => {
        let i = 0;
        const text = base
          .filter((line, n) => keep[n] || !line.trim().startsWith("//"))
          .map((line) => (line.trim().startsWith("//") ? line : line.replace(/ +/g, () => spaces[i++ % spaces.length]!.replace(/\n/g, " "))))
          .join(spaces[0]!.includes("\n") ? "\n\n" : "\n");
        const once = formatSource("v.flow", text);
        if (once.formatted === undefined) return true; // re-spacing inside a string can break it; not fmt's concern
        const twice = formatSource("v.flow", once.formatted);
        expect(twice.formatted).toBe(once.formatted);
        expect(meaning("v.flow", once.formatted)).toEqual(meaning("v.flow", text));
        return true;
      }),
      { numRuns: 60 },
    );
  });
});
