/** Every <g class="..."> of an SVG with its attributes, as an independent parser reads them. */
import { XMLParser } from "fast-xml-parser";

export interface Group {
  cls: string;
  attrs: Record<string, string>;
}

export function groupsOf(svg: string): Group[] {
  const out: Group[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    const attrs = (record[":@"] ?? {}) as Record<string, string>;
    for (const [key, value] of Object.entries(record)) {
      if (key === ":@" || key === "#text") continue;
      if (key === "g" && attrs.class) out.push({ cls: attrs.class, attrs });
      walk(value);
    }
  };
  walk(new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", preserveOrder: true }).parse(svg));
  return out;
}
