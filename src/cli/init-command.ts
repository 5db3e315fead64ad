/** `flowmap init`: a commented starter model and config; never overwrites without --force. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { ParsedArgs } from "./args.js";
import { configFileName } from "./config.js";
import { displayPath, writeAtomic } from "./files.js";
import { InputError } from "./workspace.js";

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

export const starterConfig = `${JSON.stringify(
  {
    rules: { "unused-subject": "warning", "retention-indefinite": "error" },
    maxWarnings: 50,
    models: "models",
    out: "out",
  },
  null,
  2,
)}\n`;

export function runInit(args: ParsedArgs): number {
  const dir = args.positionals[0] ?? ".";
  const files: Array<[string, string]> = [
    [join(dir, "models", "example.flow"), starterModel],
    [join(dir, configFileName), starterConfig],
  ];
  const existing = files.filter(([p]) => existsSync(p)).map(([p]) => displayPath(p));
  if (existing.length && !args.flags.force) throw new InputError(`${existing.join(", ")} already exist${existing.length === 1 ? "s" : ""}; use --force to overwrite`);
  for (const [p, content] of files) {
    writeAtomic(p, content);
    process.stdout.write(`wrote ${displayPath(p)}\n`);
  }
  process.stdout.write(`next: ${dir === "." ? "" : `cd ${dir} && `}npx flowmap check && npx flowmap build\n`);
  return 0;
}
