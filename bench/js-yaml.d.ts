// Minimal types for the two js-yaml 4.1.0 functions the harness uses (no @types/js-yaml dependency).
declare module "js-yaml" {
  export function load(text: string): unknown;
  export function dump(value: unknown, options?: { noRefs?: boolean; lineWidth?: number }): string;
  const yaml: { load: typeof load; dump: typeof dump };
  export default yaml;
}
