/** Runs ELK in a worker thread, so a layout that overruns its time bound can be stopped, and so
 *  ELK's 1.5 MB bundle loads while the main thread builds the graph. One worker serves every render
 *  of a process (`flowmap build` renders many maps); it is unref'd, so it never keeps the process
 *  alive, and it is replaced after a timeout. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, sep } from "node:path";
import { Worker } from "node:worker_threads";
import type { ElkNode } from "elkjs/lib/elk-api.js";
import { MapRenderError } from "./errors.js";

// Plain CommonJS so it runs without the TypeScript loader and survives bundling of the CLI.
// ELK is compiled with a V8 code cache when one is there: that halves the time before the worker
// can lay out (~90 -> ~20 ms to load the 1.5 MB bundle, less lazy compiling in the first layout).
// The cache sits in node_modules/.cache/flowmap, beside elkjs itself (whoever can write there can
// change elkjs anyway); its name carries the elkjs, Node and platform versions, V8 rejects a stale
// or corrupt one (then ELK loads as usual), and it is written once, atomically, after a first
// layout. Any failure to read or write it is ignored: it only saves time. FLOWMAP_NO_ELK_CACHE=1
// turns it off (for measuring).
//
// Most of a first layout's time in a fresh process is V8 optimizing ELK's large GWT-compiled code on
// a background thread (on a 200-system map: ~2.5 s of compiler CPU against ~1.5 s of layout on the
// worker's own thread), which on a 2-core machine competes with the layout itself. Inlining less
// and tiering up later (3x the default budget) cut that compile work by about 40% and the first
// layout's wall time by about 25%, with no loss on the 2,000-system map or on small ones. V8 flags
// are process-wide: this also applies to the rest of the process, which at this point only writes
// SVG and files.
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const v8 = require("node:v8");
v8.setFlagsFromString("--max-inlined-bytecode-size-cumulative=100");
v8.setFlagsFromString("--interrupt-budget=200000");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { elkPath, cachePath } = workerData;
let cached;
try { cached = cachePath ? fs.readFileSync(cachePath) : undefined; } catch {}
const script = new vm.Script("(function (exports, require, module, __filename, __dirname) {" + fs.readFileSync(elkPath, "utf8") + "\\n})",
  { filename: elkPath, cachedData: cached });
const mod = { exports: {} };
script.runInThisContext()(mod.exports, require, mod, elkPath, path.dirname(elkPath));
const ELK = mod.exports;
// Only the algorithm flowmap uses: registering ELK's nine costs ~50 ms in a fresh process.
const elk = new ELK({ algorithms: ["layered"] });
let cacheWanted = Boolean(cachePath) && (!cached || script.cachedDataRejected);
function writeCache() {
  cacheWanted = false;
  const tmp = cachePath + "." + process.pid + ".tmp";
  try {
    fs.mkdirSync(path.dirname(cachePath), { recursive: true });
    fs.writeFileSync(tmp, script.createCachedData());
    fs.renameSync(tmp, cachePath);
  } catch {
    try { fs.unlinkSync(tmp); } catch {}
  }
}
parentPort.on("message", ({ id, graph }) => elk.layout(graph).then(
  (laid) => { if (cacheWanted) writeCache(); parentPort.postMessage({ id, graph: laid }); },
  (e) => parentPort.postMessage({ id, error: String((e && e.message) || e) }),
));
`;

/** Where the worker keeps ELK's code cache: node_modules/.cache/flowmap beside elkjs. */
function cachePathFor(elkPath: string): string | undefined {
  const marker = `${sep}node_modules${sep}elkjs${sep}`;
  const at = elkPath.lastIndexOf(marker);
  if (at < 0) return undefined;
  let version = "0";
  try {
    version = (JSON.parse(readFileSync(join(elkPath.slice(0, at + marker.length), "package.json"), "utf8")) as { version?: string }).version ?? "0";
  } catch {
    return undefined;
  }
  const name = `elk-${version}-node${process.version}-${process.platform}-${process.arch}.v8cache`;
  return join(elkPath.slice(0, at), "node_modules", ".cache", "flowmap", name);
}

type Settle = (msg: { graph?: ElkNode; error?: string }) => void;

interface SharedWorker {
  worker: Worker;
  pending: Map<number, Settle>;
}

let shared: SharedWorker | undefined;
let nextId = 1;

function sharedWorker(): SharedWorker {
  if (shared) return shared;
  const elkPath = createRequire(import.meta.url).resolve("elkjs/lib/elk.bundled.js");
  const cachePath = process.env.FLOWMAP_NO_ELK_CACHE ? undefined : cachePathFor(elkPath);
  const worker = new Worker(workerSource, { eval: true, workerData: { elkPath, cachePath } });
  const current: SharedWorker = { worker, pending: new Map() };
  worker.on("message", (msg: { id: number; graph?: ElkNode; error?: string }) => {
    const settle = current.pending.get(msg.id);
    current.pending.delete(msg.id);
    settle?.(msg);
  });
  worker.on("error", (e) => {
    for (const settle of current.pending.values()) settle({ error: e.message });
    current.pending.clear();
    if (shared === current) shared = undefined;
  });
  // After the listeners: adding a 'message' listener refs the worker again, and the process
  // would then never exit (an in-flight layout is kept alive by its timeout timer instead).
  worker.unref();
  shared = current;
  return current;
}

/** Stops the shared worker, failing what it was doing (after a timeout, its state is unknown). */
function discard(w: SharedWorker): void {
  if (shared === w) shared = undefined;
  void w.worker.terminate();
}

export interface ElkRunner {
  layout(graph: ElkNode, timeLimitMs: number, announcedLimitMs?: number): Promise<ElkNode>;
}

/** Starts (or reuses) the worker now, so ELK loads while the caller checks models and measures text. */
export function startElk(): ElkRunner {
  const w = sharedWorker();
  const layout = (graph: ElkNode, timeLimitMs: number, announcedLimitMs = timeLimitMs) =>
    new Promise<ElkNode>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        w.pending.delete(id);
        discard(w);
        reject(new MapRenderError("layout-timeout", timeoutMessage(graph, announcedLimitMs)));
      }, Math.max(0, timeLimitMs));
      w.pending.set(id, (msg) => {
        clearTimeout(timer);
        if (msg.graph) resolve(msg.graph);
        else reject(new MapRenderError("layout-failed", `map layout failed: ${msg.error}`));
      });
      w.worker.postMessage({ id, graph });
    });
  return { layout };
}

export function timeoutMessage(graph: ElkNode, limit: number): string {
  const systems = (graph.children ?? []).reduce((n, c) => n + (c.children?.length ?? 0), 0);
  const flows = graph.edges?.length ?? 0;
  return `map layout of ${systems} systems and ${flows} flows did not finish within the ${limit >= 1000 ? `${Math.round(limit / 100) / 10} s` : `${limit} ms`} limit; ` +
    "raise the limit with `--layout-timeout <seconds>`, or split the model into smaller .flow files (one per product or region) and render each";
}
