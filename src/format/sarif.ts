/** `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it. */
import { createHash } from "node:crypto";
import type { Diagnostic, Severity } from "../diagnostics.js";
import type { RuleMeta } from "../check/registry.js";
import type { SourceFile } from "../syntax/source.js";
import { jsonEscapeHostile } from "../util/visible.js";

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

/** Lines up to this many UTF-16 units are fingerprinted whole (as they always were); a longer one
 *  by a window around the span, so one finding costs the same on a 300 KB line as on a short one. */
export const fingerprintWholeLine = 1000;
const fingerprintContext = 100;
const fingerprintSpan = 200;

/** The text of the flagged line that a fingerprint hashes: the whole line, trimmed, when it is of
 *  normal length; else the span (its first `fingerprintSpan` units) with `fingerprintContext` units
 *  either side, marked as a window. */
function lineKey(d: Diagnostic, source: SourceFile | undefined): string {
  if (!source) return "";
  const raw = source.lineText(d.span.line);
  if (raw.length <= fingerprintWholeLine) return raw.trim();
  const start = source.lineStarts[d.span.line - 1]!;
  const lineEnd = start + raw.length;
  const from = Math.max(start, d.span.start - fingerprintContext);
  const spanEnd = Math.min(Math.max(d.span.start, Math.min(d.span.end, lineEnd)), d.span.start + fingerprintSpan);
  const to = Math.min(lineEnd, spanEnd + fingerprintContext);
  return `\u0001window\u0001${source.text.slice(from, to)}`;
}

/** Stable across unrelated edits: the rule, the file, the message and the text of the flagged line
 *  (a window of it when the line is very long), plus an occurrence counter for identical ones. */
function fingerprint(d: Diagnostic, source: SourceFile | undefined, seen: Map<string, number>): string {
  const key = `${d.code}\u0000${d.span.file}\u0000${d.message}\u0000${lineKey(d, source)}`;
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
          // An accepted risk: code scanning shows it as dismissed in source, with the reason.
          ...(d.suppressed && { suppressions: [{ kind: "inSource", status: "accepted", justification: d.suppressed.reason, location: location(d.suppressed.span) }] }),
        })),
      },
    ],
  };
  // Bidi and other invisible characters as \u escapes: a viewer of the raw log sees them.
  return `${jsonEscapeHostile(JSON.stringify(log, null, 2))}\n`;
}
