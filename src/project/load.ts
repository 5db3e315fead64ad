/** The load stage: entry files -> every file they import, each read, decoded and parsed once.
 *  Import problems are diagnostics on the `import` line (a missing file, a cycle, a path out of
 *  the workspace, one file under two spellings, a model imported as a library) or in the imported
 *  file itself (not UTF-8, too large); nothing throws on user input. Pure: the file system is the
 *  host's answers. */
import { dirname, isAbsolute, resolve } from "node:path";
import type { Diagnostic, Span } from "../diagnostics.js";
import type { Declaration, FlowFile } from "../syntax/ast.js";
import { decodeSource } from "../syntax/decode.js";
import { parseFlow } from "../syntax/parser.js";
import { SourceFile } from "../syntax/source.js";
import { isInside, type ReadOutcome, type SourceHost } from "./host.js";

export interface ImportEdge {
  declaration: Declaration;
  /** The imported file (an absolute path, a key of `Project.files`) when it was loaded. */
  target?: string;
  /** True when the imported file's declarations are not in scope (it could not be loaded, or it
   *  is a model of its own): names it would declare are unknown, and the model is partial. */
  missing: boolean;
}

export interface LoadedFile {
  /** Absolute path: the key in `Project.files`. */
  abs: string;
  /** As users see it: relative to the working directory. */
  path: string;
  source: SourceFile;
  file: FlowFile;
  /** Syntax and encoding errors, and the problems of this file's imports. */
  diagnostics: Diagnostic[];
  imports: ImportEdge[];
  /** A file that declares an organization (or a `model` header) is a model's root; one with
   *  neither is a library. */
  isRoot: boolean;
  /** Whether the file could be read and parsed without syntax or encoding errors. */
  clean: boolean;
  /** Why an entry could not be read at all (the CLI reports it as an I/O failure). */
  unreadable?: ReadOutcome;
  /** The file started with a UTF-8 byte-order mark. */
  bom: boolean;
}

export interface Project {
  files: Map<string, LoadedFile>;
  /** The entry files, absolute, in the order given. */
  entries: string[];
}

/** Codes of the load stage (documented in check/rules/builtin.ts). */
export const importCodes = {
  notFound: "import-not-found",
  outside: "import-outside-workspace",
  cycle: "import-cycle",
  spelling: "import-spelling",
  ofModel: "import-of-model",
  duplicate: "duplicate-import",
  unreadable: "unreadable-file",
  tooLarge: "file-too-large",
  encoding: "invalid-encoding",
} as const;

export function loadProject(entries: string[], host: SourceHost): Project {
  return new Loader(host).load(entries);
}

class Loader {
  private files = new Map<string, LoadedFile>();
  /** Identity (real path) -> the spelling it was first loaded under. */
  private spellings = new Map<string, { abs: string; at?: Span }>();
  private state = new Map<string, "open" | "done">();

  constructor(private host: SourceHost) {}

  load(entries: string[]): Project {
    const abs = entries.map((e) => resolve(e));
    for (const e of abs) {
      const first = this.spellings.get(this.host.identity(e));
      if (first && first.abs !== e) continue; // the same file given twice: checked once
      this.visit(e);
    }
    return { files: this.files, entries: [...new Set(abs.filter((e) => this.files.has(e)))] };
  }

  /** Loads `abs` and, depth first, what it imports. */
  private visit(abs: string, outcome?: ReadOutcome): LoadedFile {
    const known = this.files.get(abs);
    if (known) return known;
    const loaded = this.read(abs, outcome ?? this.host.read(abs));
    this.files.set(abs, loaded);
    const identity = this.host.identity(abs);
    if (!this.spellings.has(identity)) this.spellings.set(identity, { abs });
    this.state.set(abs, "open");
    const seen = new Map<string, Declaration>();
    for (const d of loaded.file.declarations) {
      if (d.kind !== "import") continue;
      const edge = this.follow(loaded, d, seen);
      loaded.imports.push(edge);
    }
    this.state.set(abs, "done");
    return loaded;
  }

