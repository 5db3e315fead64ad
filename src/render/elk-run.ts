/** Runs ELK in a worker thread, so a layout that overruns its time bound can be stopped, and so
 *  ELK's 1.5 MB bundle loads while the main thread measures text. */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { ElkNode } from "elkjs/lib/elk-api.js";
import { MapRenderError } from "./errors.js";

// Plain CommonJS so it runs without the TypeScript loader and survives bundling of the CLI.
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const ELK = require(workerData.elkPath);
const elk = new ELK();
parentPort.on("message", (graph) => elk.layout(graph).then(
  (laid) => parentPort.postMessage({ graph: laid }),
  (e) => parentPort.postMessage({ error: String((e && e.message) || e) }),
));
`;

export interface ElkRunner {
  /** Lays out one graph; the runner stops itself afterwards. */
  layout(graph: ElkNode, timeLimitMs: number): Promise<ElkNode>;
  /** Ends the worker (safe to call twice). */
  stop(): void;
}

export function startElk(): ElkRunner {
  const elkPath = createRequire(import.meta.url).resolve("elkjs/lib/elk.bundled.js");
  const worker = new Worker(workerSource, { eval: true, workerData: { elkPath } });
  let stopped = false;
  const stop = () => {
    if (!stopped) void worker.terminate();
    stopped = true;
  };
  const layout = (graph: ElkNode, timeLimitMs: number) =>
    new Promise<ElkNode>((resolve, reject) => {
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        stop();
        settle();
      };
      const timer = setTimeout(
        () => finish(() => reject(new MapRenderError("layout-timeout", timeoutMessage(graph, timeLimitMs)))),
        timeLimitMs,
      );
      worker.once("message", (msg: { graph?: ElkNode; error?: string }) =>
        finish(() => (msg.graph ? resolve(msg.graph) : reject(new MapRenderError("layout-failed", `map layout failed: ${msg.error}`)))),
      );
      worker.once("error", (e) => finish(() => reject(new MapRenderError("layout-failed", `map layout failed: ${e.message}`))));
      worker.postMessage(graph);
    });
  return { layout, stop };
}

export function runElk(graph: ElkNode, timeLimitMs: number): Promise<ElkNode> {
  return startElk().layout(graph, timeLimitMs);
}

function timeoutMessage(graph: ElkNode, limit: number): string {
  const systems = (graph.children ?? []).reduce((n, c) => n + (c.children?.length ?? 0), 0);
  return `map layout of ${systems} systems did not finish within ${(limit / 1000).toFixed(1)} s; split the model into smaller files or raise the time limit`;
}
