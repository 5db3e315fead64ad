/** The literal a regex's every match contains (src/util/regex-literal.ts): the vocabularies of
 *  policy words skip the regexes whose literal a text lacks, so the literal must be in every match. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mayMatch, requiredLiteral } from "../src/util/regex-literal.js";
import { contractReferences, foldWords, openEndedRetention, securityMeasures, transferGroundOpen, transferToolNames } from "../src/legal/measures.js";

const root = join(import.meta.dirname, "..");

describe("requiredLiteral", () => {
  it("is the literal start of the pattern, after a leading \\b", () => {
    expect(requiredLiteral(/\bencrypt/)).toBe("encrypt");
    expect(requiredLiteral(/versleutel/)).toBe("versleutel");
    expect(requiredLiteral(/\bdata masking\b/)).toBe("data masking");
    expect(requiredLiteral(/\bhash(ed|es|ing)?\b/)).toBe("hash");
    expect(requiredLiteral(/\bwww\.\S/)).toBe("www.");
    expect(requiredLiteral(/\biso(\/iec)?\s?27001\b/)).toBe("iso");
  });

  it("leaves out a character a quantifier follows", () => {
    expect(requiredLiteral(/\bsecure sockets? layer\b/)).toBe("secure socket");
    expect(requiredLiteral(/\be2ee?\b/)).toBe("e2e");
    expect(requiredLiteral(/\bhttps?:\/\/\S/)).toBe("http");
    expect(requiredLiteral(/\bend-?\s?to-?\s?end\b/)).toBe("end");
    expect(requiredLiteral(/\bab*c/)).toBe("a");
    expect(requiredLiteral(/\bab+c/)).toBe("a");
    expect(requiredLiteral(/\bab{2}c/)).toBe("a");
  });

  it("is empty when no literal is required: a group or class first, an alternative outside a group, a case-blind regex", () => {
    expect(requiredLiteral(/\b(tls|ssl)\b/)).toBe("");
    expect(requiredLiteral(/[a-z]+ing/)).toBe("");
    expect(requiredLiteral(/\sfoo/)).toBe("");
    expect(requiredLiteral(/foo|bar/)).toBe("");
    expect(requiredLiteral(/\bfoo\b|bar/)).toBe("");
    expect(requiredLiteral(/foo/i)).toBe("");
    // An alternative inside a group or a class leaves the literal before it required.
    expect(requiredLiteral(/foo(bar|baz)/)).toBe("foo");
    expect(requiredLiteral(/foo[|]/)).toBe("foo");
    expect(requiredLiteral(/foo\|bar/)).toBe("foo|bar");
  });

  it("mayMatch is false only for a text without the literal", () => {
    expect(mayMatch(/\bencrypt/, "we encrypt it")).toBe(true);
    expect(mayMatch(/\bencrypt/, "we protect it")).toBe(false);
    expect(mayMatch(/\b(tls|ssl)\b/, "anything")).toBe(true);
  });
});

describe("the vocabularies' patterns", () => {
  const patterns = [securityMeasures, contractReferences, openEndedRetention, transferToolNames, transferGroundOpen].flatMap((list) => list.flatMap((e) => [...e.patterns]));
  // Every quoted policy text of the seeds and the scored corpus, folded as the vocabularies read it.
  const files = [
    ...readdirSync(join(root, "models")).filter((f) => f.endsWith(".flow")).map((f) => join(root, "models", f)),
    ...readdirSync(join(root, "test/corpus"), { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((d) =>
      readdirSync(join(root, "test/corpus", d.name)).filter((f) => f.endsWith(".flow")).map((f) => join(root, "test/corpus", d.name, f))),
  ];
  const texts = files.flatMap((f) => [...readFileSync(f, "utf8").matchAll(/"((?:[^"\\\n]|\\.)*)"/g)].map((m) => foldWords(m[1]!)));

  it("have a literal in every match, on every policy text of the seeds and the corpus", () => {
    expect(texts.length).toBeGreaterThan(1000);
    let matches = 0;
    for (const p of patterns) {
      const literal = requiredLiteral(p);
      for (const text of texts) {
        for (const m of text.matchAll(new RegExp(p.source, "g"))) {
          matches++;
          expect(m[0].includes(literal), `${p} matched "${m[0]}" without "${literal}"`).toBe(true);
        }
      }
    }
    expect(matches).toBeGreaterThan(100);
  });

  it("most have a literal, so that most texts run few of them", () => {
    expect(patterns.filter((p) => requiredLiteral(p) !== "").length / patterns.length).toBeGreaterThan(0.75);
  });
});
