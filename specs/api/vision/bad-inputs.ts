/**
 * Damaged and hostile uploads, built from a valid sample so that each differs from a good file
 * in one way only. PNG headers are patched and their CRC recomputed, so libpng sees a header that
 * is valid except for the value under test.
 */
import { crc32 } from 'node:zlib';

import { fixtureBytes, sample } from './fixtures.ts';

/** Sets width and height in a PNG's IHDR (bytes 16 to 23) and fixes the chunk's CRC. */
export function pngWithDimensions(width: number, height: number): Buffer {
  const png = Buffer.from(sample('sample.png').bytes);
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  // The CRC covers the chunk type and data: bytes 12 to 28, stored at 29.
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

/** Sets the logical screen size of a GIF (bytes 6 to 9, little-endian). */
export function gifWithDimensions(width: number, height: number): Buffer {
  const gif = Buffer.from(sample('sample.gif').bytes);
  gif.writeUInt16LE(width, 6);
  gif.writeUInt16LE(height, 8);
  return gif;
}

export function truncated(bytes: Buffer, share: number): Buffer {
  return bytes.subarray(0, Math.floor(bytes.length * share));
}

export interface BadUpload {
  name: string;
  body: Buffer;
  /** undefined sends no Content-Type header. */
  contentType: string | undefined;
  status: number;
  code: string;
  /** A phrase that the message must contain, naming the value or what to do. */
  mentions: string;
  /** Uploads large enough (9 MiB to each of 8 endpoints) to need Playwright's slow-test timeout. */
  slow?: boolean;
}

const png = () => sample('sample.png').bytes;
const jpeg = () => sample('sample.jpg').bytes;

// One row per case, kept on one line each so the table reads as a table.
// prettier-ignore
export const BAD_UPLOADS: BadUpload[] = [
  { name: 'empty body', body: Buffer.alloc(0), contentType: 'image/png', status: 400, code: 'EMPTY_BODY', mentions: '0 bytes' },
  { name: 'no Content-Type', body: png(), contentType: undefined, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', mentions: 'missing' },
  { name: 'JSON Content-Type', body: Buffer.from('{"image":"x"}'), contentType: 'application/json', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', mentions: 'application/json' },
  { name: 'multipart form', body: Buffer.from('--x\r\n\r\n--x--'), contentType: 'multipart/form-data; boundary=x', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', mentions: 'multipart/form-data' },
  { name: 'JPEG sent as image/png', body: jpeg(), contentType: 'image/png', status: 415, code: 'CONTENT_TYPE_MISMATCH', mentions: 'JPEG' },
  { name: 'text sent as image/png', body: Buffer.from('this is not an image at all'), contentType: 'image/png', status: 415, code: 'UNSUPPORTED_IMAGE_FORMAT', mentions: 'not a PNG, JPEG, WebP, GIF or TIFF' },
  { name: 'SVG document', body: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'), contentType: 'application/octet-stream', status: 415, code: 'UNSUPPORTED_IMAGE_FORMAT', mentions: 'SVG' },
  { name: 'PDF document', body: Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), contentType: 'application/octet-stream', status: 415, code: 'UNSUPPORTED_IMAGE_FORMAT', mentions: 'PDF' },
  { name: 'PNG cut after its header', body: png().subarray(0, 60), contentType: 'image/png', status: 422, code: 'CORRUPT_IMAGE', mentions: 'cannot be decoded' },
  { name: 'PNG cut short in its pixel data', body: truncated(png(), 0.6), contentType: 'image/png', status: 422, code: 'CORRUPT_IMAGE', mentions: 'cut short' },
  { name: 'JPEG cut short', body: truncated(jpeg(), 0.5), contentType: 'image/jpeg', status: 422, code: 'CORRUPT_IMAGE', mentions: 'JPEG' },
  { name: 'PNG of 0 × 0 pixels', body: pngWithDimensions(0, 0), contentType: 'image/png', status: 422, code: 'ZERO_SIZE_IMAGE', mentions: '0 × 0' },
  { name: 'GIF of 64 × 0 pixels', body: gifWithDimensions(64, 0), contentType: 'image/gif', status: 422, code: 'ZERO_SIZE_IMAGE', mentions: '64 × 0' },
  { name: 'PNG header claiming 100,000 × 100,000', body: pngWithDimensions(100_000, 100_000), contentType: 'image/png', status: 413, code: 'TOO_MANY_PIXELS', mentions: '100000 × 100000' },
  { name: 'PNG strip 13,000 pixels wide', body: pngWithDimensions(13_000, 10), contentType: 'image/png', status: 413, code: 'TOO_MANY_PIXELS', mentions: '12,000 pixels per side' },
  { name: 'decompression bomb of 20,000 × 20,000', body: fixtureBytes('bad/bomb-20000x20000.png'), contentType: 'image/png', status: 413, code: 'TOO_MANY_PIXELS', mentions: '400,000,000 pixels' },
  { name: 'body over 8 MiB', body: Buffer.concat([png(), Buffer.alloc(8 * 1024 * 1024)]), contentType: 'image/png', status: 413, code: 'PAYLOAD_TOO_LARGE', mentions: '8 MiB', slow: true },
];
