/** `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it. */
import { createHash } from "node:crypto";
import type { Diagnostic, Severity } from "../diagnostics.js";
import type { RuleMeta } from "../check/registry.js";
import type { SourceFile } from "../syntax/source.js";

export interface SarifOptions {
  version: string;
  /** Base of the rule docs; `<id>.md` is appended. */
  docsBase: string;
  informationUri: string;
}

const level: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

function pascal(id: string): string {
  return id.split("-").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
}

/** Stable across unrelated edits: the rule, the file, the message and the text of the flagged line,
 *  plus an occurrence counter for identical ones. */
function fingerprint(d: Diagnostic, source: SourceFile | undefined, seen: Map<string, number>): string {
  const lineText = source?.lineText(d.span.line).trim() ?? "";
  const key = `${d.code}\u0000${d.span.file}\u0000${d.message}\u0000${lineText}`;
  const n = (seen.get(key) ?? 0) + 1;
  seen.set(key, n);
  return `${createHash("sha256").update(key).digest("hex").slice(0, 32)}:${n}`;
}

function uri(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join("/");
}

export function formatSarif(diagnostics: Diagnostic[], rules: RuleMeta[], sources: ReadonlyMap<string, SourceFile>, options: SarifOptions): string {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const seen = new Map<string, number>();
  const region = (s: Diagnostic["span"]) => ({
    startLine: s.line,
    startColumn: s.column,
    endLine: s.endLine,
    endColumn: s.endColumn,
    charOffset: s.start,
    charLength: s.end - s.start,
  });
  const location = (s: Diagnostic["span"]) => ({
    physicalLocation: { artifactLocation: { uri: uri(s.file), uriBaseId: "%SRCROOT%" }, region: region(s) },
  });
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "flowmap",
            semanticVersion: options.version,
            informationUri: options.informationUri,
            rules: rules.map((r) => ({
              id: r.id,
              name: pascal(r.id),
              shortDescription: { text: r.title },
              fullDescription: { text: `${r.description} (${r.article})` },
              help: { text: r.help, markdown: `${r.help}\n\nEnforces: ${r.article}` },
              helpUri: `${options.docsBase}${r.id}.md`,
              defaultConfiguration: { level: level[r.severity] },
              properties: { tags: ["privacy", "gdpr", r.stage] },
            })),
          },
        },
        columnKind: "utf16CodeUnits",
        originalUriBaseIds: { "%SRCROOT%": { description: { text: "The repository root (the directory flowmap ran in)." } } },
        results: diagnostics.map((d) => ({
          ruleId: d.code,
          ...(index.has(d.code) && { ruleIndex: index.get(d.code) }),
          level: level[d.severity],
          message: { text: d.help ? `${d.message}\nhelp: ${d.help}` : d.message },
          locations: [location(d.span)],
          ...(d.related.length && {
            relatedLocations: d.related.map((r, i) => ({ id: i + 1, message: { text: r.message }, ...location(r.span) })),
          }),
          partialFingerprints: { "flowmapFinding/v1": fingerprint(d, sources.get(d.span.file), seen) },
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
