/**
 * Groups differing pixels into regions: the diff mask is dilated by a small
 * radius, so that the letters of one changed word touch, and the connected
 * components (8-connectivity) of the dilated mask are the regions. Each
 * region's box and pixel count come from the undilated pixels.
 */
import type { Box } from './types.ts';

export interface PixelRegion extends Box {
  /** Differing pixels inside the region. */
  pixels: number;
}

/** Smallest box holding every non-zero pixel of `mask`, or undefined when there is none. */
export function maskBounds(mask: Uint8Array, width: number, height: number): Box | undefined {
  let minX = width;
  let minY = -1;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    let first = -1;
    let last = -1;
    for (let x = 0; x < width; x += 1) {
      if (mask[row + x] !== 0) {
        if (first < 0) first = x;
        last = x;
      }
    }
    if (first < 0) continue;
    if (minY < 0) minY = y;
    maxY = y;
    if (first < minX) minX = first;
    if (last > maxX) maxX = last;
  }
  if (minY < 0) return undefined;
  return { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
}

/** Sliding-window OR along one axis: out[i] = 1 when any input in [i - r, i + r] is set. */
function dilateLine(
  input: Uint8Array,
  output: Uint8Array,
  start: number,
  step: number,
  length: number,
  radius: number,
): void {
  let count = 0;
  // Prime the window with the first `radius` entries.
  for (let i = 0; i < Math.min(radius, length); i += 1) count += input[start + i * step]!;
  for (let i = 0; i < length; i += 1) {
    const entering = i + radius;
    if (entering < length) count += input[start + entering * step]!;
    const leaving = i - radius - 1;
    if (leaving >= 0) count -= input[start + leaving * step]!;
    output[start + i * step] = count > 0 ? 1 : 0;
  }
}

function find(parents: Int32Array, label: number): number {
  let root = label;
  while (parents[root] !== root) root = parents[root]!;
  // Path compression keeps later look-ups short.
  while (parents[label] !== root) {
    const next = parents[label]!;
    parents[label] = root;
    label = next;
  }
  return root;
}

function union(parents: Int32Array, a: number, b: number): number {
  const rootA = find(parents, a);
  const rootB = find(parents, b);
  if (rootA === rootB) return rootA;
  const [low, high] = rootA < rootB ? [rootA, rootB] : [rootB, rootA];
  parents[high] = low;
  return low;
}

/**
 * Joins boxes whose rows come within `reach` of each other, so that no
 * dilated component can span two of the joined boxes.
 */
function joinByRows(boxes: readonly Box[], reach: number): Box[] {
  const sorted = [...boxes].sort((a, b) => a.y - b.y);
  const joined: Box[] = [];
  for (const box of sorted) {
    const last = joined[joined.length - 1];
    if (last && box.y - (last.y + last.height) <= reach) {
      const x = Math.min(last.x, box.x);
      const y = last.y;
      joined[joined.length - 1] = {
        x,
        y,
        width: Math.max(last.x + last.width, box.x + box.width) - x,
        height: Math.max(last.y + last.height, box.y + box.height) - y,
      };
    } else {
      joined.push({ ...box });
    }
  }
  return joined;
}

/**
 * Finds the regions of a diff mask (non-zero = differing pixel). Only the
 * boxes around differing pixels are processed, so a small change on a large
 * page costs little. `within`, when given, must hold every differing pixel
 * (the bands that pixelmatch ran on); otherwise the mask is scanned for them.
 */
export function findRegions(
  mask: Uint8Array,
  width: number,
  height: number,
  dilation: number,
  within?: readonly Box[],
): PixelRegion[] {
  let boxes: Box[];
  if (within) {
    boxes = joinByRows(within, 2 * dilation + 1);
  } else {
    const bounds = maskBounds(mask, width, height);
    boxes = bounds ? [bounds] : [];
  }
  return boxes
    .flatMap((box) => regionsInBox(mask, width, height, dilation, box))
    .sort((a, b) => a.y - b.y || a.x - b.x);
}

function regionsInBox(
  mask: Uint8Array,
  width: number,
  height: number,
  dilation: number,
  bounds: Box,
): PixelRegion[] {
  // The working window: the differing pixels' box grown by the dilation radius.
  const x0 = Math.max(0, bounds.x - dilation);
  const y0 = Math.max(0, bounds.y - dilation);
  const x1 = Math.min(width - 1, bounds.x + bounds.width - 1 + dilation);
  const y1 = Math.min(height - 1, bounds.y + bounds.height - 1 + dilation);
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;

  const window = new Uint8Array(w * h);
  for (let y = 0; y < h; y += 1) {
    const source = (y + y0) * width + x0;
    for (let x = 0; x < w; x += 1) window[y * w + x] = mask[source + x] !== 0 ? 1 : 0;
  }

  // A square structuring element is separable: rows first, then columns.
  let dilated = window;
  if (dilation > 0) {
    const rows = new Uint8Array(w * h);
    for (let y = 0; y < h; y += 1) dilateLine(window, rows, y * w, 1, w, dilation);
    dilated = new Uint8Array(w * h);
    for (let x = 0; x < w; x += 1) dilateLine(rows, dilated, x, w, h, dilation);
  }

  // Two-pass labelling with union-find over 8-connected neighbours.
  const labels = new Int32Array(w * h);
  const parents = new Int32Array(w * h + 1);
  let next = 1;
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      const i = y * w + x;
      if (dilated[i] === 0) continue;
      // The four neighbours labelled before this pixel: left, and the three above.
      let label = x > 0 ? labels[i - 1]! : 0;
      if (y > 0) {
        const upLeft = x > 0 ? labels[i - w - 1]! : 0;
        const up = labels[i - w]!;
        const upRight = x < w - 1 ? labels[i - w + 1]! : 0;
        if (upLeft !== 0) label = label === 0 ? upLeft : union(parents, label, upLeft);
        if (up !== 0) label = label === 0 ? up : union(parents, label, up);
        if (upRight !== 0) label = label === 0 ? upRight : union(parents, label, upRight);
      }
      if (label === 0) {
        label = next;
        parents[next] = next;
        next += 1;
      }
      labels[i] = label;
    }
  }

  const byRoot = new Map<
    number,
    { minX: number; minY: number; maxX: number; maxY: number; pixels: number }
  >();
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      const i = y * w + x;
      if (window[i] === 0) continue;
      const root = find(parents, labels[i]!);
      const gx = x + x0;
      const gy = y + y0;
      const entry = byRoot.get(root);
      if (!entry) {
        byRoot.set(root, { minX: gx, minY: gy, maxX: gx, maxY: gy, pixels: 1 });
      } else {
        entry.pixels += 1;
        if (gx < entry.minX) entry.minX = gx;
        if (gx > entry.maxX) entry.maxX = gx;
        if (gy < entry.minY) entry.minY = gy;
        if (gy > entry.maxY) entry.maxY = gy;
      }
    }
  }

  return [...byRoot.values()].map((entry) => ({
    x: entry.minX,
    y: entry.minY,
    width: entry.maxX - entry.minX + 1,
    height: entry.maxY - entry.minY + 1,
    pixels: entry.pixels,
  }));
}
