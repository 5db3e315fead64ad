/** Random models through the whole renderer: it never crashes on a model the checker accepts, and
 *  the map is well-formed, draws every system and flow, and has none of the layout faults a reader
 *  would call broken. Small maps take the careful ELK settings, medium ones the cheap ones (the
 *  seeds are all small, so only these samples cover that path). */
import fc from "fast-check";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { checkSource } from "../src/check/index.js";
import { laidOutMapOf, renderMap } from "../src/render/index.js";
import { labelDetailFor } from "../src/render/graph.js";
import { loadMeasurer } from "../src/render/measure.js";
import { layoutProblems } from "./layout-problems.js";

const texts = [
  "API", "Customer database", "<b>&amp;</b> \"quoted\"", "مرحبا بالعالم", "日本語のテキスト", "😀👍🏽 emoji", "e\u0301\u0301 combining",
  "\u202eright-to-left override", "a".repeat(120), "many short words ".repeat(12), "tab\tand \\ backslash",
];
const countries = ["NL", "DE", "US", "JP", "IN", "TR", "CH", "GB", "global", "anywhere", "XX", "EU"];
const kinds = ["server", "browser", "database", "saas", "peer_device", "mobile_app", "authority", "logs", "cdn"];
const mechanisms = ["", "mechanism adequacy", "mechanism scc c2p", 'mechanism derogation a "explicit consent"'];

/** How many systems and flows, [min, max] each. */
interface Shape {
  systems: [number, number];
  flows: [number, number];
}

function arbitraryModel({ systems, flows }: Shape) {
  const id = fc.integer({ min: 0, max: systems[1] - 1 });
  return fc.record({
    title: fc.constantFrom(...texts),
    systems: fc.array(fc.record({
      name: fc.constantFrom(...texts),
      kind: fc.constantFrom(...kinds),
      where: fc.uniqueArray(fc.constantFrom(...countries), { maxLength: 3 }),
      vendor: fc.boolean(),
    }), { minLength: systems[0], maxLength: systems[1] }),
    flows: fc.array(fc.record({ from: id, to: id, name: fc.constantFrom(...texts), mechanism: fc.constantFrom(...mechanisms) }), { minLength: flows[0], maxLength: flows[1] }),
  }).map((m) => {
    const lines = [
      `model ${JSON.stringify(m.title)} { regime gdpr  updated "2026-01-01" }`,
      'organization acme "Acme" { role controller  country NL  contact "privacy@acme.example" }',
      'subject user "Users"',
      'data email "E-mail address" { kind contact }',
      'purpose run "Run the service" { basis contract  subjects user  data email  retention 13 months }',
      ...m.systems.map((s, i) => `system s${i} ${JSON.stringify(s.name)} { kind ${s.kind}  ${s.vendor ? 'operator "Vendor" as processor  contract "DPA"' : "operator self"}${s.where.length ? `  located ${s.where.join(", ")}` : ""} }`),
      // Flows to systems the model does not declare are checker errors; the map leaves them out.
      ...m.flows.map((f) => `flow s${f.from} -> s${f.to} ${JSON.stringify(f.name)} { data email  for run  ${f.mechanism} }`),
    ];
    return lines.join("\n");
  });
}

async function assertRendersWell(text: string): Promise<void> {
  const result = checkSource("random.flow", text);
  expect(result.complete, "generated models have no syntax errors").toBe(true);
  const { svg, stats } = await renderMap(result);
  expect(XMLValidator.validate(svg)).toBe(true);
  const declared = new Set(result.model.systems.map((s) => s.id));
  const drawnFlows = result.model.flows.filter((f) => declared.has(f.from.id) && declared.has(f.to.id)).length;
  expect(svg.match(/<g class="system"[ >]/g)?.length ?? 0).toBe(result.model.systems.length);
  // A flow continued in another row of a wrapped map is drawn in two parts, with one index.
  expect(new Set([...svg.matchAll(/<g class="flow" data-flows="(\d+)"/g)].map((x) => x[1])).size).toBe(drawnFlows);
  expect(stats.systems).toBe(result.model.systems.length);
  const m = await loadMeasurer();
  expect(layoutProblems(await laidOutMapOf(result), (t, size, bold) => m.width(t, size, bold))).toEqual([]);
}

describe("random models", () => {
  it("small ones (full labels, careful layout) render without faults", async () => {
    await fc.assert(fc.asyncProperty(arbitraryModel({ systems: [1, 7], flows: [0, 10] }), assertRendersWell), { numRuns: 40, seed: 20261125 });
  });

  it("medium ones (compact labels, cheap layout) render without faults", async () => {
    const shape: Shape = { systems: [60, 80], flows: [100, 130] };
    expect(labelDetailFor(60, 100)).toBe("compact"); // the smallest such map is past the full-label size
    await fc.assert(fc.asyncProperty(arbitraryModel(shape), assertRendersWell), { numRuns: 4, seed: 20261125, endOnFailure: true }); // shrinking maps this size takes minutes
  });
});
