/**
 * The raster formats that the service reads, recognised by their signature bytes rather than by
 * the Content-Type header or by sharp. sharp (libvips) also reads SVG, PDF and formats through
 * ImageMagick; those are never handed to it, because an SVG can reference external resources
 * and a PDF runs a full interpreter.
 */

export const IMAGE_FORMATS = ['png', 'jpeg', 'webp', 'gif', 'tiff'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/** Formats that the service writes (`format` query parameter). */
export const OUTPUT_FORMATS = ['png', 'jpeg', 'webp', 'gif', 'tiff'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const MEDIA_TYPES: Record<ImageFormat, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  tiff: 'image/tiff',
};

/** Content types a request body may declare: one per format, or octet-stream to let the bytes decide. */
export const ACCEPTED_CONTENT_TYPES = [...Object.values(MEDIA_TYPES), 'application/octet-stream'];

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

/**
 * Recognises a format from its first bytes. Signatures from the format specifications:
 * PNG (ISO/IEC 15948 §5.2), JPEG SOI marker (ITU T.81 B.1.1.2), GIF87a/GIF89a, WebP RIFF
 * container ("RIFF" size "WEBP"), TIFF byte-order mark "II*\0" or "MM\0*" (TIFF 6.0 §2).
 */
export function detectImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39)) {
    return 'gif';
  }
  if (
    startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) &&
    startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)
  ) {
    return 'webp';
  }
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return 'tiff';
  }
  return undefined;
}

/** Names what the first bytes look like, for the message of an unsupported upload. */
export function describeUnsupportedBytes(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1').trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) {
    return 'an SVG document';
  }
  if (head.startsWith('%pdf')) return 'a PDF document';
  if (head.startsWith('bm')) return 'a BMP image';
  if (startsWith(bytes, [0x00, 0x00, 0x00]) && head.slice(4, 8) === 'ftyp')
    return 'an HEIF or AVIF image';
  if (head.startsWith('{') || head.startsWith('[')) return 'JSON';
  if (head.startsWith('<')) return 'HTML or XML';
  return 'data of no supported image format';
}

/**
 * Width and height from the header of a PNG (IHDR, bytes 16 to 23, big-endian) or GIF (logical
 * screen, bytes 6 to 9, little-endian), read directly so that a declared size of zero gets its
 * own message; libvips reports it only as a corrupt header.
 */
export function peekDimensions(
  format: ImageFormat,
  bytes: Buffer,
): { width: number; height: number } | undefined {
  if (format === 'png' && bytes.length >= 24) {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (format === 'gif' && bytes.length >= 10) {
    return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
  }
  return undefined;
}
