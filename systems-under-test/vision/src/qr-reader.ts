/**
 * Finds and decodes every QR code in an image with two independent readers: jsQR (a pure
 * JavaScript port of ZXing's QR reader) and OpenCV's QRCodeDetector. Each code is reported once,
 * with the readers that found it, its text and its four corners.
 */
import jsQRModule from 'jsqr';

import { cornerList, cornersFromList, roundCorners } from './corners.ts';
import { cropRgba, findDarkRegions } from './dark-regions.ts';
import type { Corners, Point } from './corners.ts';
import type { OpenCv } from './opencv.ts';

/**
 * jsqr is a CommonJS bundle whose typings declare a default export. Node's ESM loader hands
 * over module.exports itself, while TypeScript expects it under `default`; this takes either.
 */
type DecodeQr = typeof jsQRModule.default;
const jsQR = ((jsQRModule as unknown as { default?: DecodeQr }).default ??
  jsQRModule) as unknown as DecodeQr;

export const QR_ENGINES = ['jsqr', 'opencv'] as const;
export type QrEngine = (typeof QR_ENGINES)[number];

/** Pixels in RGBA order, 4 bytes per pixel, rows top to bottom. */
export interface RgbaImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

export interface QrCode {
  text: string;
  /** Corners of the code's symbol, named in the code's own orientation (its finder patterns). */
  corners: Corners;
  foundBy: QrEngine[];
}

/** Outcome of one reader, so that a caller sees a reader that failed instead of a silent gap. */
export interface EngineReport {
  engine: QrEngine;
  codes: number;
  error?: string;
}

/** jsQR finds one code per call; this many codes per image is far beyond any real label sheet. */
const MAX_CODES = 16;

/** Share by which a found code's area is grown before it is painted over, to cover its quiet zone edge. */
const MASK_GROWTH = 0.2;

function centreOf(corners: Corners): Point {
  const points = cornerList(corners);
  return {
    x: points.reduce((sum, point) => sum + point.x, 0) / 4,
    y: points.reduce((sum, point) => sum + point.y, 0) / 4,
  };
}

/** Paints a convex quadrilateral white in place, so that the next jsQR call finds another code. */
function paintOver(image: RgbaImage, corners: Corners): void {
  const centre = centreOf(corners);
  const polygon = cornerList(corners).map((point) => ({
    x: centre.x + (point.x - centre.x) * (1 + MASK_GROWTH),
    y: centre.y + (point.y - centre.y) * (1 + MASK_GROWTH),
  }));
  const minX = Math.max(0, Math.floor(Math.min(...polygon.map((point) => point.x))));
  const maxX = Math.min(image.width - 1, Math.ceil(Math.max(...polygon.map((point) => point.x))));
  const minY = Math.max(0, Math.floor(Math.min(...polygon.map((point) => point.y))));
  const maxY = Math.min(image.height - 1, Math.ceil(Math.max(...polygon.map((point) => point.y))));

  // A point is inside a convex polygon when it lies on the same side of every edge.
  const inside = (x: number, y: number): boolean => {
    let sign = 0;
    for (let index = 0; index < 4; index++) {
      const a = polygon[index]!;
      const b = polygon[(index + 1) % 4]!;
      const cross = (b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x);
      if (cross !== 0) {
        if (sign === 0) sign = Math.sign(cross);
        else if (Math.sign(cross) !== sign) return false;
      }
    }
    return true;
  };

  for (let y = minY; y <= maxY; y++) {
    for (let x = minX; x <= maxX; x++) {
      if (inside(x, y))
        image.data.fill(255, (y * image.width + x) * 4, (y * image.width + x) * 4 + 3);
    }
  }
}

function decodeOne(image: RgbaImage, offsetX = 0, offsetY = 0): QrCode | undefined {
  const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
  if (found === null) return undefined;
  const shift = (point: Point): Point => ({ x: point.x + offsetX, y: point.y + offsetY });
  const corners = cornersFromList(
    [
      found.location.topLeftCorner,
      found.location.topRightCorner,
      found.location.bottomRightCorner,
      found.location.bottomLeftCorner,
    ].map(shift),
  );
  return { text: found.data, corners, foundBy: ['jsqr'] };
}

/**
 * jsQR decodes one code per call and fails when the finder patterns of several codes are in
 * view. So the whole image is tried first; then each cluster of dark pixels (findDarkRegions)
 * is tried on its own. Every code found is painted over before the next search, so that no
 * code is reported twice and the next search has one code less.
 */
