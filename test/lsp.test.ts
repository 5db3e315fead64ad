// flowmap lsp, spawned as editors start it and driven over JSON-RPC on stdio: the diagnostics are
// check's (codes, places, severities, related places, config overrides, suppressions), and every
// request answers from the same analysis.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { cli, LspSession, uri, type PublishedDiagnostic } from "./lsp-client.js";
import { formatSource } from "../src/cli/fmt-command.js";

const root = resolve(".");
let dir: string;
let s: LspSession;

const library = `// shared vendors
system mailer "Mail Vendor" {
  kind email
  operator "Mail Vendor Inc." as processor
  located US
  contract "DPA 2026"
}
`;

const shop = `import "../shared/vendors.flow"

organization shop "Shop B.V." {
  role controller
  country NL
  contact "privacy@shop.example"
}

subject customer "Customers"
data email "E-mail address" { kind contact }
data diagnosis "Diagnosis" { kind health }

purpose orders "Process orders" {
  basis contract
  subjects customer
  data email
}

system browser "Browser" { kind browser }

system backend "Backend" {
  kind server
  operator self
  located NL
  stores email for orders retention 30 days
  security "TLS"
}

flow browser -> backend "Checkout" {
  data email
  for orders
}

flow backend -> mailer "Confirmations" {
  data email
  for orders
}
`;

const at = (text: string, needle: string, delta = 0, nth = 0) => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  if (i < 0) throw new Error(`no ${needle}`);
  const before = text.slice(0, i + delta);
  const line = before.split("\n").length - 1;
  return { line, character: before.length - before.lastIndexOf("\n") - 1 };
};
const doc = (rel: string) => ({ textDocument: { uri: uri(dir, rel) } });

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, "scripts/bundle.mjs")]);
  dir = mkdtempSync(join(tmpdir(), "flowmap-lsp-"));
  mkdirSync(join(dir, "models"));
  mkdirSync(join(dir, "shared"));
  writeFileSync(join(dir, "shared/vendors.flow"), library);
  writeFileSync(join(dir, "models/shop.flow"), shop);
  cpSync(join(root, "models/cieloweb.flow"), join(dir, "models/cieloweb.flow"));
  writeFileSync(join(dir, "flowmap.config.json"), JSON.stringify({ rules: { "unused-data": "info", "storage-without-security": "off" } }));
  s = new LspSession(dir);
  await s.initialize();
});

