/** The map's graph as Graphviz DOT, for the `dot -Tsvg` baseline: the same containers (one
 *  `subgraph cluster_<place>` each, normally one per country), the same systems with the same label
 *  lines, and the same flows with the same label lines, left to right like the ELK layout. */
import { spawnSync } from "node:child_process";
import type { MapGraph } from "../src/render/index.js";

interface Lines {
  lines?: { text: string }[];
}

const quote = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, "\\n")}"`;
const label = (block: Lines | undefined, fallback: string) => {
  const text = (block?.lines ?? []).map((l) => l.text).join("\n");
  return quote(text || fallback);
};

export function mapGraphToDot(graph: MapGraph): string {
  const out: string[] = [
    "digraph map {",
    "  rankdir=LR;",
    // newrank: dot's old ranking fails ("trouble in init_rank") on clustered graphs like these.
    "  newrank=true;",
    '  graph [fontname="Open Sans", fontsize=12, nodesep=0.4, ranksep=0.6];',
    '  node [shape=box, style="rounded", fontname="Open Sans", fontsize=11];',
    '  edge [fontname="Open Sans", fontsize=9];',
  ];
  for (const container of graph.elk.children ?? []) {
    const info = graph.containers[container.id] as { title?: Lines } | undefined;
    out.push(`  subgraph ${quote(`cluster_${container.id}`)} {`, `    label=${label(info?.title, container.id)};`);
    for (const system of container.children ?? []) {
      const sys = graph.systems[system.id] as { text?: Lines } | undefined;
      out.push(`    ${quote(system.id)} [label=${label(sys?.text, system.id)}];`);
    }
    out.push("  }");
  }
  for (const edge of graph.elk.edges ?? []) {
    const info = graph.edges[edge.id] as { label?: Lines } | undefined;
    for (const source of edge.sources) {
      for (const target of edge.targets) out.push(`  ${quote(source)} -> ${quote(target)} [label=${label(info?.label, "")}];`);
    }
  }
  out.push("}");
  return `${out.join("\n")}\n`;
}

let dotVersion: string | null | undefined;

/** `dot -V` output, or null when Graphviz is not installed. */
export function findDot(): string | null {
  if (dotVersion !== undefined) return dotVersion;
  const r = spawnSync("dot", ["-V"], { encoding: "utf8" });
  dotVersion = r.error || r.status !== 0 ? null : (r.stderr || r.stdout).trim();
  return dotVersion;
}

/** Wall time of one `dot -Tsvg file -o /dev/null` (process start included), or "timeout". */
export function timeDot(file: string, timeoutMs: number): number | "timeout" | { error: string } {
  const t0 = performance.now();
  const r = spawnSync("dot", ["-Tsvg", file, "-o", "/dev/null"], { timeout: timeoutMs, killSignal: "SIGKILL", encoding: "utf8" });
  const ms = performance.now() - t0;
  if (r.error && (r.error as NodeJS.ErrnoException).code === "ETIMEDOUT") return "timeout";
  if (r.signal) return "timeout";
  if (r.status !== 0) return { error: `dot failed (${r.status}): ${r.stderr.split("\n")[0]}` };
  return ms;
}
