#!/usr/bin/env node
// Runs the bundled CLI, bundling it first on a checkout where `npm start` has not run yet.
import { existsSync } from "node:fs";

const dist = new URL("../dist/flowmap.mjs", import.meta.url);
if (!existsSync(dist)) await import("../scripts/bundle.mjs");
await import(dist.href);
