/** A large model written the way the seed models are: copies of the five models/*.flow, each
 *  copy's declared names given a suffix so they stay distinct, under one model header and one
 *  organization. Real models are mostly comments that quote the policy (about 45 tokens per KB);
 *  the generator's models are dense declarations (about 160 tokens per KB). Both are benchmarked:
 *  this one for what a team's 2 MB model costs, the generated one as the worst case. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseFlow } from "../src/syntax/parser.js";
import type { Declaration, Name } from "../src/syntax/ast.js";

const modelsDir = join(import.meta.dirname, "..", "models");

/** The names in `d` that refer to declarations (its own name included): the ones a copy renames. */
function references(d: Declaration): Name[] {
  const out: Name[] = [];
  if (d.name && d.kind !== "organization" && d.kind !== "model") out.push(d.name);
  if (d.from) out.push(d.from);
  if (d.to) out.push(d.to);
  for (const p of d.properties) {
    const key = p.keyword.text;
    if (p.type === "names" && (key === "data" || key === "subjects" || key === "for")) out.push(...p.names);
    if (p.type === "stores") out.push(...p.data, ...p.purposes);
    if (p.type === "operator" && p.of) out.push(p.of);
  }
  return out;
}

/** `text` with its model header and organization removed (unless `keepHeader`) and every reference
 *  suffixed with `suffix`. */
function copyOf(path: string, text: string, suffix: string, keepHeader: boolean): string {
  const parsed = parseFlow(path, text);
  if (parsed.diagnostics.length) throw new Error(`${path} has syntax errors`);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const d of parsed.file.declarations) {
    if (!keepHeader && (d.kind === "model" || d.kind === "organization")) {
      edits.push({ start: d.span.start, end: d.span.end, text: "" });
      continue;
    }
    for (const n of references(d)) edits.push({ start: n.span.start, end: n.span.end, text: `${n.text}${suffix}` });
  }
  edits.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** A model of about `bytes` characters made of renamed copies of the seed models. */
export function seedLikeModel(bytes: number): { text: string; copies: number } {
  return seedCopies((size) => size < bytes);
}

/** A model of `n` renamed copies of the seed models (29 systems a copy). */
export function seedCopiesModel(n: number): { text: string; copies: number } {
  return seedCopies((_, copies) => copies < n);
}

function seedCopies(more: (size: number, copies: number) => boolean): { text: string; copies: number } {
  const seeds = readdirSync(modelsDir).filter((f) => f.endsWith(".flow")).sort().map((f) => [f, readFileSync(join(modelsDir, f), "utf8")] as const);
  const parts: string[] = [];
  let size = 0;
  let copies = 0;
  while (more(size, copies)) {
    for (const [i, [file, text]] of seeds.entries()) {
      // Seeds share names (every one has a `browser`): the suffix names the copy and the seed.
      const part = copyOf(file, text, `_c${copies}s${i}`, copies === 0 && i === 0);
      parts.push(part);
      size += part.length + 1;
    }
    copies++;
  }
  return { text: parts.join("\n"), copies };
}
