/** A string literal's value: the text between its quotes, with `\n`, `\t` and `\<any>` escapes resolved. */
export function unquote(image: string): string {
  if (image.length < 2) return image;
  return image.slice(1, -1).replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c));
}
