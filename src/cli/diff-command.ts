/** `flowmap diff`: what changed in the processing between two revisions (or the working tree), or
 *  between two files or directories. Each side is read into a host (a git revision's .flow files
 *  into memory, the working tree from the disk), loaded and checked with the existing pipeline, and
 *  the two check results are compared by src/diff, which only reads them. */
import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { ruleMeta } from "../check/registry.js";
import { memoryHost, type SourceHost } from "../project/host.js";
import { loadProject } from "../project/load.js";
import { editDistance, didYouMean } from "../util/suggest.js";
import { diffSides } from "../diff/report.js";
import { formatDiffText } from "../diff/text.js";
import { formatDiffMarkdown } from "../diff/markdown.js";
import { formatDiffJson } from "../diff/json.js";
import { failConditions, type FailCondition, type Side } from "../diff/types.js";
import { UsageError, type ParsedArgs } from "./args.js";
import { configFileName, type Config } from "./config.js";
import { collectFlowFiles } from "./files.js";
import { nodeHost } from "./node-host.js";
import { checkProject, InputError } from "./workspace.js";

interface Revision {
  sha: string;
  label: string;
}

function git(args: string[], input?: string): { ok: boolean; out: Buffer; err: string } {
  const r = spawnSync("git", args, { input, maxBuffer: 1 << 30, windowsHide: true });
  if (r.error) {
    if ((r.error as NodeJS.ErrnoException).code === "ENOENT") throw new InputError("git is not installed (or not on PATH); it is needed to compare revisions. To compare two directories or files, name both");
    throw r.error;
  }
  return { ok: r.status === 0, out: r.stdout, err: r.stderr.toString("utf8").trim() };
}

const text = (b: Buffer) => b.toString("utf8").trim();

/** The repository's top directory (as the working directory spells it), or an InputError. */
function repositoryTop(): string {
  const r = git(["rev-parse", "--show-cdup"]);
  if (!r.ok) throw new InputError(`not in a git repository (${r.err.replace(/^fatal: /, "")}); to compare two directories or files, name both: flowmap diff old/ new/`);
  return resolve(process.cwd(), text(r.out) || ".");
}

