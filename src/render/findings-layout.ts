/** Where the findings list goes: in balanced columns beside the map, beside the narrow rows at the
 *  end of a wrapped map, under it, or partly beside the narrow rows and partly under the map (as a
 *  newspaper column runs round a picture), wherever the whole drawing prints largest on a landscape
 *  page. The list is the part of a big map that a page cannot shrink away: on banzaicloud it is as
 *  tall as the map, and set under the map alone it made the drawing 2,118 x 1,518 px (5 px text on
 *  A4). Geometry only, pure: layout.ts places the text. */

/** One text column of the list, with the list's frame padding (12 px left, 30 px right). */
export const columnWidth = 410;
const framePadLeft = 12;
const gap = 36;
/** A list set in several frames reads less easily than one: worth it for a real gain only. */
const splitGain = 1.02;

/** A row of the map (or the whole map), in page coordinates. */
export interface Band {
  top: number;
  bottom: number;
  right: number;
}

export interface ListArea {
  /** What the map covers, row by row; a column beside a row starts clear of it. */
  bands: Band[];
  /** The map's left edge, and its top (under the header). */
  left: number;
  top: number;
  /** The header's right edge and the page's top: a column clear of the header may start there. */
  headerRight: number;
  pageTop: number;
  /** The drawing's extent without the list (the header and the legend's minimum width included). */
  mapRight: number;
  mapBottom: number;
  /** The frame's title line, above each frame's first entry. */
  titleHeight: number;
}

export interface ListColumn {
  /** Where the column's entries start (the text's left edge, the first entry's top). */
  x: number;
  y: number;
  entries: number[];
}

export interface ListPlan {
  /** The list's frames, in reading order; the first carries the list's title. */
  frames: { x: number; y: number; width: number; height: number }[];
  columns: ListColumn[];
}

type Size = { width: number; height: number };

/** The plan whose drawing prints largest (`scale` of the drawing's size, `sizeOf` the drawing with
 *  the list reaching `right` and `bottom`); on equal scales, the smaller drawing. */
export function planFindingsList(heights: number[], area: ListArea, sizeOf: (right: number, bottom: number) => Size, scale: (s: Size) => number): ListPlan | undefined {
  if (!heights.length) return undefined;
  let best: { plan: ListPlan; scale: number; area: number } | undefined;
  const consider = (plan: ListPlan) => {
    const right = Math.max(area.mapRight, ...plan.frames.map((f) => f.x + f.width));
    const bottom = Math.max(area.mapBottom, ...plan.frames.map((f) => f.y + f.height));
    const size = sizeOf(right, bottom);
    const s = scale(size) / (plan.frames.length > 1 ? splitGain : 1);
    const a = size.width * size.height;
    if (!best || s > best.scale + 1e-6 || (s > best.scale - 1e-6 && a < best.area)) best = { plan, scale: s, area: a };
  };
  // Under the map, left-aligned, the frame spanning the map.
  for (let n = 1; n <= 6 && n <= heights.length; n++) {
    const columns = balanceColumns(heights, n);
    const x = area.left + framePadLeft;
    const top = area.mapBottom + gap;
    const cols = columns.map((entries, i) => ({ x: x + i * columnWidth, y: top + area.titleHeight, entries }));
    const height = area.titleHeight + Math.max(...columns.map((c) => sum(c.map((i) => heights[i]!)))) + 16;
    consider({ frames: [{ x: area.left, y: top, width: Math.max(columns.length * columnWidth + framePadLeft, area.mapRight - area.left), height }], columns: cols });
  }
  // Right-aligned slots at each right edge worth trying: the map's own, and wide enough for k
  // columns beside each run of rows at the end of the map.
  const rights = new Set<number>([area.mapRight]);
  area.bands.forEach((_, i) => {
    const beside = Math.max(...area.bands.slice(i).map((b) => b.right)) + gap;
    for (let k = 1; k <= 6; k++) rights.add(Math.max(area.mapRight, beside + k * columnWidth + framePadLeft));
  });
  for (const right of [...rights].sort((a, b) => a - b)) {
    for (let n = 1; n <= 6 && n <= heights.length; n++) {
      if (right - n * columnWidth - framePadLeft < area.left - 1e-6) break;
      const plan = besideAndUnder(heights, area, right, n);
      if (plan) consider(plan);
    }
  }
  return best?.plan;
}

