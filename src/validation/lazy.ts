/** How the zod-backed schemas are reached, without importing zod: a loader registered once
 *  (src/validation/register.ts by default; the bundled CLI registers a `require` of the separately
 *  bundled schemas instead, src/cli/bin.ts), run on the first use. */
export type Schemas = typeof import("./schemas.js");

let load: (() => Schemas) | undefined;
let loaded: Schemas | undefined;

/** Registers how to get the schemas; `get` runs once, on the first use. */
export function useSchemas(get: () => Schemas): void {
  load = get;
  loaded = undefined;
}

/** The schemas, loaded on first use. */
export function schemas(): Schemas {
  if (!loaded) {
    // A wiring bug, not a user's mistake: the modules that validate import register.ts.
    if (!load) throw new Error("no schemas registered: import src/validation/register.ts, or call useSchemas");
    loaded = load();
  }
  return loaded;
}