function verify(rev: string): string | undefined {
  const r = git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`]);
  return r.ok ? text(r.out) : undefined;
}

const shallow = () => text(git(["rev-parse", "--is-shallow-repository"]).out) === "true";
const shallowAdvice = "this is a shallow clone, which may not hold it: fetch more history (`git fetch --unshallow`, or `fetch-depth: 0` for actions/checkout)";

/** A revision as a commit, or an InputError naming the closest refs. */
function revision(rev: string): Revision {
  const sha = verify(rev);
  if (sha) return { sha, label: `${rev} (${sha.slice(0, 7)})` };
  if (git(["rev-parse", "--verify", "--quiet", "--end-of-options", rev]).ok) throw new InputError(`\`${rev}\` is not a commit`);
  const refs = ["HEAD", ...text(git(["for-each-ref", "--format=%(refname:short)", "refs/heads", "refs/remotes", "refs/tags"]).out).split("\n").filter(Boolean)];
  const limit = Math.max(2, Math.ceil(rev.length / 2));
  const near = refs.map((r) => ({ r, d: Math.min(editDistance(rev.toLowerCase(), r.toLowerCase(), limit), editDistance(rev.toLowerCase(), r.replace(/^[^/]+\//, "").toLowerCase(), limit)) }))
    .filter((x) => x.d <= limit).sort((a, b) => a.d - b.d || (a.r < b.r ? -1 : 1)).slice(0, 3).map((x) => `\`${x.r}\``);
  const closest = near.length ? `; the closest refs: ${near.join(", ")}` : "";
  throw new InputError(`no revision \`${rev}\` in this repository${closest}${shallow() ? `; ${shallowAdvice}` : ""}`);
}

/** The merge base with the default branch; HEAD itself (uncommitted work) when HEAD is on it. */
function defaultBase(): Revision {
  const head = verify("HEAD");
  if (!head) throw new InputError("the repository has no commits yet, so there is no base to compare with; commit the base first, or name two directories");
  const remoteHead = git(["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"]);
  const candidates = [process.env.GITHUB_BASE_REF && `origin/${process.env.GITHUB_BASE_REF}`, remoteHead.ok && text(remoteHead.out), "origin/main", "origin/master", "main", "master"];
  const branch = candidates.find((c): c is string => Boolean(c) && verify(c as string) !== undefined);
  const uncommitted = { sha: head, label: `HEAD (${head.slice(0, 7)})` };
  if (!branch) return uncommitted;
  const mb = git(["merge-base", head, branch]);
  if (!mb.ok) throw new InputError(`HEAD and ${branch} have no common commit${shallow() ? `: ${shallowAdvice}` : ""}; name the base revision, e.g. flowmap diff ${branch}`);
  const base = text(mb.out);
  return base === head ? uncommitted : { sha: base, label: `the merge base with ${branch} (${base.slice(0, 7)})` };
}

/** A revision's tree: its .flow files and config files, each read in one `git cat-file --batch`. */
function readTree(sha: string, top: string): { files: Map<string, Buffer>; links: Map<string, string> } {
  const listing = git(["ls-tree", "-r", "-z", "--full-tree", sha]);
  if (!listing.ok) throw new InputError(`cannot list the files of ${sha.slice(0, 7)}: ${listing.err}`);
  const wanted: { path: string; oid: string; link: boolean }[] = [];
  for (const entry of listing.out.toString("utf8").split("\0")) {
    const tab = entry.indexOf("\t");
    if (tab < 0) continue;
    const [mode, type, oid] = entry.slice(0, tab).split(" ");
    const path = entry.slice(tab + 1);
    if (type === "blob" && (path.endsWith(".flow") || path === configFileName || path.endsWith(`/${configFileName}`))) wanted.push({ path, oid: oid!, link: mode === "120000" });
  }
  const files = new Map<string, Buffer>();
  const links = new Map<string, string>();
  if (!wanted.length) return { files, links };
  const batch = git(["cat-file", "--batch"], wanted.map((w) => w.oid).join("\n") + "\n");
  if (!batch.ok) throw new InputError(`cannot read the files of ${sha.slice(0, 7)}: ${batch.err}`);
  let at = 0;
  for (const w of wanted) {
    const eol = batch.out.indexOf(10, at);
    const size = Number(batch.out.subarray(at, eol).toString("latin1").split(" ")[2]);
    const bytes = batch.out.subarray(eol + 1, eol + 1 + size);
    at = eol + 1 + size + 1;
    const abs = join(top, ...w.path.split("/"));
    if (w.link) links.set(abs, resolve(dirname(abs), bytes.toString("utf8")));
    else files.set(abs, bytes);
  }
  return { files, links };
}

/** Each side is checked with its own `flowmap.config.json` (the one found upward from the working
 *  directory, as `check` finds it), unless --config names one for both. A revision's config is read
 *  leniently: it is history, not something this change can fix. */
function treeConfig(files: Map<string, Buffer>, top: string, current: Config, label: string): Config {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const bytes = files.get(join(dir, configFileName));
    if (bytes) {
      try {
        const raw = JSON.parse(bytes.toString("utf8")) as { rules?: Record<string, unknown>; maxFileBytes?: unknown };
        const levels = ["error", "warning", "info", "off"];
        const rules = Object.fromEntries(Object.entries(raw.rules ?? {}).filter(([id, v]) => ruleMeta(id) && levels.includes(v as string))) as Config["rules"];
        const max = Number.isInteger(raw.maxFileBytes) && (raw.maxFileBytes as number) > 0 ? (raw.maxFileBytes as number) : undefined;
        return { ...current, rules, maxFileBytes: max };
      } catch {
        process.stderr.write(`flowmap diff: ${label}: ${relative(top, join(dir, configFileName)).split(sep).join("/")} is not valid JSON; that side is checked with the default severities\n`);
        return { ...current, rules: {}, maxFileBytes: undefined };
      }
    }
    if (dir === top || dirname(dir) === dir) return { ...current, rules: {}, maxFileBytes: undefined };
  }
}

const under = (root: string, p: string) => p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
const hiddenPart = (root: string, p: string) => relative(root, p).split(sep).some((s) => s.startsWith(".") || s === "node_modules");

function revisionSide(rev: Revision, top: string, modelsPath: string, config: Config, explicitConfig: boolean): Side {
  const { files, links } = readTree(rev.sha, top);
  const sideConfig = explicitConfig ? config : treeConfig(files, top, config, rev.label);
  const limit = sideConfig.maxFileBytes ?? 64 * 1024 * 1024;
  const content: Record<string, Uint8Array> = {};
  const large = new Map<string, number>();
  for (const [abs, bytes] of files) {
    if (!abs.endsWith(".flow")) continue;
    if (bytes.length > limit) large.set(abs, bytes.length);
    else content[abs] = bytes;
  }
  const aliases = Object.fromEntries([...links].filter(([, target]) => target in content));
  const memory = memoryHost(content, { cwd: process.cwd(), aliases });
  const configDirs = new Set([...files.keys()].filter((p) => p.endsWith(configFileName)).map((p) => dirname(p)));
  const host: SourceHost = {
    ...memory,
    read: (path) => (large.has(path) ? { kind: "too-large", size: large.get(path)!, limit } : memory.read(path)),
    workspaceRoot(path) {
      for (let dir = dirname(path); under(top, dir); dir = dirname(dir)) if (configDirs.has(dir) || dir === top) return dir;
      return top;
    },
  };
  const root = resolve(modelsPath);
  const entries = [...Object.keys(content), ...large.keys(), ...Object.keys(aliases)].filter((p) => under(root, p) && !hiddenPart(root, p)).sort();
  return checkSide(rev.label, entries, host, sideConfig, rev.sha);
}

function diskFiles(path: string, required: boolean): string[] {
  const { files, missing, unreadable } = collectFlowFiles([path]);
  if (unreadable.length) throw new InputError(unreadable.join("; "));
  if (missing.length && required) throw new InputError(`no such file or directory: ${missing.join(", ")}`);
  return files;
}

/** Loads and checks one side the way `check` does (src/cli/workspace.ts): each model with its
 *  imports, each library no model imports, and every finding once. */
function checkSide(label: string, entries: string[], host: SourceHost, config: Config, revision?: string, keyOf: (abs: string, path: string) => string = (_, p) => p): Side {
  if (!entries.length) return { label, ...(revision && { revision }), models: [], checked: [], findings: { diagnostics: [], accepted: [], sources: new Map() } };
  const project = loadProject(entries, host);
  const workspace = checkProject(project, config, `${label}: `);
  const absOf = new Map([...project.files.values()].map((f) => [f.path, f.abs]));
  const models = workspace.models.map((c) => ({ key: keyOf(absOf.get(c.path)!, c.path), path: c.path, result: c.result }));
  return {
    label, ...(revision && { revision }), models, checked: workspace.checked.map((c) => c.result),
    findings: { diagnostics: workspace.diagnostics, accepted: workspace.accepted, sources: workspace.sources },
  };
}

function pathSide(path: string, config: Config): Side {
  const files = diskFiles(path, true);
  if (!files.length) throw new InputError(`no .flow files in ${path}`);
  const dir = statSync(path).isDirectory() ? resolve(path) : undefined;
  // Two directories: a model matches the model at the same place in the other; two files match each other.
  const key = (abs: string) => (dir ? relative(dir, abs).split(sep).join("/") : "");
  return checkSide(path, files, nodeHost({ maxFileBytes: config.maxFileBytes }), config, undefined, key);
}

const exists = (p: string) => statSync(p, { throwIfNoEntry: false }) !== undefined;

export function parseFailOn(raw: string | undefined): FailCondition[] {
  if (raw === undefined) return [];
  const list = raw.split(",").map((s) => s.trim()).filter(Boolean);
  for (const k of list) if (!(failConditions as readonly string[]).includes(k)) throw new UsageError(`--fail-on: unknown condition \`${k}\`${didYouMean(k, failConditions)} (${failConditions.join(", ")})`);
  if (!list.length) throw new UsageError(`--fail-on needs a list of conditions (${failConditions.join(", ")})`);
  return failConditions.filter((k) => list.includes(k));
}

export function runDiff(args: ParsedArgs, config: Config): number {
  const format = (args.flags.format as string | undefined) ?? "text";
  const formats = ["text", "markdown", "md", "json"];
  if (!formats.includes(format)) throw new UsageError(`unknown format \`${format}\`${didYouMean(format, formats)} (text, markdown, json)`);
  const failOn = parseFailOn(args.flags["fail-on"] as string | undefined);
  const pos = args.positionals;
  if (pos.length > 2) throw new UsageError(`diff compares two sides; ${pos.length} were given (\`${pos.join("` `")}\`)`);
  let base: Side;
  let head: Side;
  if (pos.length === 2 && exists(pos[0]!) && exists(pos[1]!)) {
    if (args.flags.models !== undefined) throw new UsageError("--models chooses the files of a revision; two paths are compared as they are");
    base = pathSide(pos[0]!, config);
    head = pathSide(pos[1]!, config);
  } else {
    if (pos.length === 2 && (exists(pos[0]!) || exists(pos[1]!))) {
      const other = pos[exists(pos[0]!) ? 1 : 0]!;
      throw new InputError(`no such file or directory: ${other} (flowmap diff compares two revisions, or two files or directories)`);
    }
    const top = repositoryTop();
    const modelsPath = (args.flags.models as string | undefined) ?? config.models ?? "models";
    const explicit = typeof args.flags.config === "string";
    const baseRev = pos[0] !== undefined ? revision(pos[0]) : defaultBase();
    const headRev = pos[1] !== undefined ? revision(pos[1]) : undefined;
    base = revisionSide(baseRev, top, modelsPath, config, explicit);
    if (headRev) head = revisionSide(headRev, top, modelsPath, config, explicit);
    else head = checkSide("the working tree", diskFiles(modelsPath, false), nodeHost({ maxFileBytes: config.maxFileBytes }), config);
    if (!base.checked.length && !head.checked.length) throw new InputError(`no .flow files in ${modelsPath} on either side (${base.label}; ${head.label}); --models names where the models are`);
  }
  const report = diffSides(base, head);
  const out = format === "json" ? formatDiffJson(report, failOn) : format === "text" ? formatDiffText(report) : formatDiffMarkdown(report);
  process.stdout.write(out);
  const headBroken = report.models.some((m) => m.notCompared?.includes("head")) || report.head.errors.length > 0;
  if (format !== "text") {
    for (const [name, s] of [["base", report.base], ["head", report.head]] as const) {
      const files = [...new Set(s.errors.map((d) => d.span.file))];
      if (files.length) process.stderr.write(`flowmap diff: the ${name} (${s.label}) does not parse: ${files.join(", ")}; its models are not compared\n`);
    }
  }
  const failed = failOn.filter((k) => report.occurred.includes(k));
  if (failed.length) process.stderr.write(`flowmap diff: ${failed.join(", ")} (--fail-on)\n`);
  return failed.length || headBroken ? 1 : 0;
}
