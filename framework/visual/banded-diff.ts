/**
 * pixelmatch, run only where pixels differ. A first pass compares the two
 * images as 32-bit words to find the rows that hold a differing pixel; rows
 * close together form bands, and pixelmatch runs on each band's box grown by
 * {@link MARGIN} pixels. The rest of the diff image is the expected image in
 * grey, drawn as pixelmatch draws it.
 *
 * The result equals one pixelmatch call on the whole image: pixelmatch
 * decides a pixel from its own colour and, for anti-aliasing, from its
 * neighbours up to 2 pixels away (the 3x3 block around it, and the 3x3
 * blocks around its darkest and brightest neighbours). Every differing
 * pixel lies at least MARGIN pixels inside its band's box, or on the image's
 * own edge, so pixelmatch sees the same neighbourhood. test/visual covers it.
 */
import pixelmatch from 'pixelmatch';

import type { Box, RgbaImage } from './types.ts';

/** 3 > the 2-pixel reach of pixelmatch's anti-aliasing detector. */
const MARGIN = 3;
/** Rows without differences that still join two bands: a band's margins would overlap anyway. */
const ROW_GAP = 2 * MARGIN;
const GREY_CACHE_BITS = 12;
const GREY_CACHE_SIZE = 1 << GREY_CACHE_BITS;
/** pixelmatch's default `alpha`: the grey background is the expected image at 10 % contrast. */
const ALPHA = 0.1;

export interface DiffColours {
  diffColor: [number, number, number];
  diffColorAlt: [number, number, number];
  aaColor: [number, number, number];
}

export interface BandedDiff {
  diffPixels: number;
  /** pixelmatch's diff image of the whole area. */
  diff: Uint8Array;
  /** 1 where a pixel counted as a difference. */
  mask: Uint8Array;
  /** Boxes pixelmatch ran on. */
  bands: Box[];
}

/**
 * Draws the whole image in grey as pixelmatch does for equal pixels.
 * Screenshots are mostly long runs of one colour, so the last pixel's grey
 * is reused while the colour repeats.
 */
function drawGrey(source: Uint8Array, target: Uint8Array, pixelCount: number): void {
  const input = new Uint32Array(source.buffer, source.byteOffset, pixelCount);
  const out = new Uint32Array(target.buffer, target.byteOffset, pixelCount);
  // Direct-mapped cache of recent colours (a Fibonacci hash picks the slot), as pixelmatch caches OKLab values.
  const cacheKeys = new Uint32Array(GREY_CACHE_SIZE);
  const cacheValues = new Uint32Array(GREY_CACHE_SIZE);
  let lastIn = -1;
  let lastOut = 0;
  for (let i = 0, offset = 0; i < pixelCount; i += 1, offset += 4) {
    const pixel = input[i]!;
    if (pixel === lastIn) {
      out[i] = lastOut;
      continue;
    }
    const slot = Math.imul(pixel, 0x9e3779b1) >>> (32 - GREY_CACHE_BITS);
    // Keys are stored plus one, so that the empty slot (0) matches no pixel.
    if (cacheKeys[slot] === (pixel + 1) >>> 0 && pixel !== 0xffffffff) {
      lastIn = pixel;
      lastOut = cacheValues[slot]!;
      out[i] = lastOut;
      continue;
    }
    // pixelmatch's drawGrayPixel, term for term, so that the result is the same to the last bit.
    const value =
      255 +
      ((source[offset]! * 0.29889531 +
        source[offset + 1]! * 0.58662247 +
        source[offset + 2]! * 0.11448223 -
        255) *
        ALPHA *
        source[offset + 3]!) /
        255;
    // Uint8Array assignment truncates, as pixelmatch's own drawPixel does.
    const v = value | 0;
    lastIn = pixel;
    lastOut = (0xff000000 | (v << 16) | (v << 8) | v) >>> 0;
    cacheKeys[slot] = (pixel + 1) >>> 0;
    cacheValues[slot] = lastOut;
    out[i] = lastOut;
  }
}

function cropInto(image: Uint8Array, width: number, box: Box, target: Uint8Array): void {
  for (let y = 0; y < box.height; y += 1) {
    const from = ((box.y + y) * width + box.x) * 4;
    target.set(image.subarray(from, from + box.width * 4), y * box.width * 4);
  }
}

