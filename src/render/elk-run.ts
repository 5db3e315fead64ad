/** Runs ELK in a worker thread, so a layout that overruns its time bound can be stopped, and so
 *  ELK's 1.5 MB bundle loads while the main thread measures text. One worker serves every render
 *  of a process (`flowmap build` renders many maps); it is unref'd, so it never keeps the process
 *  alive, and it is replaced after a timeout. */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { ElkNode } from "elkjs/lib/elk-api.js";
import { MapRenderError } from "./errors.js";

// Plain CommonJS so it runs without the TypeScript loader and survives bundling of the CLI.
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const ELK = require(workerData.elkPath);
const elk = new ELK();
parentPort.on("message", ({ id, graph }) => elk.layout(graph).then(
  (laid) => parentPort.postMessage({ id, graph: laid }),
  (e) => parentPort.postMessage({ id, error: String((e && e.message) || e) }),
));
`;

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
  const worker = new Worker(workerSource, { eval: true, workerData: { elkPath } });
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
  layout(graph: ElkNode, timeLimitMs: number): Promise<ElkNode>;
}

/** Starts (or reuses) the worker now, so ELK loads while the caller measures text. */
export function startElk(): ElkRunner {
  const w = sharedWorker();
  const layout = (graph: ElkNode, timeLimitMs: number) =>
    new Promise<ElkNode>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        w.pending.delete(id);
        discard(w);
        reject(new MapRenderError("layout-timeout", timeoutMessage(graph, timeLimitMs)));
      }, timeLimitMs);
      w.pending.set(id, (msg) => {
        clearTimeout(timer);
        if (msg.graph) resolve(msg.graph);
        else reject(new MapRenderError("layout-failed", `map layout failed: ${msg.error}`));
      });
      w.worker.postMessage({ id, graph });
    });
  return { layout };
}

function timeoutMessage(graph: ElkNode, limit: number): string {
  const systems = (graph.children ?? []).reduce((n, c) => n + (c.children?.length ?? 0), 0);
  // The CLI has no option to raise the limit, so the advice is only what a user can do.
  const flows = graph.edges?.length ?? 0;
  return `map layout of ${systems} systems and ${flows} flows did not finish within the ${limit >= 1000 ? `${Math.round(limit / 100) / 10} s` : `${limit} ms`} limit; ` +
    "split the model into smaller .flow files (one per product or region) and render each";
}