export function readWithJsQr(image: RgbaImage, firstOnly = false): QrCode[] {
  const work: RgbaImage = { ...image, data: new Uint8ClampedArray(image.data) };
  const codes: QrCode[] = [];
  const accept = (code: QrCode): void => {
    codes.push(code);
    paintOver(work, code.corners);
  };

  for (
    let found = decodeOne(work);
    found !== undefined && codes.length < MAX_CODES;
    found = decodeOne(work)
  ) {
    accept(found);
    if (firstOnly) return codes;
  }

  for (const region of findDarkRegions(work)) {
    if (codes.length >= MAX_CODES) break;
    const code = decodeOne(cropRgba(work, region), region.left, region.top);
    if (code === undefined) continue;
    accept(code);
    if (firstOnly) break;
  }
  return codes;
}

/** OpenCV's detectAndDecodeMulti finds all codes in one call; points contains 4 corners per code. */
export function readWithOpenCv(cv: OpenCv, image: RgbaImage): QrCode[] {
  const rgba = new cv.Mat(image.height, image.width, cv.CV_8UC4);
  const grey = new cv.Mat();
  const texts = new cv.StringVector();
  const points = new cv.Mat();
  const straight = new cv.MatVector();
  const detector = new cv.QRCodeDetector();
  try {
    rgba.data.set(image.data);
    cv.cvtColor(rgba, grey, cv.COLOR_RGBA2GRAY);
    const found = detector.detectAndDecodeMulti(grey, texts, points, straight);
    if (!found) return [];

    const codes: QrCode[] = [];
    const coordinates = points.data32F;
    for (let index = 0; index < texts.size(); index++) {
      const text = texts.get(index);
      // A code that OpenCV located but could not decode comes back with an empty text.
      if (text === '') continue;
      const base = index * 8;
      const corner = (offset: number): Point => ({
        x: coordinates[base + offset * 2]!,
        y: coordinates[base + offset * 2 + 1]!,
      });
      codes.push({ text, corners: cornersFromList([0, 1, 2, 3].map(corner)), foundBy: ['opencv'] });
    }
    return codes;
  } finally {
    for (const resource of [rgba, grey, texts, points, straight, detector]) resource.delete();
  }
}

/** Describes an error thrown from the WebAssembly side, where C++ exceptions arrive as numbers. */
export function describeEngineError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'number') return `OpenCV raised native exception ${error}`;
  return String(error);
}

function isSameCode(a: QrCode, b: QrCode): boolean {
  if (a.text !== b.text) return false;
  const [topLeft, topRight] = cornerList(a.corners);
  const size = Math.hypot(topRight.x - topLeft.x, topRight.y - topLeft.y);
  const centreA = centreOf(a.corners);
  const centreB = centreOf(b.corners);
  return Math.hypot(centreA.x - centreB.x, centreA.y - centreB.y) < size / 2;
}

/**
 * Merges the readers' findings: a code found by both (same text, centres closer than half the
 * code's width) is listed once, with OpenCV's corners, which follow the symbol's outer edge
 * more closely. Codes are listed top to bottom by their centre, then left to right.
 */
export function mergeCodes(groups: readonly QrCode[][]): QrCode[] {
  const merged: QrCode[] = [];
  for (const group of groups) {
    for (const code of group) {
      const same = merged.find((existing) => isSameCode(existing, code));
      if (same === undefined) merged.push({ ...code, foundBy: [...code.foundBy] });
      else same.foundBy.push(...code.foundBy.filter((engine) => !same.foundBy.includes(engine)));
    }
  }
  return merged
    .map((code) => ({
      ...code,
      corners: roundCorners(code.corners),
      foundBy: [...code.foundBy].sort(),
    }))
    .sort(
      (a, b) =>
        centreOf(a.corners).y - centreOf(b.corners).y ||
        centreOf(a.corners).x - centreOf(b.corners).x,
    );
}

export interface QrReading {
  codes: QrCode[];
  engines: EngineReport[];
}

/** Runs the chosen readers; OpenCV goes first so that its corners win when both find a code. */
export function readQrCodes(
  image: RgbaImage,
  engines: readonly QrEngine[],
  cv: OpenCv,
  options: { firstOnly?: boolean } = {},
): QrReading {
  const groups: QrCode[][] = [];
  const reports: EngineReport[] = [];

  for (const engine of [...engines].sort().reverse()) {
    try {
      let codes =
        engine === 'opencv' ? readWithOpenCv(cv, image) : readWithJsQr(image, options.firstOnly);
      // Seeded fault vision.qr-first-code-only: every reader stops after its first code.
      if (options.firstOnly === true) codes = codes.slice(0, 1);
      groups.push(codes);
      reports.push({ engine, codes: codes.length });
    } catch (error) {
      reports.push({ engine, codes: 0, error: describeEngineError(error) });
    }
  }

  const codes = mergeCodes(groups);
  return {
    codes: options.firstOnly === true ? codes.slice(0, 1) : codes,
    engines: reports.sort((a, b) => a.engine.localeCompare(b.engine)),
  };
}
