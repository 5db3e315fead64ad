/** The policy's words in a finding's message: quoted, and cut to a readable length (the span and the
 *  code frame show them whole). */

/** `text`, cut to `max` characters with "..." when longer. */
export function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** ` ("the policy's words")`, or "" when there are none. */
export function quotedWords(text: string | undefined, max = 80): string {
  return text ? ` ("${clip(text, max)}")` : "";
}
