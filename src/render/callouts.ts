/** The numbered markers' geometry, shared by the graph (which reserves room for them in a label)
 *  and the layout (which places them). */
import { advanceWidth } from "./measure.js";
import type { Callout } from "./types.js";

export const calloutRadius = 9;
export const calloutGap = 3;

export function calloutText(c: Callout): string {
  return c.text ?? String(c.number);
}

/** A circle for one or two digits, a pill for more. */
export function calloutWidth(c: Callout): number {
  return Math.max(2 * calloutRadius, Math.ceil(advanceWidth(calloutText(c), 10.5, true) + 10));
}

export function calloutsWidth(list: Callout[]): number {
  return list.reduce((w, c) => w + calloutWidth(c) + calloutGap, list.length ? 3 : 0);
}

/** Numbers as ranges: [4, 5, 6, 7, 9] -> "4–7, 9". */
export function ranges(numbers: number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}\u2013${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(", ");
}