afterAll(async () => {
  const code = await s?.shutdown();
  expect(code).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

/** `check --format json` in the workspace: what the editor must show. */
function checked(): Array<{ code: string; severity: string; file: string; line: number; column: number; related: unknown[] }> {
  const r = spawnSync(process.execPath, [cli, "check", "--format", "json", "models", "shared"], { cwd: dir, encoding: "utf8" });
  return JSON.parse(r.stdout).diagnostics;
}
const severityNumber = { error: 1, warning: 2, info: 3 } as const;
const summary = (list: PublishedDiagnostic[]) => list.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code}`).sort();

describe("diagnostics", () => {
  it("are check's findings for every file of the workspace, with the config's overrides", async () => {
    await s.open("models/shop.flow", shop);
    await s.until(() => !!s.diagnosticsOf("models/shop.flow") && !!s.diagnosticsOf("models/cieloweb.flow"));
    const expected = checked();
    expect(expected.length).toBeGreaterThan(3);
    for (const file of ["models/shop.flow", "models/cieloweb.flow"]) {
      const want = expected.filter((d) => d.file === file).map((d) => `${d.line}:${d.column} ${severityNumber[d.severity as keyof typeof severityNumber]} ${d.code}`).sort();
      expect(summary(s.diagnosticsOf(file)!)).toEqual(want);
    }
    const shopDiagnostics = s.diagnosticsOf("models/shop.flow")!;
    // The config: unused-data is info (Information = 3), storage-without-security is off.
    const unused = shopDiagnostics.find((d) => d.code === "unused-data")!;
    expect(unused.severity).toBe(3);
    expect(unused.message).toContain("diagnosis");
    expect(shopDiagnostics.some((d) => d.code === "storage-without-security")).toBe(false);
    // A transfer to the US library system: the rule's docs page, and the help line.
    const transfer = shopDiagnostics.find((d) => d.code === "transfer-without-mechanism")!;
    expect(transfer.severity).toBe(1);
    expect(transfer.codeDescription?.href).toMatch(/docs\/rules\/transfer-without-mechanism\.md$/);
    expect(transfer.message).toContain("help: ");
  });

  it("carry related places, in other files too", async () => {
    const withRelated = checked().filter((d) => d.related.length);
    expect(withRelated.length).toBeGreaterThan(0);
    for (const d of withRelated) {
      const published = s.diagnosticsOf(d.file)!.find((p) => p.code === d.code && p.range.start.line === d.line - 1);
      expect(published?.relatedInformation?.length).toBe(d.related.length);
    }
  });

  it("follow the text as it is typed: a syntax error, then fixed, then cleared", async () => {
    const broken = shop.replace('data email "E-mail address" { kind contact }', 'data email "E-mail address" { kind contact');
    await s.change("models/shop.flow", broken);
    await s.until(() => !!s.diagnosticsOf("models/shop.flow")?.some((d) => d.code === "syntax-error"));
    const syntax = s.diagnosticsOf("models/shop.flow")!.filter((d) => d.code === "syntax-error");
    expect(syntax[0]!.severity).toBe(1);
    // A clean library: nothing to show; with an error in it, shown on its own file, then cleared.
    await s.open("shared/vendors.flow", library.replace("located US", "located USA"));
    await s.until(() => !!s.diagnosticsOf("shared/vendors.flow")?.some((d) => d.code === "invalid-country"));
    await s.change("shared/vendors.flow", library);
    await s.change("models/shop.flow", shop);
    await s.until(() => s.diagnosticsOf("shared/vendors.flow")?.length === 0 && !s.diagnosticsOf("models/shop.flow")!.some((d) => d.code === "syntax-error"));
  });

  it("are debounced: a burst of edits is checked once, on the last text", async () => {
    const u = uri(dir, "models/shop.flow");
    const before = s.publications.get(u) ?? 0;
    const typed = ["z", "zz", "zzz", "zzzz", "zzzzz"].map((name) => `subject ${name} "Z"`);
    for (const t of typed) void s.change("models/shop.flow", `${shop}${t}\n`);
    await s.until(() => (s.publications.get(u) ?? 0) > before);
    await new Promise((r) => setTimeout(r, 600));
    expect((s.publications.get(u) ?? 0) - before).toBeLessThan(typed.length);
    // What is shown is the last text's: its subject is the unused one.
    const unused = s.diagnosticsOf("models/shop.flow")!.filter((d) => d.code === "unused-subject").map((d) => d.message);
    expect(unused.join("\n")).toContain("`zzzzz`");
    expect(unused.join("\n")).not.toContain("`zzzz`");
    await s.change("models/shop.flow", shop);
    await s.until(() => !s.diagnosticsOf("models/shop.flow")!.some((d) => d.code === "unused-subject"));
  });

  it("leave out what a suppression accepts, and report one that is unused", async () => {
    const suppressed = shop.replace('flow backend -> mailer "Confirmations" {', '// flowmap-ignore transfer-without-mechanism: the DPA names SCCs, modelled next sprint\nflow backend -> mailer "Confirmations" {');
    await s.change("models/shop.flow", suppressed);
    await s.until(() => !s.diagnosticsOf("models/shop.flow")!.some((d) => d.code === "transfer-without-mechanism"));
    const onComment = await hover("models/shop.flow", at(suppressed, "flowmap-ignore transfer", 3));
    expect(onComment?.contents.value).toContain("Accepts 1 finding");
    expect(onComment?.contents.value).toContain("transfer-without-mechanism");
    const misplaced = `${shop}// flowmap-ignore retention-missing: nothing here\n`;
    await s.change("models/shop.flow", misplaced);
    await s.until(() => !!s.diagnosticsOf("models/shop.flow")!.some((d) => d.code === "unused-suppression"));
    await s.change("models/shop.flow", shop);
    await s.until(() => !s.diagnosticsOf("models/shop.flow")!.some((d) => d.code === "unused-suppression"));
  });
});

type Hover = { contents: { kind: string; value: string } } | null;
const hover = (rel: string, position: { line: number; character: number }) => s.request<Hover>("textDocument/hover", { ...doc(rel), position });

