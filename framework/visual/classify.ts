/**
 * Says what kind of change each region is, by looking at the expected and
 * the actual pixels inside it:
 *
 * - shift: the expected content of the region is found again in the actual
 *   image at an offset (dx, dy). Only offsets that put it onto a changed
 *   region are tried, since content that moved leaves a difference where it
 *   lands. The regions it lands on are merged into the shift.
 * - added / removed: one side holds only the background colour.
 * - colour: both sides hold content of the same shape (the same pixels
 *   differ from the background), in other colours.
 * - text: both sides hold content, of different shapes (a changed word or icon).
 */
import type { PixelRegion } from './regions.ts';
import type { Box, RgbaImage, RegionKind } from './types.ts';

export interface ClassifiedRegion extends PixelRegion {
  kind: RegionKind;
  dx?: number;
  dy?: number;
  /** Point whose DOM element names the region: the centre of where its content is now. */
  probe: { x: number; y: number };
}

export interface ClassifyOptions {
  /** Largest move on each axis recognised as a shift. */
  maxShift: number;
  /** Dilation radius used to find the regions; a shift's landing box is grown by it before merging. */
  dilation: number;
}

/** A channel difference above this separates content from the background (about 6 % of the range). */
const CONTENT_TOLERANCE = 16;
/** A channel difference up to this still counts as the same pixel when matching moved content. */
const MATCH_TOLERANCE = 16;
/** Share of a moved block's pixels allowed to differ at its new place (re-rasterised edges). */
const SHIFT_MISMATCH_SHARE = 0.02;
/** Content pixels read by the quick test of an offset, and the share of them allowed to differ. */
const SAMPLE_SIZE = 32;
const SAMPLE_MISMATCH_SHARE = 0.125;
/** Content pixels a block needs before a match of it means something. */
const MIN_SHIFT_CONTENT = 12;
/** Largest share of shape disagreement for a colour change; anti-aliased edges move a little across the tolerance. */
const COLOUR_SHAPE_SHARE = 0.15;

function channelDistance(a: number, b: number): number {
  // Both are RGBA pixels read as little-endian uint32: R in the low byte.
  const dr = Math.abs((a & 0xff) - (b & 0xff));
  const dg = Math.abs(((a >>> 8) & 0xff) - ((b >>> 8) & 0xff));
  const db = Math.abs(((a >>> 16) & 0xff) - ((b >>> 16) & 0xff));
  const da = Math.abs((a >>> 24) - (b >>> 24));
  return Math.max(dr, dg, db, da);
}

function view32(image: RgbaImage): Uint32Array {
  return new Uint32Array(image.data.buffer, image.data.byteOffset, image.width * image.height);
}

