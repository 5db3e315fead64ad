/** Bytes -> text. A `.flow` file is UTF-8, with or without a byte-order mark. Anything else is
 *  named (UTF-16, or the first byte that is not UTF-8, by line and column) instead of being read
 *  with replacement characters: a command that rewrote such a file would destroy its bytes. Pure. */

export type Decoded =
  | { ok: true; text: string; bom: boolean }
  | {
      ok: false;
      /** The text as far as it could be read (replacement characters for bad bytes), for a code frame. */
      text: string;
      /** Offset in `text` of the first character that could not be read. */
      offset: number;
      message: string;
      help: string;
    };

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lossy = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

export function decodeSource(bytes: Uint8Array): Decoded {
  const utf16 = utf16Kind(bytes);
  if (utf16) {
    return {
      ok: false, text: "", offset: 0,
      message: `the file is UTF-16 (${utf16}); .flow files are UTF-8`,
      help: "save it as UTF-8 (in most editors: Save with Encoding > UTF-8)",
    };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { ok: true, text: utf8.decode(body), bom };
  } catch {
    const bad = firstInvalidByte(body);
    const offset = lossy.decode(body.subarray(0, bad)).length;
    const byte = body[bad] ?? 0;
    const latin1 = byte >= 0xa0 || (byte >= 0x80 && byte < 0xa0);
    return {
      ok: false,
      text: lossy.decode(body),
      offset,
      message: `byte 0x${byte.toString(16).toUpperCase().padStart(2, "0")} is not UTF-8${latin1 ? " (the file looks like Latin-1 or Windows-1252)" : ""}`,
      help: "save the file as UTF-8; flowmap does not rewrite a file it cannot decode",
    };
  }
}

/** "LE" / "BE" when the bytes are UTF-16: by byte-order mark, or by NUL bytes in every other
 *  position of the first characters (ASCII text in UTF-16 without a mark). */
function utf16Kind(bytes: Uint8Array): "LE" | "BE" | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return "LE";
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return "BE";
  const n = Math.min(bytes.length & ~1, 64);
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul === pairs && evenNul === 0) return "LE";
  if (evenNul === pairs && oddNul === 0) return "BE";
  return undefined;
}

/** Index of the first byte that does not begin or continue a well-formed UTF-8 sequence
 *  (the WHATWG decoder's rules: no overlongs, no surrogates, nothing above U+10FFFF). */
export function firstInvalidByte(b: Uint8Array): number {
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const x = b[i + k];
      if (x === undefined) return i;
      if (k === 1 ? x < lo || x > hi : x < 0x80 || x > 0xbf) return i;
    }
    i += need + 1;
  }
  return n;
}
