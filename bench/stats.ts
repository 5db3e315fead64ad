/** Timing and statistics helpers for the benchmark harness. */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

setFlagsFromString("--expose-gc");
/** A full collection between samples, so one sample's garbage is not billed to the next. */
export const gc: () => void = runInNewContext("gc") as () => void;

export interface Timing {
  /** Milliseconds per operation. */
  median: number;
  min: number;
  max: number;
  /** Timed samples (after warm-up). */
  runs: number;
  /** Operations per sample (small inputs are repeated so a sample lasts long enough to time). */
  batch: number;
}

export interface TimingOptions {
  runs: number;
  warmup: number;
  /** Repeat the operation until one sample lasts at least this long. */
  minSampleMs?: number;
  /** Never repeat more than this many times per sample. */
  maxBatch?: number;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function summarise(perOp: number[], batch: number): Timing {
  return { median: median(perOp), min: Math.min(...perOp), max: Math.max(...perOp), runs: perOp.length, batch };
}

export async function time(fn: () => unknown, o: TimingOptions): Promise<Timing> {
  gc();
  let t0 = performance.now();
  await fn(); // first call: calibrates the batch and counts as warm-up
  const first = performance.now() - t0;
  const batch = Math.max(1, Math.min(o.maxBatch ?? 10_000, Math.ceil((o.minSampleMs ?? 0) / Math.max(first, 0.001))));
  const sample = async () => {
    t0 = performance.now();
    for (let i = 0; i < batch; i++) await fn();
    return (performance.now() - t0) / batch;
  };
  for (let i = 1; i < o.warmup; i++) await sample();
  const perOp: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    gc();
    perOp.push(await sample());
  }
  return summarise(perOp, batch);
}

/** Several timed runs of a function that times itself (e.g. a child process). */
export function collect(values: number[]): Timing {
  return summarise(values, 1);
}

/** Least-squares slope of log(y) against log(x): the exponent k in y ≈ c·x^k. */
export function fitExponent(points: { x: number; y: number }[]): { exponent: number; r2: number; points: number } | null {
  const p = points.filter((q) => q.x > 0 && q.y > 0 && Number.isFinite(q.y));
  if (p.length < 2) return null;
  const xs = p.map((q) => Math.log(q.x));
  const ys = p.map((q) => Math.log(q.y));
  const mx = xs.reduce((a, b) => a + b, 0) / p.length;
  const my = ys.reduce((a, b) => a + b, 0) / p.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < p.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  const exponent = sxy / sxx;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { exponent, r2, points: p.length };
}

export function fmtMs(ms: number | undefined | null): string {
  if (ms === undefined || ms === null || !Number.isFinite(ms)) return "-";
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(3)} ms`;
}

export function fmtTiming(t: Timing | undefined | null): string {
  return t ? `${fmtMs(t.median)} (${fmtMs(t.min)}–${fmtMs(t.max)})` : "-";
}

export function fmtRatio(r: number | undefined | null): string {
  return r === undefined || r === null || !Number.isFinite(r) ? "-" : `${r.toFixed(2)}x`;
}

/** A plain text table with right-aligned columns after the first. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
