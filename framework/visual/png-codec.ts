/**
 * PNG decoding and encoding through one of two codecs: sharp (libvips and
 * libpng, native, shipped in sharp's npm package) or pngjs (pure JavaScript).
 * bench/visual-compare.ts measures both; sharp decodes a 1920x1080 screenshot
 * several times faster, so `auto` takes sharp and falls back to pngjs when
 * sharp cannot be loaded (no prebuilt binary for the platform).
 */
import { PNG } from 'pngjs';
import type SharpFunction from 'sharp';

import { createLogger } from '../logging/index.ts';
import type { RgbaImage } from './types.ts';

const log = createLogger('visual');

export type CodecName = 'sharp' | 'pngjs';
export type CodecChoice = CodecName | 'auto';

export const CODEC_CHOICES: readonly CodecChoice[] = ['auto', 'sharp', 'pngjs'];

type Sharp = typeof SharpFunction;

let sharpModule: Sharp | null | undefined;
let loading: Promise<Sharp | null> | undefined;

/** Loads sharp once; null when it is not installed or its binary does not load here. */
async function loadSharp(): Promise<Sharp | null> {
  if (sharpModule !== undefined) return sharpModule;
  loading ??= importSharp();
  return loading;
}

async function importSharp(): Promise<Sharp | null> {
  try {
    const loaded = (await import('sharp')).default;
    // libvips caches recent operations by their input; screenshots are never decoded twice,
    // so the cache would only hold memory (and make benchmarks of repeated inputs unfair).
    loaded.cache(false);
    sharpModule = loaded;
  } catch (error) {
    log('sharp is not available, PNGs go through pngjs: %s', (error as Error).message);
    sharpModule = null;
  }
  return sharpModule;
}

/** The codec that `choice` resolves to on this machine. */
export async function resolveCodec(choice: CodecChoice = 'auto'): Promise<CodecName> {
  if (choice === 'pngjs') return 'pngjs';
  const sharp = await loadSharp();
  if (sharp) return 'sharp';
  if (choice === 'sharp') {
    throw new Error(
      'The PNG codec "sharp" was asked for, but the sharp package does not load on this machine. ' +
        'Reinstall it (npm install sharp) or use codec: "pngjs".',
    );
  }
  return 'pngjs';
}

async function resolveSharp(choice: CodecChoice): Promise<Sharp | null> {
  return (await resolveCodec(choice)) === 'sharp' ? loadSharp() : null;
}

/** Whether `buffer` starts with the 8-byte PNG signature. */
export function isPng(buffer: Uint8Array): boolean {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return buffer.length >= 8 && signature.every((byte, index) => buffer[index] === byte);
}

/** Reads width and height from the IHDR chunk without decoding the image. */
export function readPngSize(buffer: Uint8Array): { width: number; height: number } {
  if (!isPng(buffer) || buffer.length < 24)
    throw new Error('Not a PNG file: the signature is missing.');
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Decodes a PNG to RGBA, 8 bits a channel. */
export async function decodePng(
  buffer: Uint8Array,
  choice: CodecChoice = 'auto',
): Promise<RgbaImage> {
  if (!isPng(buffer)) {
    throw new Error(
      `Expected a PNG image, but the data (${buffer.length} bytes) has no PNG signature.`,
    );
  }
  const sharp = choice === 'pngjs' ? null : (sharpModule ?? (await resolveSharp(choice)));
  if (sharp) {
    const { data, info } = await sharp(buffer)
      .ensureAlpha()
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data };
  }
  const png = PNG.sync.read(Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength));
  return { width: png.width, height: png.height, data: png.data };
}

/**
 * Encodes RGBA pixels as PNG. Diff images are written for people to look at
 * once, so the fastest zlib level is used: level 1 with no filter search
 * costs a few percent of size and saves most of the time.
 */
export async function encodePng(image: RgbaImage, choice: CodecChoice = 'auto'): Promise<Buffer> {
  const sharp = choice === 'pngjs' ? null : (sharpModule ?? (await resolveSharp(choice)));
  if (sharp) {
    return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } })
      .png({ compressionLevel: 1, adaptiveFiltering: false })
      .toBuffer();
  }
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return PNG.sync.write(png, { deflateLevel: 1, filterType: 0 });
}