describe("hover", () => {
  it("on a finding: the rule's title, article and help", async () => {
    const h = await hover("models/shop.flow", at(shop, "-> mailer", 4));
    expect(h?.contents.value).toContain("transfer-without-mechanism");
    expect(h?.contents.value).toContain("A transfer to a third country rests on nothing");
    expect(h?.contents.value).toContain("GDPR Art. 44");
    expect(h?.contents.value).toContain("help:");
  });

  it("on a data kind: special category or not", async () => {
    expect((await hover("models/shop.flow", at(shop, "kind health", 6)))?.contents.value).toMatch(/health data[\s\S]*special category/);
    expect((await hover("models/shop.flow", at(shop, "kind contact", 6)))?.contents.value).toContain("not a special category");
  });

  it("on a country: its zone, and its adequacy decision with the date", async () => {
    const us = await hover("shared/vendors.flow", at(library, "located US", 9));
    expect(us?.contents.value).toContain("Decision (EU) 2023/1795");
    expect(us?.contents.value).toContain("since 2023-07");
    expect(us?.contents.value).toContain("dpf");
    expect((await hover("models/shop.flow", at(shop, "country NL", 9)))?.contents.value).toContain("In the EEA");
  });

  it("on a declared name and on a reference: the title, where it is declared, how often it is used", async () => {
    const decl = await hover("models/shop.flow", at(shop, 'data email', 6));
    expect(decl?.contents.value).toContain("E-mail address");
    expect(decl?.contents.value).toContain("declared at models/shop.flow:10:6");
    expect(decl?.contents.value).toContain("used 4 times");
    const ref = await hover("models/shop.flow", at(shop, "-> mailer", 4));
    expect(ref?.contents.value).toContain("Mail Vendor");
    expect(ref?.contents.value).toContain("declared at shared/vendors.flow:2:8");
  });
});

type Item = { label: string; detail?: string };
async function complete(text: string, offsetText: string, delta: number): Promise<string[]> {
  await s.change("models/shop.flow", text);
  const items = await s.request<Item[]>("textDocument/completion", { ...doc("models/shop.flow"), position: at(text, offsetText, delta) });
  return items.map((i) => i.label);
}