  private read(abs: string, outcome: ReadOutcome): LoadedFile {
    const path = this.host.display(abs);
    const base = { abs, path, diagnostics: [] as Diagnostic[], imports: [] as ImportEdge[], bom: false };
    const empty = (text = ""): Pick<LoadedFile, "source" | "file" | "isRoot" | "clean"> => {
      const source = new SourceFile(path, text);
      return { source, file: { path, declarations: [], comments: [] }, isRoot: false, clean: false };
    };
    if (outcome.kind === "too-large") {
      // Like an import of it: a finding at its start, and the file contributes nothing.
      const loaded: LoadedFile = { ...base, ...empty(), unreadable: outcome };
      loaded.diagnostics.push({
        code: importCodes.tooLarge, severity: "error", span: loaded.source.span(0, 0), related: [],
        message: `${path} is ${megabytes(outcome.size)}, over the ${megabytes(outcome.limit)} limit for one file; it is not read`,
        help: 'split it into several files, or raise "maxFileBytes" in flowmap.config.json',
      });
      return loaded;
    }
    if (outcome.kind !== "file" && outcome.kind !== "text") return { ...base, ...empty(), unreadable: outcome };
    const decoded = outcome.kind === "text" ? { ok: true as const, text: outcome.text, bom: false } : decodeSource(outcome.bytes);
    if (!decoded.ok) {
      const loaded: LoadedFile = { ...base, ...empty(decoded.text) };
      const end = Math.min(decoded.offset + 1, decoded.text.length);
      loaded.diagnostics.push({ code: importCodes.encoding, severity: "error", message: decoded.message, span: loaded.source.span(decoded.offset, end), related: [], help: decoded.help });
      return loaded;
    }
    const parsed = parseFlow(path, decoded.text);
    return {
      ...base,
      bom: decoded.bom,
      source: parsed.source,
      file: parsed.file,
      diagnostics: [...parsed.diagnostics],
      isRoot: parsed.file.declarations.some((d) => d.kind === "organization" || d.kind === "model"),
      clean: parsed.diagnostics.length === 0,
    };
  }

  private problem(from: LoadedFile, code: string, span: Span, message: string, help: string, related: Diagnostic["related"] = []): void {
    const severity = code === importCodes.duplicate ? "warning" : "error";
    from.diagnostics.push({ code, severity, message, span, related, help });
  }

