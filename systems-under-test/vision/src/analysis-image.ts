import sharp from 'sharp';

import { decodeOptions } from './image-input.ts';
import type { UploadedImage } from './image-input.ts';
import { MAX_ANALYSIS_SIDE } from './limits.ts';
import type { RgbaImage } from './qr-reader.ts';

/** RGBA pixels for the detectors, and the factor that maps their coordinates back to the upload. */
export interface AnalysisImage {
  image: RgbaImage;
  /** Upload pixels per analysis pixel: 1 unless the upload was scaled down. */
  scale: number;
}

/** Decodes an upload to RGBA, scaled down to MAX_ANALYSIS_SIDE on its longer side when larger. */
export async function toAnalysisImage(upload: UploadedImage): Promise<AnalysisImage> {
  const { data, info } = await sharp(upload.bytes, decodeOptions())
    .resize({
      width: MAX_ANALYSIS_SIDE,
      height: MAX_ANALYSIS_SIDE,
      fit: 'inside',
      withoutEnlargement: true,
    })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    image: {
      data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
      width: info.width,
      height: info.height,
    },
    scale: upload.width / info.width,
  };
}
