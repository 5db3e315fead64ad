// Writes the generated docs (grammar reference, rule pages). Run: npx tsx scripts/gen-docs.ts
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generatedDocs } from "../src/docs/generate.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const read = (p: string) => readFileSync(join(root, p), "utf8");
const docs = generatedDocs({ readme: read("README.md"), modelsReadme: read("models/README.md"), model: (name) => read(`models/${name}.flow`) });
for (const [path, content] of docs) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}
console.log(`wrote ${docs.size} files`);
