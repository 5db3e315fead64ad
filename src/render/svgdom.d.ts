/** The slice of svgdom's API the renderer uses (the package ships no types). */
declare module "svgdom" {
  export function createSVGWindow(): { document: Document };
}