describe("completion by context", () => {
  const cases: Array<[string, string, string, number, string[], string[]]> = [
    ["top level", `${shop}\n`, `${shop}\n`, shop.length + 1, ["flow", "system", "purpose", "import"], ["basis"]],
    ["a data kind", shop.replace("{ kind health }", "{ kind  }"), "{ kind  }", 7, ["health", "contact", "biometric"], ["server"]],
    ["a system kind", shop.replace("kind server", "kind "), "  kind \n  operator self", 7, ["server", "saas", "browser"], ["health"]],
    ["a basis", shop.replace("basis contract", "basis "), "basis \n", 6, ["contract", "consent", "legitimate_interests"], ["email"]],
    ["data after `data`", shop.replace("  data email\n  for orders\n}\n\nflow backend", "  data \n  for orders\n}\n\nflow backend"), "  data \n  for orders", 7, ["email", "diagnosis"], ["orders", "customer"]],
    ["purposes after `for`", shop.replace("  for orders\n}\n\nflow backend", "  for \n}\n\nflow backend"), "  for \n}", 6, ["orders"], ["email"]],
    ["systems in `flow a -> b`", shop.replace("flow browser -> backend", "flow browser -> "), "flow browser -> ", 16, ["backend", "browser", "mailer"], ["email"]],
    ["purposes after `stores ... for`", shop.replace("stores email for orders retention 30 days", "stores email for "), "stores email for ", 17, ["orders"], ["email"]],
    ["a country", shop.replace("country NL", "country "), "country \n", 8, ["NL", "US", "DE"], ["anywhere"]],
    ["a location", library.replace("located US", "located "), "located \n", 8, ["US", "anywhere", "unspecified"], []],
    ["a mechanism", shop.replace("  for orders\n}\n\nflow backend", "  for orders\n  mechanism \n}\n\nflow backend"), "mechanism \n", 10, ["scc", "dpf", "derogation", "adequacy"], ["email"]],
    ["an SCC module", shop.replace("  for orders\n}\n\nflow backend", "  for orders\n  mechanism scc \n}\n\nflow backend"), "mechanism scc \n", 14, ["c2p", "p2p"], ["dpf"]],
    ["a purpose's properties", shop.replace("  data email\n}\n\nsystem browser", "  data email\n  \n}\n\nsystem browser"), "  data email\n  \n}\n\nsystem browser", 15, ["retention", "condition", "law"], ["basis", "located", "stores"]],
    ["an operator's role after `as`", library.replace("as processor", "as "), 'Inc." as ', 9, ["processor", "subprocessor"], []],
    ["a retention word", shop.replace("retention 30 days", "retention "), "retention \n", 10, ["unspecified", "session", "until"], []],
  ];
  for (const [what, text, needle, delta, want, notWant] of cases) {
    it(what, async () => {
      const labels = text.startsWith("// shared")
        ? await (async () => {
          await s.change("shared/vendors.flow", text);
          const items = await s.request<Item[]>("textDocument/completion", { ...doc("shared/vendors.flow"), position: at(text, needle, delta) });
          return items.map((i) => i.label);
        })()
        : needle === `${shop}\n` ? await (async () => {
          await s.change("models/shop.flow", text);
          const lines = text.split("\n");
          const items = await s.request<Item[]>("textDocument/completion", { ...doc("models/shop.flow"), position: { line: lines.length - 1, character: 0 } });
          return items.map((i) => i.label);
        })() : await complete(text, needle, delta);
      for (const w of want) expect(labels, `${what}: ${w}`).toContain(w);
      for (const w of notWant) expect(labels, `${what}: not ${w}`).not.toContain(w);
    });
  }
  it("catalogue ids after `from` in a system's header, and their facts on hover", async () => {
    await s.change("shared/vendors.flow", library);
    const text = `${shop}\nsystem pay "Payments" from stripe\n`;
    await s.change("models/shop.flow", text);
    const items = await s.request<Item[]>("textDocument/completion", { ...doc("models/shop.flow"), position: at(text, "from stripe", 5) });
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(["stripe", "google_analytics", "aws"]));
    expect(items.find((i) => i.label === "stripe")?.detail).toMatch(/Stripe/);
    const h = await hover("models/shop.flow", at(text, "from stripe", 7));
    expect(h?.contents.value).toMatch(/\*\*stripe\*\*: Stripe[\s\S]*as of \d{4}-\d{2}-\d{2}/);
    expect(h?.contents.value).toContain("flowmap vendors stripe");
  });

  it("a team's own vendor entries after `from`, first, and definition and rename through them", async () => {
    const vendor = 'vendor paynord "Paynord Payments" {\n  kind payment\n  operator "Paynord AB" in SE\n  located SE\n  as_of "2026-11-01"\n  source "https://paynord.example/dpa"\n}\n';
    const text = `${shop}\n${vendor}\nsystem pay "Payments" from paynord\n`;
    const before = s.publications.get(uri(dir, "models/shop.flow")) ?? 0;
    await s.change("models/shop.flow", text);
    // Completion takes the names of the last check (typing does not wait for one): let it run.
    await s.until(() => (s.publications.get(uri(dir, "models/shop.flow")) ?? 0) > before);
    const items = await s.request<Item[]>("textDocument/completion", { ...doc("models/shop.flow"), position: at(text, "from paynord", 5) });
    expect(items[0]?.label).toBe("paynord");
    expect(items.map((i) => i.label)).toContain("stripe");
    const defs = await s.request<Location[]>("textDocument/definition", { ...doc("models/shop.flow"), position: at(text, "from paynord", 7) });
    expect(defs.map((d) => d.range.start)).toEqual([at(text, "vendor paynord", 7)]);
    const edit = await s.request<{ changes: Record<string, Array<{ newText: string }>> }>("textDocument/rename", { ...doc("models/shop.flow"), position: at(text, "vendor paynord", 7), newName: "nordpay" });
    expect(edit.changes[uri(dir, "models/shop.flow")]!.map((e) => e.newText)).toEqual(["nordpay", "nordpay"]);
    await s.change("models/shop.flow", shop);
  });

  it("nothing inside a string or a comment", async () => {
    expect(await complete(shop, '"Shop B.V."', 3)).toEqual([]);
    expect(await complete(`${shop}// a comm`, "// a comm", 6)).toEqual([]);
    await s.change("models/shop.flow", shop);
    await s.change("shared/vendors.flow", library);
  });
});

