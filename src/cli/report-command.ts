/** `flowmap report`: one self-contained HTML page per model (map, filters, details, findings,
 *  register), written atomically like render's and register's outputs. The report code, ELK and
 *  svgdom load only here (and in build), so `check` starts as fast as before. */
import { join } from "node:path";
import { layoutTimeLimit, type ParsedArgs } from "./args.js";
import type { Config } from "./config.js";
import { targets, writeEach } from "./output-commands.js";
import { baseName } from "./workspace.js";

export async function runReport(args: ParsedArgs, config: Config): Promise<number> {
  const [{ prepareRenderer }, { renderReport }] = await Promise.all([import("../render/index.js"), import("../report/index.js")]);
  prepareRenderer(); // ELK loads while the models are checked
  return writeEach(
    targets(args, config, "report"), "report", args,
    (c) => join(config.out ?? "out", `${baseName(c.path)}.html`),
    (c) => renderReport(c.result, { timeLimitMs: layoutTimeLimit(args) }),
  );
}
