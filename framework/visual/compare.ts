/**
 * Compares two PNG screenshots: byte-identical files return at once without
 * decoding; otherwise both are decoded, compared with pixelmatch on their
 * common area, and the differing pixels are grouped into classified regions.
 * A change of size is a finding of its own.
 */
import { bandedPixelmatch } from './banded-diff.ts';
import { classifyRegions } from './classify.ts';
import {
  resolveCompareOptions,
  type CompareOptions,
  type ResolvedCompareOptions,
} from './options.ts';
import { decodePng, readPngSize } from './png-codec.ts';
import { findRegions } from './regions.ts';
import type { Box, ComparisonStatus, Region, RgbaImage } from './types.ts';

/** Colours of differing pixels in the diff image: lighter in the actual image (content gone), darker (content new). */
const LIGHTER_COLOUR: [number, number, number] = [255, 0, 0];
const DARKER_COLOUR: [number, number, number] = [0, 170, 0];
/** Anti-aliased pixels that pixelmatch ignored. */
const AA_COLOUR: [number, number, number] = [255, 255, 0];

export interface ImageComparison {
  status: Exclude<ComparisonStatus, 'missing'>;
  /** True when the two files were byte for byte the same, and nothing was decoded. */
  identical: boolean;
  /** True when the difference is within the tolerances and the size did not change. */
  passed: boolean;
  width: number;
  height: number;
  baselineWidth: number;
  baselineHeight: number;
  diffPixels: number;
  /** diffPixels divided by the pixel count of the common area. */
  diffRatio: number;
  /** Differing pixels allowed by maxDiffPixels and maxDiffPixelRatio. */
  allowedDiffPixels: number;
  threshold: number;
  regions: Region[];
  /** Point (in actual image pixels) whose DOM element names each region, by region index. */
  probes: Map<number, { x: number; y: number }>;
  /** Decoded images, absent on the byte-identical path. */
  expected?: RgbaImage;
  actual?: RgbaImage;
  /** pixelmatch's diff image of the common area. */
  diff?: RgbaImage;
}

/** Copies the top-left `width` x `height` pixels of an image. */
function crop(image: RgbaImage, width: number, height: number): RgbaImage {
  if (image.width === width && image.height === height) return image;
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    const start = y * image.width * 4;
    data.set(image.data.subarray(start, start + width * 4), y * width * 4);
  }
  return { width, height, data };
}

function ignoreMaskOf(
  boxes: readonly Box[],
  width: number,
  height: number,
): Uint8Array | undefined {
  if (boxes.length === 0) return undefined;
  const mask = new Uint8Array(width * height);
  for (const box of boxes) {
    const x1 = Math.min(width, Math.ceil(box.x + box.width));
    const y1 = Math.min(height, Math.ceil(box.y + box.height));
    for (let y = Math.max(0, Math.floor(box.y)); y < y1; y += 1) {
      mask.fill(1, y * width + Math.max(0, Math.floor(box.x)), y * width + x1);
    }
  }
  return mask;
}

export function allowedDiffPixels(options: ResolvedCompareOptions, pixelCount: number): number {
  const limits: number[] = [];
  if (options.maxDiffPixels !== undefined) limits.push(options.maxDiffPixels);
  if (options.maxDiffPixelRatio !== undefined) {
    limits.push(Math.floor(options.maxDiffPixelRatio * pixelCount));
  }
  return limits.length === 0 ? 0 : Math.min(...limits);
}

/** The finding for a change of size: the strip of the larger image outside the common area. */
function sizeRegion(
  expected: { width: number; height: number },
  actual: { width: number; height: number },
  pixelCount: number,
): Omit<Region, 'index'> {
  const width = Math.max(expected.width, actual.width);
  const height = Math.max(expected.height, actual.height);
  const commonWidth = Math.min(expected.width, actual.width);
  const commonHeight = Math.min(expected.height, actual.height);
  const box =
    commonHeight < height
      ? { x: 0, y: commonHeight, width, height: height - commonHeight }
      : { x: commonWidth, y: 0, width: width - commonWidth, height };
  const pixels = width * height - commonWidth * commonHeight;
  return {
    ...box,
    kind: 'size',
    pixels,
    share: pixels / Math.max(1, pixelCount),
    dx: actual.width - expected.width,
    dy: actual.height - expected.height,
  };
}