type Location = { uri: string; range: { start: { line: number; character: number } } };
describe("navigation and rename", () => {
  it("goes to a definition in another file", async () => {
    const defs = await s.request<Location[]>("textDocument/definition", { ...doc("models/shop.flow"), position: at(shop, "-> mailer", 4) });
    expect(defs).toEqual([{ uri: uri(dir, "shared/vendors.flow"), range: { start: { line: 1, character: 7 }, end: { line: 1, character: 13 } } }]);
  });

  it("goes from an import to the file it loads", async () => {
    const defs = await s.request<Location[]>("textDocument/definition", { ...doc("models/shop.flow"), position: at(shop, "../shared", 3) });
    expect(defs.map((d) => d.uri)).toEqual([uri(dir, "shared/vendors.flow")]);
  });

  it("finds every reference", async () => {
    const refs = await s.request<Location[]>("textDocument/references", { ...doc("models/shop.flow"), position: at(shop, "data email", 6), context: { includeDeclaration: true } });
    expect(refs.length).toBe(5);
    expect(new Set(refs.map((r) => r.uri))).toEqual(new Set([uri(dir, "models/shop.flow")]));
  });

  it("renames across two files (the model and the library it imports)", async () => {
    const prep = await s.request<{ placeholder: string } | null>("textDocument/prepareRename", { ...doc("shared/vendors.flow"), position: at(library, "mailer", 2) });
    expect(prep?.placeholder).toBe("mailer");
    const edit = await s.request<{ changes: Record<string, Array<{ newText: string; range: Location["range"] }>> }>("textDocument/rename", { ...doc("shared/vendors.flow"), position: at(library, "mailer", 2), newName: "postman" });
    expect(Object.keys(edit.changes).sort()).toEqual([uri(dir, "models/shop.flow"), uri(dir, "shared/vendors.flow")].sort());
    expect(edit.changes[uri(dir, "models/shop.flow")]!.map((e) => e.newText)).toEqual(["postman"]);
    expect(edit.changes[uri(dir, "models/shop.flow")]![0]!.range.start).toEqual(at(shop, "-> mailer", 3));
    await expect(s.request("textDocument/rename", { ...doc("shared/vendors.flow"), position: at(library, "mailer", 2), newName: "backend" })).rejects.toThrow(/already declared/);
    await expect(s.request("textDocument/rename", { ...doc("shared/vendors.flow"), position: at(library, "mailer", 2), newName: "two words" })).rejects.toThrow(/not a name/);
  });

  it("marks declared names and references by what they name (semantic tokens)", async () => {
    await s.change("models/shop.flow", shop);
    const { data } = await s.request<{ data: number[] }>("textDocument/semanticTokens/full", doc("models/shop.flow"));
    const legend = ["namespace", "type", "variable", "function", "class"];
    const tokens: string[] = [];
    const lines = shop.split("\n");
    for (let i = 0, line = 0, ch = 0; i < data.length; i += 5) {
      line += data[i]!;
      ch = data[i]! === 0 ? ch + data[i + 1]! : data[i + 1]!;
      tokens.push(`${lines[line]!.slice(ch, ch + data[i + 2]!)}:${legend[data[i + 3]!]}${data[i + 4] ? "*" : ""}`);
    }
    expect(tokens.slice(0, 5)).toEqual(["shop:namespace*", "customer:type*", "email:variable*", "diagnosis:variable*", "orders:function*"]);
    expect(tokens).toContain("mailer:class");
    expect(tokens.filter((t) => t === "email:variable")).toHaveLength(4);
  });

  it("lists the document's declarations and the workspace's", async () => {
    const symbols = await s.request<Array<{ name: string }>>("textDocument/documentSymbol", doc("models/shop.flow"));
    expect(symbols.map((x) => x.name)).toEqual(['import ../shared/vendors.flow', "shop", "customer", "email", "diagnosis", "orders", "browser", "backend", "browser -> backend", "backend -> mailer"]);
    const found = await s.request<Array<{ name: string; location: Location }>>("workspace/symbol", { query: "mail" });
    expect(found.map((x) => x.name)).toContain("mailer");
    expect(found.map((x) => x.name)).toContain("email");
  });
});

