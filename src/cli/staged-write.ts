/** Writing a set of outputs so that a run killed at any point leaves, as the next flowmap run sees
 *  it, either all the old files or all the new ones, and no debris among them.
 *
 *  1. Every new file is written into a hidden staging directory in the output directory
 *     (`.flowmap-staging-<pid>`) and flushed to disk.
 *  2. A manifest (staged name -> output path) is written, flushed, and renamed into place: the
 *     commit point.
 *  3. The staged files are renamed over the outputs, the directory is flushed, the staging
 *     directory removed.
 *
 *  A run killed before the commit point leaves only the staging directory, which the next run
 *  deletes; one killed after it leaves a committed manifest, and the next run finishes its renames
 *  (rolls forward). `build --check` reports either as an interrupted build. */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { isRunning, listing, writeDurably } from "./files.js";

const prefix = ".flowmap-staging-";
const manifestName = "manifest.json";

/** A fault-injection hook for the tests: kill this process (SIGKILL) after that many write steps. */
const faultAfter = Number(process.env.FLOWMAP_TEST_KILL_AFTER_STEPS ?? Number.NaN);
let steps = 0;
function step(): void {
  steps++;
  if (steps === faultAfter) process.kill(process.pid, "SIGKILL");
}

/** Flushes a directory's entries (renames) to disk; some systems cannot, and that is not an error. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // Opening a directory for fsync fails on some platforms; the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface Leftover {
  dir: string;
  committed: boolean;
}

/** Staging directories of runs that are no longer running, in `outDir`. */
export function leftovers(outDir: string): Leftover[] {
  return listing(outDir)
    .filter((n) => n.startsWith(prefix) && !isRunning(Number(n.slice(prefix.length))))
    .sort()
    .map((n) => ({ dir: join(outDir, n), committed: existsSync(join(outDir, n, manifestName)) }));
}

/** Temporary files of runs no longer running: `.x.svg.flowmap-<pid>.tmp` (a single write) and
 *  `x.svg.<pid>.tmp` (what earlier versions wrote). */
export function strayTemporaries(outDir: string): string[] {
  return listing(outDir).filter((n) => {
    const m = /^\..+\.flowmap-(\d+)\.tmp$/.exec(n) ?? /^[^.].*\.(?:svg|register\.csv|register\.md)\.(\d+)\.tmp$/.exec(n);
    return m !== null && !isRunning(Number(m[1]));
  }).sort();
}

/** Finishes what killed runs committed and deletes what they did not, and their temporary files;
 *  returns what it did. */
export function recover(outDir: string): { finished: number; discarded: number } {
  let finished = 0;
  let discarded = 0;
  for (const name of strayTemporaries(outDir)) rmSync(join(outDir, name), { force: true });
  for (const l of leftovers(outDir)) {
    const manifest = l.committed ? readManifest(l.dir, outDir) : undefined;
    if (manifest) {
      for (const [staged, target] of manifest) {
        const from = join(l.dir, staged);
        if (existsSync(from)) renameSync(from, target);
      }
      syncDirectory(outDir);
      finished++;
    } else {
      discarded++;
    }
    rmSync(l.dir, { recursive: true, force: true });
  }
  return { finished, discarded };
}

/** A journal's manifest, if it is one flowmap wrote: staged names of its own, outputs inside the
 *  output directory. Anything else (corrupt, or pointing elsewhere) is discarded, never followed. */
function readManifest(dir: string, outDir: string): Array<[string, string]> | undefined {
  try {
    const raw = JSON.parse(readFileSync(join(dir, manifestName), "utf8")) as unknown;
    if (!Array.isArray(raw)) return undefined;
    const root = resolve(outDir);
    const out: Array<[string, string]> = [];
    for (const entry of raw) {
      if (!Array.isArray(entry) || typeof entry[0] !== "string" || typeof entry[1] !== "string" || !/^\d+\.out$/.test(entry[0])) return undefined;
      const target = resolve(root, entry[1]);
      if (relative(root, target).startsWith("..") || resolve(target) === root) return undefined;
      out.push([entry[0], target]);
    }
    return out;
  } catch {
    return undefined;
  }
}

/** Writes `files` (paths inside `outDir`) all or nothing, as described above. */
export function writeStaged(outDir: string, files: Array<[string, string]>): void {
  if (!files.length) return;
  mkdirSync(outDir, { recursive: true });
  recover(outDir);
  for (const [path] of files) {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: "EISDIR" });
  }
  const staging = join(outDir, `${prefix}${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  try {
    const manifest: Array<[string, string]> = [];
    files.forEach(([path, content], i) => {
      mkdirSync(dirname(resolve(path)), { recursive: true });
      const name = `${i}.out`;
      writeDurably(join(staging, name), content);
      manifest.push([name, relative(outDir, resolve(path))]);
      step();
    });
    writeDurably(join(staging, `${manifestName}.tmp`), JSON.stringify(manifest));
    step();
    renameSync(join(staging, `${manifestName}.tmp`), join(staging, manifestName)); // the commit point
    syncDirectory(staging);
    step();
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  const manifest = JSON.parse(readFileSync(join(staging, manifestName), "utf8")) as Array<[string, string]>;
  for (const [staged, target] of manifest) {
    renameSync(join(staging, staged), resolve(outDir, target));
    step();
  }
  syncDirectory(outDir);
  rmSync(staging, { recursive: true, force: true });
  step();
}
