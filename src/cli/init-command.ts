/** `flowmap init`: a commented starter model and config (never overwritten without --force), the
 *  .gitattributes lines that keep them and out/ byte-stable (appended, never overwritten), and
 *  the next steps. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { ParsedArgs } from "./args.js";
import { configFileName } from "./config.js";
import { displayPath, writeAtomic } from "./files.js";
import { InputError } from "./workspace.js";
import { repositoryUrl, workflowUrl } from "../package-info.js";

export const starterModel = `// A flowmap model: what personal data you handle, why, where it lives and where it goes.
// Check it with \`npx flowmap check\`; render it with \`npx flowmap build\`.

model "Example shop" {
  regime gdpr
  updated "2026-01-01"
}

// Art. 30(1)(a): who is responsible, and how to reach them.
organization example "Example B.V." {
  role controller
  country NL
  contact "privacy@example.com"
}

subject customer "Customers"

// Each data category has a kind; special categories (health, biometric, ...) are known from it.
data email "E-mail address" { kind contact }
data order "Order history" { kind financial }

// A purpose: its Art. 6 basis, whom and what it concerns, and how long data is kept.
purpose orders "Process orders" {
  basis contract
  subjects customer
  data email, order
  retention 7 years "bookkeeping obligations"
}

// Systems: client-side (browser, mobile_app) or server-side, run by you or by a vendor.
system browser "Customer's browser" { kind browser }

system shop "Shop backend" {
  kind server
  operator self
  located NL
  stores email, order for orders
  security "TLS", "encryption at rest", "role-based access"
}

system mailer "Transactional e-mail" {
  kind email
  operator "Mail Vendor Inc." as processor
  located US
  certified dpf
  contract "DPA signed 2026-01-01"
}

flow browser -> shop "Checkout" {
  data email, order
  for orders
}

// Leaves the EEA: the checker computes the transfer and asks for a mechanism.
flow shop -> mailer "Order confirmations" {
  data email
  for orders
  mechanism dpf
}
`;

/** Where the installed package keeps the config's JSON Schema, relative to the package. */
export const configSchemaInPackage = "schemas/config.schema.json";

/** The starter config; `$schema` lets editors complete and check its keys. */
export function starterConfigFor(schemaPath: string): string {
  return `${JSON.stringify(
    {
      $schema: schemaPath,
      rules: { "unused-subject": "warning", "retention-indefinite": "error" },
      maxWarnings: 50,
      models: "models",
      out: "out",
    },
    null,
    2,
  )}\n`;
}

/** The path, relative to `configDir`, of the schema in the nearest node_modules/flowmap above it
 *  (where `npm install --save-dev flowmap` puts it); `./node_modules/flowmap/...` when flowmap is
 *  not installed there yet (`npx flowmap init` before the install). */
export function schemaPathFrom(configDir: string): string {
  for (let dir = resolve(configDir); ; dir = dirname(dir)) {
    const pkg = join(dir, "node_modules", "flowmap");
    if (existsSync(join(pkg, "package.json"))) {
      const rel = relative(resolve(configDir), join(pkg, configSchemaInPackage)).split(sep).join("/");
      return rel.startsWith(".") ? rel : `./${rel}`;
    }
    if (dirname(dir) === dir) return `./node_modules/flowmap/${configSchemaInPackage}`;
  }
}

export const starterConfig = starterConfigFor(`./node_modules/flowmap/${configSchemaInPackage}`);

/** What `build --check` needs of git: models checked out with LF everywhere (findings' columns and
 *  `fmt --check` do not change with the platform), and out/ byte for byte as flowmap wrote it (no
 *  end-of-line conversion; the register's CSV rows end in CRLF, as RFC 4180 has them). */
export const gitattributesLines = ["*.flow text eol=lf", "out/** -text"];
const gitattributesHeader = "# flowmap: models with LF line ends, out/ byte for byte as `flowmap build` writes it (build --check compares bytes)";

/** The existing .gitattributes (or none) with flowmap's lines that it lacks appended; undefined
 *  when it has them all. A line counts as present when it says the same, spacing aside. */
export function withGitattributes(existing: string | undefined): { text: string; added: string[] } | undefined {
  const normal = (line: string) => line.trim().split(/\s+/).join(" ");
  const have = new Set((existing ?? "").split(/\r?\n/).map(normal));
  const added = gitattributesLines.filter((line) => !have.has(normal(line)));
  if (!added.length) return undefined;
  const eol = existing?.includes("\r\n") ? "\r\n" : "\n";
  const base = !existing ? "" : existing.endsWith("\n") ? `${existing}${eol}` : `${existing}${eol}${eol}`;
  return { text: [`${base}${gitattributesHeader}`, ...added, ""].join(eol), added };
}

/** What to do after `init`, numbered; `dir` is where init wrote. */
export function nextSteps(dir: string): string {
  const steps = [
    ...(dir === "." ? [] : [`cd ${dir}`]),
    `Describe your service in models/example.flow\n     (the language: ${repositoryUrl}/blob/main/grammar/README.md).`,
    "npx flowmap check    the findings, like a compiler (exit 1 on errors)",
    "npx flowmap build    the maps and Art. 30 registers, into out/",
    "Commit models/, flowmap.config.json, .gitattributes and out/.",
    `In CI: copy ${workflowUrl}\n     to .github/workflows/flowmap.yml (PR annotations, SARIF upload, build --check).`,
  ];
  return `\nNext steps:\n${steps.map((s, i) => `  ${i + 1}. ${s}\n`).join("")}`;
}

export function runInit(args: ParsedArgs): number {
  const dir = args.positionals[0] ?? ".";
  const files: Array<[string, string]> = [
    [join(dir, "models", "example.flow"), starterModel],
    [join(dir, configFileName), starterConfigFor(schemaPathFrom(dir))],
  ];
  const existing = files.filter(([p]) => existsSync(p)).map(([p]) => displayPath(p));
  if (existing.length && !args.flags.force) throw new InputError(`${existing.join(", ")} already exist${existing.length === 1 ? "s" : ""}; use --force to overwrite`);
  const attributesPath = join(dir, ".gitattributes");
  const attributesBefore = existsSync(attributesPath) ? readFileSync(attributesPath, "utf8") : undefined;
  const attributes = withGitattributes(attributesBefore);
  for (const [p, content] of files) {
    writeAtomic(p, content);
    process.stdout.write(`wrote ${displayPath(p)}\n`);
  }
  if (!attributes) process.stdout.write(`kept ${displayPath(attributesPath)} (it has flowmap's lines)\n`);
  else {
    writeAtomic(attributesPath, attributes.text);
    process.stdout.write(attributesBefore === undefined ? `wrote ${displayPath(attributesPath)}\n` : `added to ${displayPath(attributesPath)}: ${attributes.added.join(", ")}\n`);
  }
  process.stdout.write(nextSteps(dir));
  return 0;
}
