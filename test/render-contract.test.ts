/** The SVG's data-* attributes, which the HTML report reads to find the model's parts on the map:
 *  every system names its model id, every place its container id (and country), every drawn flow
 *  the indexes into model.flows it stands for and its two ends. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkSource } from "../src/check/index.js";
import { renderMap } from "../src/render/index.js";
import { groupsOf, type Group } from "./svg-groups.js";

const root = join(import.meta.dirname, "..");

describe.each(["cieloweb", "senbilcloud", "cbline"])("the data-* contract on models/%s.flow", (name) => {
  const result = checkSource(`models/${name}.flow`, readFileSync(join(root, `models/${name}.flow`), "utf8"));

  it("names every system, place and flow", async () => {
    const { svg } = await renderMap(result);
    const groups = groupsOf(svg);
    const systems = groups.filter((g) => g.cls === "system");
    expect(systems.map((g) => g.attrs["data-system"]).sort()).toEqual(result.model.systems.map((s) => s.id).sort());

    const places = groups.filter((g) => g.cls === "place");
    expect(places.length).toBeGreaterThan(0);
    for (const p of places) {
      expect(p.attrs["data-place"]).toMatch(/^c_[A-Za-z0-9_-]+$/);
      if (p.attrs["data-country"] !== undefined) expect(p.attrs["data-country"]).toMatch(/^[A-Z]{2}$/);
    }
    // One box per place, but a box cut by a row break is drawn in each row with the same id.
    if (!svg.includes('class="row-breaks"')) expect(new Set(places.map((p) => p.attrs["data-place"])).size).toBe(places.length);
    // A single-country place says which country (cieloweb has a US box).
    if (name === "cieloweb") expect(places.filter((p) => p.attrs["data-country"]).map((p) => p.attrs["data-country"]).sort()).toEqual(["US"]);
    for (const p of places) {
      if (/^c_[A-Z]{2}$/.test(p.attrs["data-place"]!)) expect(p.attrs["data-country"]).toBe(p.attrs["data-place"]!.slice(2));
    }

    const flows = groups.filter((g) => g.cls === "flow");
    const labels = groups.filter((g) => g.cls === "flow-label");
    const seen: number[] = [];
    for (const f of flows) {
      const indexes = f.attrs["data-flows"]!.split(" ").map(Number);
      expect(indexes.length).toBeGreaterThan(0);
      for (const i of indexes) {
        const flow = result.model.flows[i]!;
        expect(flow, `index ${i}`).toBeDefined();
        expect([f.attrs["data-from"], f.attrs["data-to"]]).toEqual([flow.from.id, flow.to.id]);
        seen.push(i);
      }
    }
    // Every flow is drawn (a flow continued in another row of a wrapped map is drawn in two parts).
    expect([...new Set(seen)].sort((a, b) => a - b)).toEqual(result.model.flows.map((_, i) => i));
    // Each label carries its edge's attributes.
    const key = (g: Group) => `${g.attrs["data-flows"]}|${g.attrs["data-from"]}|${g.attrs["data-to"]}`;
    const edgeKeys = new Set(flows.map(key));
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(edgeKeys.has(key(l)), key(l)).toBe(true);
  });
});
