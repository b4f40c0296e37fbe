/**
 * The generated fixtures of the vision service (systems-under-test/vision/fixtures, written by
 * `npm run fixtures:vision`) and their expected results, read as files: the specs share the
 * data, not the service's code.
 */
import { readFileSync } from 'node:fs';

import sharp from 'sharp';

const FIXTURES_DIR = new URL('../../../systems-under-test/vision/fixtures/', import.meta.url);

export interface Point {
  x: number;
  y: number;
}

export interface Corners {
  topLeft: Point;
  topRight: Point;
  bottomRight: Point;
  bottomLeft: Point;
}

export const CORNER_NAMES = ['topLeft', 'topRight', 'bottomRight', 'bottomLeft'] as const;

export interface QrFixture {
  file: string;
  description: string;
  width: number;
  height: number;
  codes: { text: string; foundBy: ('jsqr' | 'opencv')[]; corners: Corners }[];
}

export interface DocumentFixture {
  file: string;
  description: string;
  corners?: Corners;
  page?: string;
  error?: string;
}

export interface SampleFixture {
  file: string;
  format: string;
  width: number;
  height: number;
  channels: number;
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(new URL(path, FIXTURES_DIR), 'utf8')) as T;
}

export function fixtureBytes(path: string): Buffer {
  return readFileSync(new URL(path, FIXTURES_DIR));
}

export const QR_EXPECTED = readJson<{ cornerTolerancePx: number; fixtures: QrFixture[] }>(
  'qr/expected.json',
);

export const DOCUMENT_EXPECTED = readJson<{
  cornerTolerancePx: number;
  pageWidth: number;
  pageHeight: number;
  fixtures: DocumentFixture[];
}>('documents/expected.json');

export const SAMPLE_IMAGES = readJson<{ fixtures: SampleFixture[] }>(
  'images/expected.json',
).fixtures;

export const MEDIA_TYPES: Record<string, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  tiff: 'image/tiff',
};

export function sample(file: string): SampleFixture & { bytes: Buffer; mediaType: string } {
  const found = SAMPLE_IMAGES.find((candidate) => candidate.file === file);
  if (found === undefined) throw new Error(`No sample image "${file}" in images/expected.json.`);
  return { ...found, bytes: fixtureBytes(`images/${file}`), mediaType: MEDIA_TYPES[found.format]! };
}

/** The largest distance between a corner found and the one expected. */
export function largestCornerError(found: Corners, expected: Corners): number {
  return Math.max(
    ...CORNER_NAMES.map((name) =>
      Math.hypot(found[name].x - expected[name].x, found[name].y - expected[name].y),
    ),
  );
}

/** Size, channels and format of an encoded image, read with sharp, independent of the service's headers. */
export async function describeImage(
  bytes: Buffer,
): Promise<{ width: number; height: number; channels: number; format: string }> {
  const metadata = await sharp(bytes).metadata();
  return {
    width: metadata.width ?? 0,
    height: metadata.height ?? 0,
    channels: metadata.channels ?? 0,
    format: metadata.format ?? 'unknown',
  };
}

/** Decodes a PNG data URL as returned by POST /scan. */
export function dataUrlBytes(dataUrl: string): Buffer {
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}
