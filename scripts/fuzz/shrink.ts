/** Minimising a failing input: files dropped, then lines, then characters (bytes for a byte
 *  file) cut away in halving chunks while the input still shows the problem (same signature).
 *  Bounded by time: what it returns fails, and is as small as the budget allowed. */
import type { FileContent, FuzzInput } from "./inputs.js";

type Fails = (candidate: FuzzInput) => Promise<boolean>;

interface Budget {
  until: number;
  tries: number;
}

const spent = (b: Budget) => performance.now() > b.until;

/** Units of a file: its lines (with their line breaks) or its characters / bytes. */
function units(content: FileContent, lines: boolean): FileContent[] {
  if (typeof content === "string") return lines ? content.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [] : [...content];
  if (!lines) return [...content].map((b) => Uint8Array.of(b));
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < content.length; i++) {
    if (content[i] === 10) {
      out.push(content.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < content.length) out.push(content.subarray(start));
  return out;
}

function joinUnits(parts: FileContent[], bytes: boolean): FileContent {
  if (!bytes) return (parts as string[]).join("");
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts as Uint8Array[]) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const withFile = (input: FuzzInput, path: string, content: FileContent): FuzzInput => ({ ...input, files: { ...input.files, [path]: content } });

/** Removes chunks of `path`'s units, largest chunks first, while the input still fails. */
async function shrinkFile(input: FuzzInput, path: string, lines: boolean, fails: Fails, budget: Budget): Promise<FuzzInput> {
  const bytes = typeof input.files[path] !== "string";
  let parts = units(input.files[path]!, lines);
  for (let size = Math.max(1, parts.length >> 1); size >= 1 && !spent(budget); size = size === 1 ? 0 : Math.max(1, size >> 1)) {
    for (let at = parts.length - size; at >= 0 && !spent(budget); at -= size) {
      const candidate = [...parts.slice(0, at), ...parts.slice(at + size)];
      budget.tries++;
      if (await fails(withFile(input, path, joinUnits(candidate, bytes)))) {
        parts = candidate;
        input = withFile(input, path, joinUnits(parts, bytes));
      }
    }
  }
  return input;
}

export async function shrink(input: FuzzInput, fails: Fails, budgetMs: number): Promise<{ input: FuzzInput; tries: number }> {
  const budget: Budget = { until: performance.now() + budgetMs, tries: 0 };
  // Files nobody needs for the problem: gone (an entry stays when it is the last).
  for (const path of Object.keys(input.files).sort()) {
    if (spent(budget) || Object.keys(input.files).length === 1) break;
    const files = { ...input.files };
    delete files[path];
    const entries = input.entries.filter((e) => e !== path);
    if (!entries.length) continue;
    budget.tries++;
    const candidate = { ...input, files, entries };
    if (await fails(candidate)) input = candidate;
  }
  for (const lines of [true, false]) {
    for (const path of Object.keys(input.files).sort()) input = await shrinkFile(input, path, lines, fails, budget);
  }
  return { input, tries: budget.tries };
}