  private follow(from: LoadedFile, d: Declaration, seen: Map<string, Declaration>): ImportEdge {
    const spec = d.path?.value ?? "";
    const at = d.path?.span ?? d.span;
    const missing = { declaration: d, missing: true };
    if (!spec.endsWith(".flow")) {
      this.problem(from, importCodes.notFound, at, `\`${spec}\` is not a .flow file`, 'import a .flow file by its path relative to this file, e.g. import "vendors.flow"');
      return missing;
    }
    // A backslash separates directories on Windows only (and in a string it escapes the next
    // character): the same model would load there and not in CI. Read what was written.
    const written = from.source.text.slice(at.start + 1, Math.max(at.start + 1, at.end - 1));
    if (written.includes("\\")) {
      this.problem(from, importCodes.notFound, at, `\`${written}\` uses \`\\\`; import paths separate directories with \`/\``, `write "${written.replace(/\\+/g, "/")}"`);
      return missing;
    }
    if (isAbsolute(spec) || /^[A-Za-z]:[\\/]/.test(spec)) {
      this.problem(from, importCodes.outside, at, `\`${spec}\` is an absolute path; imports are relative to the importing file`, "write the path relative to this file, inside the workspace");
      return missing;
    }
    const target = resolve(dirname(from.abs), spec);
    const root = this.host.workspaceRoot(from.abs);
    if (!isInside(root, target)) {
      this.problem(from, importCodes.outside, at, `\`${spec}\` leads outside the workspace (${this.host.display(root) || "."}/)`,
        "keep shared files inside the workspace (the directory holding flowmap.config.json or .git), or put a flowmap.config.json in a common parent");
      return missing;
    }
    const outcome = this.host.read(target);
    switch (outcome.kind) {
      case "missing":
        this.problem(from, importCodes.notFound, at, `no file \`${spec}\` (looked for ${this.host.display(target)})`, "correct the path (relative to this file), or create the file; names it would declare are unknown until it loads");
        return missing;
      case "directory":
        this.problem(from, importCodes.notFound, at, `\`${spec}\` is a directory, not a .flow file`, "import the .flow files inside it one by one");
        return missing;
      case "not-regular":
        this.problem(from, importCodes.unreadable, at, `\`${spec}\` is not a regular file (a pipe, device or socket); it is not read`, "import a regular .flow file");
        return missing;
      case "too-large":
        this.problem(from, importCodes.tooLarge, at, `\`${spec}\` is ${megabytes(outcome.size)}, over the ${megabytes(outcome.limit)} limit for one file`, 'split it into several files, or raise "maxFileBytes" in flowmap.config.json');
        return missing;
      case "error":
        this.problem(from, importCodes.unreadable, at, `\`${spec}\` cannot be read (${outcome.code})`, "check the file's permissions");
        return missing;
      default:
        break;
    }
    const identity = this.host.identity(target);
    const first = this.spellings.get(identity);
    let abs = target;
    if (first && first.abs !== target) {
      const firstAt = first.at ? [{ message: `imported as ${this.host.display(first.abs)} here`, span: first.at }] : [];
      this.problem(from, importCodes.spelling, at, `\`${spec}\` is ${this.host.display(first.abs)}, already loaded under that name; one file, two spellings`,
        `write the path as ${this.host.display(first.abs)} everywhere (links and letter case name one file twice)`, firstAt);
      abs = first.abs;
      seen.set(abs, d); // said once: not also "imported twice"
    } else if (!first) {
      this.spellings.set(identity, { abs: target, at });
    } else if (!first.at) {
      first.at = at;
    }
    const again = seen.get(abs);
    if (again && again !== d) {
      this.problem(from, importCodes.duplicate, at, `\`${spec}\` is already imported`, "remove the repeated import", [{ message: "first imported here", span: again.path?.span ?? again.span }]);
      return { declaration: d, target: abs, missing: false };
    }
    seen.set(abs, d);
    // A model is never a library, cycle or not: one error, the same whichever file is checked.
    if (this.files.get(abs)?.isRoot) {
      this.problem(from, importCodes.ofModel, at, `\`${spec}\` is a model (it declares an organization or a \`model\` header), not a library`,
        "import only files without an organization (shared vendors, systems, data and purposes); move what both models share into such a file");
      return { declaration: d, target: abs, missing: true };
    }
    if (this.state.get(abs) === "open") {
      this.problem(from, importCodes.cycle, at, `importing \`${spec}\` makes a cycle: ${this.cycle(abs, from.abs)}`,
        "files import each other; move what both need into a third file that both import");
      return { declaration: d, target: abs, missing: false };
    }
    const loaded = this.visit(abs, abs === target ? outcome : undefined);
    if (loaded.isRoot) {
      this.problem(from, importCodes.ofModel, at, `\`${spec}\` is a model (it declares an organization or a \`model\` header), not a library`,
        "import only files without an organization (shared vendors, systems, data and purposes); move what both models share into such a file");
      return { declaration: d, target: abs, missing: true };
    }
    return { declaration: d, target: abs, missing: false };
  }

  /** "a.flow -> b.flow -> a.flow": the open files from `to` to `from`, then `to` again. */
  private cycle(to: string, from: string): string {
    const open = [...this.state].filter(([, s]) => s === "open").map(([p]) => p);
    const chain = open.slice(open.indexOf(to));
    if (chain[chain.length - 1] !== from) chain.push(from);
    return [...chain, to].map((p) => this.host.display(p)).join(" -> ");
  }
}

function megabytes(n: number): string {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${n} bytes`;
}