/** Compares a baseline PNG (`expectedPng`) with a new capture (`actualPng`). */
export async function compareImages(
  expectedPng: Uint8Array,
  actualPng: Uint8Array,
  rawOptions: CompareOptions = {},
): Promise<ImageComparison> {
  const options = resolveCompareOptions(rawOptions);

  if (Buffer.compare(expectedPng, actualPng) === 0) {
    const { width, height } = readPngSize(actualPng);
    return {
      status: 'match',
      identical: true,
      passed: true,
      width,
      height,
      baselineWidth: width,
      baselineHeight: height,
      diffPixels: 0,
      diffRatio: 0,
      allowedDiffPixels: allowedDiffPixels(options, width * height),
      threshold: options.threshold,
      regions: [],
      probes: new Map(),
    };
  }

  const [expectedFull, actualFull] = await Promise.all([
    decodePng(expectedPng, options.codec),
    decodePng(actualPng, options.codec),
  ]);
  return compareDecoded(expectedFull, actualFull, options);
}

/** Compares two decoded images; {@link compareImages} without the decoding. */
export function compareDecoded(
  expectedFull: RgbaImage,
  actualFull: RgbaImage,
  options: ResolvedCompareOptions,
): ImageComparison {
  const width = Math.min(expectedFull.width, actualFull.width);
  const height = Math.min(expectedFull.height, actualFull.height);
  const pixelCount = width * height;
  const expected = crop(expectedFull, width, height);
  const actual = crop(actualFull, width, height);

  const ignoreMask = ignoreMaskOf(options.ignore, width, height);
  const {
    diffPixels,
    diff: diffData,
    mask,
    bands,
  } = bandedPixelmatch(expected, actual, {
    threshold: options.threshold,
    includeAA: options.includeAA,
    ...(ignoreMask ? { ignoreMask } : {}),
    colours: { diffColor: LIGHTER_COLOUR, diffColorAlt: DARKER_COLOUR, aaColor: AA_COLOUR },
  });

  const found = diffPixels > 0 ? findRegions(mask, width, height, options.dilation, bands) : [];
  const classified = classifyRegions(expected, actual, found, {
    maxShift: options.maxShift,
    dilation: options.dilation,
  });

  const regions: Region[] = [];
  const probes = new Map<number, { x: number; y: number }>();
  classified.forEach((region, position) => {
    const index = position + 1;
    const entry: Region = {
      index,
      kind: region.kind,
      x: region.x,
      y: region.y,
      width: region.width,
      height: region.height,
      pixels: region.pixels,
      share: region.pixels / pixelCount,
    };
    if (region.dx !== undefined) entry.dx = region.dx;
    if (region.dy !== undefined) entry.dy = region.dy;
    regions.push(entry);
    probes.set(index, region.probe);
  });

  const sizeChanged =
    expectedFull.width !== actualFull.width || expectedFull.height !== actualFull.height;
  if (sizeChanged) {
    regions.push({
      index: regions.length + 1,
      ...sizeRegion(expectedFull, actualFull, pixelCount),
    });
  }

  const allowed = allowedDiffPixels(options, pixelCount);
  const passed = !sizeChanged && diffPixels <= allowed;
  let status: ImageComparison['status'] = passed ? 'match' : 'mismatch';
  if (sizeChanged) status = 'size-changed';
  return {
    status,
    identical: false,
    passed,
    width: actualFull.width,
    height: actualFull.height,
    baselineWidth: expectedFull.width,
    baselineHeight: expectedFull.height,
    diffPixels,
    diffRatio: diffPixels / Math.max(1, pixelCount),
    allowedDiffPixels: allowed,
    threshold: options.threshold,
    regions,
    probes,
    expected: expectedFull,
    actual: actualFull,
    diff: { width, height, data: diffData },
  };
}