describe("formatting and code actions", () => {
  it("formats as fmt does, and not a file that does not parse", async () => {
    const messy = shop.replace("  basis contract\n", "      basis    contract\n\n\n");
    await s.change("models/shop.flow", messy);
    const edits = await s.request<Array<{ newText: string }>>("textDocument/formatting", { ...doc("models/shop.flow"), options: { tabSize: 2, insertSpaces: true } });
    expect(edits.length).toBe(1);
    expect(edits[0]!.newText).toBe(formatSource("models/shop.flow", messy).formatted);
    expect(edits[0]!.newText).toContain("\n  basis contract\n");
    await s.change("models/shop.flow", `${shop}flow {`);
    expect(await s.request("textDocument/formatting", { ...doc("models/shop.flow"), options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
  });

  type Action = { title: string; edit: { changes: Record<string, Array<{ newText: string; range: Location["range"] }>> } };
  const actions = async (text: string, needle: string, delta = 0) => {
    await s.change("models/shop.flow", text);
    const p = at(text, needle, delta);
    return s.request<Action[]>("textDocument/codeAction", { ...doc("models/shop.flow"), range: { start: p, end: p }, context: { diagnostics: [] } });
  };
  const apply = (text: string, a: Action) => {
    const lines = text.split("\n");
    const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    const edits = [...a.edit.changes[uri(dir, "models/shop.flow")]!].sort((x, y) => offset(y.range.start) - offset(x.range.start));
    let out = text;
    for (const e of edits) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset((e.range as unknown as { end: Location["range"]["start"] }).end));
    return out;
  };

  it("replaces a misspelt name with the one it meant", async () => {
    const typo = shop.replace("  data email\n  for orders\n}\n\nflow backend", "  data emial\n  for orders\n}\n\nflow backend");
    const list = await actions(typo, "emial");
    const fix = list.find((a) => a.title.includes("`email`"))!;
    expect(fix).toBeDefined();
    expect(apply(typo, fix)).toBe(shop);
  });

  it("adds the mechanism the hint names, or a suppression with a reason placeholder", async () => {
    const list = await actions(shop, "-> mailer", 4);
    const mech = list.find((a) => a.title.startsWith("Add `mechanism"))!;
    expect(mech.title).toBe("Add `mechanism scc c2p`");
    const fixed = apply(shop, mech);
    expect(fixed).toContain("  for orders\n  mechanism scc c2p\n}");
    const suppress = list.find((a) => a.title.includes("flowmap-ignore transfer-without-mechanism"))!;
    const accepted = apply(shop, suppress);
    expect(accepted).toContain("// flowmap-ignore transfer-without-mechanism: <why this is acceptable>\nflow backend -> mailer");
    // Both read: the suppression is accepted by the checker (the finding is gone, nothing unused).
    for (const text of [fixed, accepted]) {
      await s.change("models/shop.flow", text);
      await s.until(() => !s.diagnosticsOf("models/shop.flow")!.some((d) => d.code === "transfer-without-mechanism" || d.code === "syntax-error" || d.code === "unused-suppression"));
    }
  });

  it("replaces a ground that fails with the one the hint names", async () => {
    const i = shop.lastIndexOf("  for orders\n}");
    const text = `${shop.slice(0, i)}  for orders\n  mechanism adequacy\n}${shop.slice(i + "  for orders\n}".length)}`;
    const list = await actions(text, "mechanism adequacy", 3);
    const replace = list.find((a) => a.title === "Replace `mechanism adequacy` with `mechanism scc c2p`")!;
    expect(replace).toBeDefined();
    const fixed = apply(text, replace);
    expect(fixed).toBe(`${shop.slice(0, i)}  for orders\n  mechanism scc c2p\n}${shop.slice(i + "  for orders\n}".length)}`);
    await s.change("models/shop.flow", fixed);
    await s.until(() => !s.diagnosticsOf("models/shop.flow")!.some((d) => /adequacy-not-available|transfer-without-mechanism|syntax-error/.test(String(d.code))));
  });

  it("adds `retention unspecified` to a purpose that states none", async () => {
    const text = shop;
    const list = await actions(text, "purpose orders", 9);
    const add = list.find((a) => a.title.startsWith("Add `retention unspecified`"))!;
    expect(apply(text, add)).toContain('  data email\n  retention unspecified "<the policy\'s words>"\n}');
    await s.change("models/shop.flow", shop);
  });
});
