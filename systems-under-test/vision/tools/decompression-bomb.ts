/**
 * A decompression bomb: a valid 1-bit greyscale PNG of 20,000 × 20,000 black pixels. Its
 * pixel data deflates about 1,000 to 1, so the file is some 50 KB while its decoded RGBA
 * pixels would take 1.6 GB.
 */
import { crc32, deflateSync } from 'node:zlib';

export const BOMB_SIDE = 20_000;

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, checksum]);
}

/** Builds the PNG chunk by chunk (ISO/IEC 15948: signature, IHDR, IDAT, IEND). */
export function buildDecompressionBomb(side = BOMB_SIDE): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // colour type: greyscale
  // Each row is a filter-type byte (0, none) and side / 8 bytes of zero bits: all black.
  const rows = Buffer.alloc((1 + Math.ceil(side / 8)) * side);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