/** Finds the bands: boxes around runs of rows that hold a pixel differing as a 32-bit word. */
export function changedBands(
  expected: RgbaImage,
  actual: RgbaImage,
  ignoreMask: Uint8Array | undefined,
): Box[] {
  const { width, height } = expected;
  const a32 = new Uint32Array(expected.data.buffer, expected.data.byteOffset, width * height);
  const b32 = new Uint32Array(actual.data.buffer, actual.data.byteOffset, width * height);
  const bands: Box[] = [];
  let open: { y0: number; y1: number; x0: number; x1: number } | undefined;

  const close = (): void => {
    if (!open) return;
    const x = Math.max(0, open.x0 - MARGIN);
    const y = Math.max(0, open.y0 - MARGIN);
    bands.push({
      x,
      y,
      width: Math.min(width - 1, open.x1 + MARGIN) - x + 1,
      height: Math.min(height - 1, open.y1 + MARGIN) - y + 1,
    });
    open = undefined;
  };

  const rowBytes = width * 4;
  const before = Buffer.from(
    expected.data.buffer,
    expected.data.byteOffset,
    expected.data.byteLength,
  );
  const after = Buffer.from(actual.data.buffer, actual.data.byteOffset, actual.data.byteLength);
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    // A native comparison of the whole row first: most rows of a screenshot are unchanged.
    const start = y * rowBytes;
    if (before.compare(after, start, start + rowBytes, start, start + rowBytes) === 0) continue;
    let first = -1;
    let last = -1;
    for (let x = 0; x < width; x += 1) {
      const i = row + x;
      if (a32[i] !== b32[i] && (!ignoreMask || ignoreMask[i] === 0)) {
        if (first < 0) first = x;
        last = x;
      }
    }
    if (first < 0) continue;
    if (open && y - open.y1 > ROW_GAP) close();
    if (!open) open = { y0: y, y1: y, x0: first, x1: last };
    else {
      open.y1 = y;
      if (first < open.x0) open.x0 = first;
      if (last > open.x1) open.x1 = last;
    }
  }
  close();
  return bands;
}

/** Runs pixelmatch on the bands of two images of one size and assembles the whole diff image and mask. */
export function bandedPixelmatch(
  expected: RgbaImage,
  actual: RgbaImage,
  options: { threshold: number; includeAA: boolean; ignoreMask?: Uint8Array; colours: DiffColours },
): BandedDiff {
  const { width, height } = expected;
  const pixelCount = width * height;
  const diff = new Uint8Array(pixelCount * 4);
  const mask = new Uint8Array(pixelCount);
  drawGrey(expected.data, diff, pixelCount);

  const bands = changedBands(expected, actual, options.ignoreMask);
  let diffPixels = 0;
  for (const band of bands) {
    const size = band.width * band.height;
    const before = new Uint8Array(size * 4);
    const after = new Uint8Array(size * 4);
    const output = new Uint8Array(size * 4);
    cropInto(expected.data, width, band, before);
    cropInto(actual.data, width, band, after);
    let ignore: Uint8Array | undefined;
    if (options.ignoreMask) {
      ignore = new Uint8Array(size);
      for (let y = 0; y < band.height; y += 1) {
        const from = (band.y + y) * width + band.x;
        ignore.set(options.ignoreMask.subarray(from, from + band.width), y * band.width);
      }
    }

    diffPixels += pixelmatch(before, after, output, band.width, band.height, {
      threshold: options.threshold,
      includeAA: options.includeAA,
      alpha: ALPHA,
      ...options.colours,
      ...(ignore ? { ignoreMask: ignore } : {}),
    });

    const [aaR, aaG, aaB] = options.colours.aaColor;
    for (let y = 0; y < band.height; y += 1) {
      const target = ((band.y + y) * width + band.x) * 4;
      diff.set(output.subarray(y * band.width * 4, (y + 1) * band.width * 4), target);
      for (let x = 0; x < band.width; x += 1) {
        const offset = (y * band.width + x) * 4;
        const r = output[offset]!;
        const g = output[offset + 1]!;
        const b = output[offset + 2]!;
        // Equal pixels are grey (r = g = b); ignored anti-aliasing has its own colour.
        if ((r !== g || g !== b) && !(r === aaR && g === aaG && b === aaB)) {
          mask[(band.y + y) * width + band.x + x] = 1;
        }
      }
    }
  }
  return { diffPixels, diff, mask, bands };
}