/** `n` slots ending at `right`, each starting as high as the map's rows let it, filled in reading
 *  order (higher frames first, left to right) down to the lowest common bottom. */
function besideAndUnder(heights: number[], area: ListArea, right: number, n: number): ListPlan | undefined {
  const slots = Array.from({ length: n }, (_, j) => {
    const frameLeft = right - (n - j) * columnWidth - framePadLeft;
    const blocking = area.bands.filter((b) => frameLeft < b.right + gap);
    const top = blocking.length ? Math.max(...blocking.map((b) => b.bottom)) + gap : frameLeft >= area.headerRight + gap ? area.pageTop : area.top;
    return { frameLeft, top };
  });
  // Every slot under the map: the left-aligned plan above says the same more plainly.
  if (slots.every((s) => s.top >= area.mapBottom + gap - 1e-6)) return undefined;
  const order = slots.map((s, j) => ({ ...s, j })).sort((a, b) => a.top - b.top || a.j - b.j);
  const fill = (bottom: number): number[][] | undefined => {
    const out: number[][] = order.map(() => []);
    let k = 0;
    order.forEach((s, c) => {
      let y = s.top + area.titleHeight;
      while (k < heights.length && y + heights[k]! <= bottom + 1e-6) (out[c]!.push(k), (y += heights[k++]!));
    });
    return k === heights.length ? out : undefined;
  };
  let low = Math.min(...slots.map((s) => s.top)) + area.titleHeight;
  let high = Math.max(...slots.map((s) => s.top)) + area.titleHeight + sum(heights);
  while (high - low > 0.5) {
    const mid = (low + high) / 2;
    if (fill(mid)) high = mid;
    else low = mid;
  }
  const filled = fill(high);
  if (!filled) return undefined;
  const columns: (ListColumn & { frameLeft: number; top: number; bottom: number })[] = [];
  order.forEach((s, c) => {
    const entries = filled[c]!;
    if (!entries.length) return;
    const y = s.top + area.titleHeight;
    columns.push({ x: s.frameLeft + framePadLeft, y, entries, frameLeft: s.frameLeft, top: s.top, bottom: y + sum(entries.map((i) => heights[i]!)) });
  });
  // The columns under the map (the left ones: the map's rows start at its left edge) line up with
  // the map's left edge rather than with the columns beside it.
  const under = columns.filter((c) => c.top >= area.mapBottom + gap - 1e-6);
  const shift = under.length ? Math.min(...under.map((c) => c.frameLeft)) - area.left : 0;
  for (const c of under) (c.frameLeft -= shift), (c.x -= shift);
  // A frame per run of neighbouring columns that start at the same height.
  const frames: ListPlan["frames"] = [];
  let run: typeof columns = [];
  const close = () => {
    if (!run.length) return;
    const left = run[0]!.frameLeft;
    frames.push({ x: left, y: run[0]!.top, width: run[run.length - 1]!.frameLeft + columnWidth + framePadLeft - left, height: Math.max(...run.map((c) => c.bottom)) - run[0]!.top + 16 });
    run = [];
  };
  for (const c of columns) {
    const last = run[run.length - 1];
    if (last && (last.top !== c.top || Math.abs(c.frameLeft - last.frameLeft - columnWidth) > 1e-6)) close();
    run.push(c);
  }
  close();
  // Side by side, two frames keep a gap (the right padding of the left one gives way).
  for (const a of frames) {
    for (const b of frames) {
      if (b !== a && b.x > a.x && b.x < a.x + a.width && b.y < a.y + a.height && a.y < b.y + b.height) a.width = b.x - 6 - a.x;
    }
  }
  return { frames, columns: columns.map(({ x, y, entries }) => ({ x, y, entries })) };
}

/** Contiguous runs of entries in at most `columns` columns, the tallest as short as it can be
 *  (reading order kept: down the first column, then the next). */
export function balanceColumns(heights: number[], columns: number): number[][] {
  const pack = (limit: number): number[][] => {
    const out: number[][] = [[]];
    let used = 0;
    heights.forEach((h, i) => {
      if (used + h > limit && out[out.length - 1]!.length) (out.push([]), (used = 0));
      out[out.length - 1]!.push(i);
      used += h;
    });
    return out;
  };
  let low = Math.max(0, ...heights);
  let high = Math.max(low, sum(heights));
  while (high - low > 0.5) {
    const mid = (low + high) / 2;
    if (pack(mid).length <= columns) high = mid;
    else low = mid;
  }
  return pack(high);
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
