/** Small images in every supported format for the image operations, with their known properties. */
import { Raster } from './raster.ts';

export interface SampleImage {
  file: string;
  format: 'png' | 'jpeg' | 'webp' | 'gif' | 'tiff';
  width: number;
  height: number;
  channels: 3 | 4;
}

export const SAMPLE_IMAGES: SampleImage[] = [
  { file: 'sample.png', format: 'png', width: 160, height: 120, channels: 3 },
  { file: 'sample-alpha.png', format: 'png', width: 120, height: 90, channels: 4 },
  { file: 'sample.jpg', format: 'jpeg', width: 200, height: 150, channels: 3 },
  { file: 'sample.webp', format: 'webp', width: 100, height: 100, channels: 3 },
  { file: 'sample.gif', format: 'gif', width: 64, height: 48, channels: 3 },
  { file: 'sample.tiff', format: 'tiff', width: 80, height: 60, channels: 3 },
];

/** Draws a colour gradient with a dark square and a light bar, so that every operation visibly changes it. */
export function drawSample(width: number, height: number, withAlpha: boolean): Raster {
  const raster = new Raster(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const offset = (y * width + x) * 4;
      raster.data[offset] = (255 * x) / (width - 1);
      raster.data[offset + 1] = (255 * y) / (height - 1);
      raster.data[offset + 2] = 160;
      // Opaque on the left, fading to a quarter at the right edge.
      if (withAlpha) raster.data[offset + 3] = 255 - (191 * x) / (width - 1);
    }
  }
  raster.fillRect(
    Math.round(width / 8),
    Math.round(height / 4),
    Math.round(width / 4),
    Math.round(height / 2),
    [20, 20, 20],
  );
  raster.fillRect(
    Math.round(width / 2),
    Math.round(height / 8),
    Math.round(width / 3),
    Math.round(height / 10),
    [250, 250, 240],
  );
  return raster;
}