function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function unionBox(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

function grow(box: Box, by: number, width: number, height: number): Box {
  const x = Math.max(0, box.x - by);
  const y = Math.max(0, box.y - by);
  return {
    x,
    y,
    width: Math.min(width, box.x + box.width + by) - x,
    height: Math.min(height, box.y + box.height + by) - y,
  };
}

/**
 * The background colour around a box: the most frequent pixel on the ring
 * just outside it (inside it when the box fills the image).
 */
export function backgroundAround(
  pixels: Uint32Array,
  width: number,
  height: number,
  box: Box,
): number {
  const counts = new Map<number, number>();
  const add = (x: number, y: number): void => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const value = pixels[y * width + x]!;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  };
  for (let x = box.x - 1; x <= box.x + box.width; x += 1) {
    add(x, box.y - 1);
    add(x, box.y + box.height);
  }
  for (let y = box.y; y < box.y + box.height; y += 1) {
    add(box.x - 1, y);
    add(box.x + box.width, y);
  }
  if (counts.size === 0) {
    for (let y = box.y; y < box.y + box.height; y += 1) {
      for (let x = box.x; x < box.x + box.width; x += 1) add(x, y);
    }
  }
  let best = 0;
  let bestCount = -1;
  for (const [value, count] of counts) {
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

/** Marks the pixels of `box` that differ from `background`; returns the mask and its count. */
function contentMask(
  pixels: Uint32Array,
  width: number,
  box: Box,
  background: number,
): { mask: Uint8Array; count: number } {
  const mask = new Uint8Array(box.width * box.height);
  let count = 0;
  for (let y = 0; y < box.height; y += 1) {
    const row = (box.y + y) * width + box.x;
    for (let x = 0; x < box.width; x += 1) {
      const value = pixels[row + x]!;
      if (value !== background && channelDistance(value, background) > CONTENT_TOLERANCE) {
        mask[y * box.width + x] = 1;
        count += 1;
      }
    }
  }
  return { mask, count };
}

/** Tight box of the set pixels of a mask laid over `box`. */
function maskBox(mask: Uint8Array, box: Box): Box | undefined {
  let minX = box.width;
  let minY = box.height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < box.height; y += 1) {
    for (let x = 0; x < box.width; x += 1) {
      if (mask[y * box.width + x] === 0) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (maxX < 0) return undefined;
  return { x: box.x + minX, y: box.y + minY, width: maxX - minX + 1, height: maxY - minY + 1 };
}

interface ShiftMatch {
  dx: number;
  dy: number;
  /** Where the block lies in the actual image. */
  landing: Box;
}

/**
 * Looks for the expected block `block` in the actual image at offsets that
 * put it onto one of `targets`. The block's content pixels are compared
 * first, so a wrong offset fails after a few pixels.
 */
function findShift(
  expected: Uint32Array,
  actual: Uint32Array,
  width: number,
  height: number,
  block: Box,
  blockContent: Uint8Array,
  targets: readonly Box[],
  maxShift: number,
): ShiftMatch | undefined {
  // Pixel offsets of the block, its content pixels first.
  let contentCount = 0;
  for (let i = 0; i < blockContent.length; i += 1) contentCount += blockContent[i]!;
  if (contentCount < MIN_SHIFT_CONTENT) return undefined;
  const offsets = new Int32Array(block.width * block.height);
  let nextContent = 0;
  let nextRest = contentCount;
  for (let y = 0; y < block.height; y += 1) {
    for (let x = 0; x < block.width; x += 1) {
      const offset = (block.y + y) * width + block.x + x;
      if (blockContent[y * block.width + x]) offsets[nextContent++] = offset;
      else offsets[nextRest++] = offset;
    }
  }
  const budget = Math.floor(offsets.length * SHIFT_MISMATCH_SHARE);

  // A quick test first: content pixels spread over the block. At a wrong offset most of them
  // differ, so the test ends after a few reads. A true match has at most 2 % differing pixels.
  const sampleStep = Math.max(1, Math.floor(contentCount / SAMPLE_SIZE));
  const sampleLength = Math.min(SAMPLE_SIZE, Math.ceil(contentCount / sampleStep));
  const sample = new Int32Array(sampleLength);
  for (let i = 0; i < sampleLength; i += 1) sample[i] = offsets[i * sampleStep]!;
  const sampleLimit = Math.floor(sampleLength * SAMPLE_MISMATCH_SHARE);

  let best: { dx: number; dy: number; mismatches: number } | undefined;
  // Offsets already tried, as bits over the square of offsets up to maxShift on each axis.
  const side = 2 * maxShift + 1;
  const tried = new Uint8Array(Math.ceil((side * side) / 8));
  for (const target of targets) {
    // Content that moved turns the pixels where it lands into differences, so the block must
    // overlap the changed region by at least half the smaller of the two on each axis.
    const overlapX = Math.ceil(Math.min(block.width, target.width) / 2);
    const overlapY = Math.ceil(Math.min(block.height, target.height) / 2);
    const dxMin = Math.max(-maxShift, target.x + overlapX - (block.x + block.width), -block.x);
    const dxMax = Math.min(
      maxShift,
      target.x + target.width - overlapX - block.x,
      width - block.x - block.width,
    );
    const dyMin = Math.max(-maxShift, target.y + overlapY - (block.y + block.height), -block.y);
    const dyMax = Math.min(
      maxShift,
      target.y + target.height - overlapY - block.y,
      height - block.y - block.height,
    );
    for (let dy = dyMin; dy <= dyMax; dy += 1) {
      for (let dx = dxMin; dx <= dxMax; dx += 1) {
        if (dx === 0 && dy === 0) continue;
        const key = (dy + maxShift) * side + (dx + maxShift);
        if ((tried[key >> 3]! & (1 << (key & 7))) !== 0) continue;
        tried[key >> 3]! |= 1 << (key & 7);

        const delta = dy * width + dx;
        let sampled = 0;
        for (let i = 0; i < sample.length && sampled <= sampleLimit; i += 1) {
          const from = sample[i]!;
          const a = expected[from]!;
          const b = actual[from + delta]!;
          if (a !== b && channelDistance(a, b) > MATCH_TOLERANCE) sampled += 1;
        }
        if (sampled > sampleLimit) continue;

        const limit = Math.min(budget, best ? best.mismatches : budget);
        let mismatches = 0;
        for (let i = 0; i < offsets.length; i += 1) {
          const from = offsets[i]!;
          const a = expected[from]!;
          const b = actual[from + delta]!;
          if (a !== b && channelDistance(a, b) > MATCH_TOLERANCE) {
            mismatches += 1;
            if (mismatches > limit) break;
          }
        }
        if (mismatches > limit) continue;
        const closer = !best || Math.abs(dx) + Math.abs(dy) < Math.abs(best.dx) + Math.abs(best.dy);
        if (!best || mismatches < best.mismatches || (mismatches === best.mismatches && closer)) {
          best = { dx, dy, mismatches };
        }
      }
    }
  }
  if (!best) return undefined;
  return {
    dx: best.dx,
    dy: best.dy,
    landing: {
      x: block.x + best.dx,
      y: block.y + best.dy,
      width: block.width,
      height: block.height,
    },
  };
}

function centre(box: Box): { x: number; y: number } {
  return { x: Math.floor(box.x + box.width / 2), y: Math.floor(box.y + box.height / 2) };
}

/**
 * Classifies the regions of two images of equal size. Regions that a shift
 * lands on are merged into it, so the result can hold fewer regions.
 */
export function classifyRegions(
  expectedImage: RgbaImage,
  actualImage: RgbaImage,
  regions: readonly PixelRegion[],
  options: ClassifyOptions,
): ClassifiedRegion[] {
  const { width, height } = expectedImage;
  if (actualImage.width !== width || actualImage.height !== height) {
    throw new Error(
      `classifyRegions needs images of one size; got ${width}x${height} and ${actualImage.width}x${actualImage.height}.`,
    );
  }
  const expected = view32(expectedImage);
  const actual = view32(actualImage);

  const analysed = regions.map((region) => {
    const background = backgroundAround(expected, width, height, region);
    const before = contentMask(expected, width, region, background);
    const after = contentMask(actual, width, region, background);
    return { region, background, before, after };
  });

  // First pass: shifts, which may swallow the regions where the content landed.
  const absorbed = new Set<number>();
  const results = new Map<number, ClassifiedRegion>();
  analysed.forEach((entry, index) => {
    if (absorbed.has(index) || entry.before.count === 0) return;
    const block = maskBox(entry.before.mask, entry.region);
    if (!block) return;
    const blockContent = contentMask(expected, width, block, entry.background).mask;
    const targets = regions.filter((_, other) => !absorbed.has(other));
    const match = findShift(
      expected,
      actual,
      width,
      height,
      block,
      blockContent,
      targets,
      options.maxShift,
    );
    if (!match) return;

    let box: Box = entry.region;
    let pixels = entry.region.pixels;
    const landingArea = grow(match.landing, options.dilation, width, height);
    regions.forEach((other, otherIndex) => {
      if (otherIndex === index || absorbed.has(otherIndex) || results.has(otherIndex)) return;
      if (!intersects(other, landingArea)) return;
      absorbed.add(otherIndex);
      box = unionBox(box, other);
      pixels += other.pixels;
    });
    results.set(index, {
      ...box,
      pixels,
      kind: 'shift',
      dx: match.dx,
      dy: match.dy,
      probe: centre(match.landing),
    });
  });

  // Second pass: every region that is neither a shift nor part of one.
  analysed.forEach((entry, index) => {
    if (absorbed.has(index) || results.has(index)) return;
    const { region, before, after } = entry;
    const area = region.width * region.height;
    // A few stray pixels (an anti-aliased fringe) do not make a side count as holding content.
    const empty = (count: number): boolean => count <= Math.floor(area * 0.02);

    let kind: RegionKind;
    if (empty(before.count) && !empty(after.count)) kind = 'added';
    else if (!empty(before.count) && empty(after.count)) kind = 'removed';
    else if (empty(before.count) && empty(after.count)) kind = 'colour';
    else {
      let disagreeing = 0;
      let covered = 0;
      for (let i = 0; i < before.mask.length; i += 1) {
        const a = before.mask[i]!;
        const b = after.mask[i]!;
        if (a | b) covered += 1;
        if (a !== b) disagreeing += 1;
      }
      kind = disagreeing <= covered * COLOUR_SHAPE_SHARE ? 'colour' : 'text';
    }
    results.set(index, { ...region, kind, probe: centre(region) });
  });

  const ordered = [...results.entries()].sort(([a], [b]) => a - b).map(([, region]) => region);
  return mergeLines(ordered).sort((a, b) => a.y - b.y || a.x - b.x);
}

/** Whether two boxes sit on one line of text: they overlap vertically by half the smaller height. */
function sameLine(a: Box, b: Box): boolean {
  const overlap = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (overlap < Math.min(a.height, b.height) / 2) return false;
  const gap = Math.max(a.x, b.x) - Math.min(a.x + a.width, b.x + b.width);
  // Word spaces are about a third of the font size; a gap up to the line's height still reads as one line.
  return gap <= Math.max(a.height, b.height);
}

/**
 * Joins regions of the same kind that sit side by side on one line, such as
 * the words of a recoloured heading, whose spaces are wider than the
 * dilation bridges. Shifts stay apart: each has its own offset.
 */
function mergeLines(regions: ClassifiedRegion[]): ClassifiedRegion[] {
  const merged = [...regions];
  let changed = true;
  while (changed) {
    changed = false;
    outer: for (let i = 0; i < merged.length; i += 1) {
      for (let j = i + 1; j < merged.length; j += 1) {
        const a = merged[i]!;
        const b = merged[j]!;
        if (a.kind !== b.kind || a.kind === 'shift' || !sameLine(a, b)) continue;
        const box = unionBox(a, b);
        merged[i] = { ...box, kind: a.kind, pixels: a.pixels + b.pixels, probe: centre(box) };
        merged.splice(j, 1);
        changed = true;
        break outer;
      }
    }
  }
  return merged;
}
