/** `flowmap fmt`: rewrite files in the canonical layout; `--check` lists the ones that differ. */
import { parseFlow } from "../syntax/parser.js";
import { printFlowFile } from "../syntax/print.js";
import { formatDiagnosticText } from "../format/text.js";
import type { ParsedArgs } from "./args.js";
import { collectFlowFiles, displayPath, ioMessage, writeAtomic } from "./files.js";
import { InputError } from "./workspace.js";
import { decodeSource } from "../syntax/decode.js";
import { SourceFile } from "../syntax/source.js";
import { defaultMaxFileBytes, readRegularFile } from "./node-host.js";
import type { Config } from "./config.js";

/** The canonical text, or undefined when the file has syntax errors (fmt never guesses). */
export function formatSource(path: string, text: string): { formatted?: string; errors: ReturnType<typeof parseFlow>["diagnostics"]; source: ReturnType<typeof parseFlow>["source"] } {
  const parsed = parseFlow(path, text);
  if (parsed.diagnostics.length) return { errors: parsed.diagnostics, source: parsed.source };
  return { formatted: printFlowFile(parsed.file, parsed.source), errors: [], source: parsed.source };
}

export function runFmt(args: ParsedArgs, config: Config): number {
  const paths = args.positionals.length ? args.positionals : ["models"];
  const { files, missing, unreadable } = collectFlowFiles(paths);
  if (missing.length) throw new InputError(`no such file or directory: ${missing.join(", ")}`);
  if (unreadable.length) throw new InputError(unreadable.join("; "));
  const changed: string[] = [];
  let broken = 0;
  for (const file of files) {
    const path = displayPath(file);
    const read = readRegularFile(file, config.maxFileBytes ?? defaultMaxFileBytes);
    if (read.kind !== "file") throw new InputError(`cannot read ${path}: ${read.kind === "error" ? read.code : read.kind === "too-large" ? `${read.size} bytes, over the limit of ${read.limit}` : read.kind}`);
    const decoded = decodeSource(read.bytes);
    if (!decoded.ok) {
      // Never rewrite a file that could not be decoded: its bytes would be lost.
      broken++;
      const source = new SourceFile(path, decoded.text);
      const d = { code: "invalid-encoding", severity: "error" as const, message: decoded.message, help: decoded.help, related: [], span: source.span(decoded.offset, decoded.offset + 1) };
      process.stderr.write(`${formatDiagnosticText(d, source, { color: false })}\n`);
      continue;
    }
    const text = decoded.text;
    const { formatted, errors, source } = formatSource(path, text);
    if (formatted === undefined) {
      broken++;
      for (const d of errors) process.stderr.write(`${formatDiagnosticText(d, source, { color: false })}\n`);
      continue;
    }
    if (formatted === text) continue;
    changed.push(path);
    if (!args.flags.check) {
      try {
        writeAtomic(file, decoded.bom ? `\ufeff${formatted}` : formatted);
      } catch (e) {
        throw new InputError(ioMessage("write", file, e));
      }
    }
  }
  if (args.flags.check) {
    for (const p of changed) process.stdout.write(`${p}\n`);
    if (changed.length) process.stderr.write(`flowmap fmt --check: ${changed.length} file${changed.length === 1 ? " is" : "s are"} not formatted; run \`flowmap fmt\`\n`);
  } else {
    for (const p of changed) process.stdout.write(`formatted ${p}\n`);
  }
  if (broken) {
    process.stderr.write(`flowmap fmt: ${broken} file${broken === 1 ? "" : "s"} with syntax or encoding errors left as they are\n`);
    return 1;
  }
  return args.flags.check && changed.length ? 1 : 0;
}
