/**
 * Writes every fixture of the vision service and the expected results next to them. Everything
 * is drawn from seeded generators and written with fixed encoder settings, so two runs write
 * the same files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { format } from 'prettier';
import sharp from 'sharp';

import { buildDecompressionBomb, BOMB_SIDE } from './decompression-bomb.ts';
import {
  DOCUMENT_SCENES,
  PAGE_HEIGHT,
  PAGE_WIDTH,
  drawDocumentScene,
  drawPage,
} from './document-scenes.ts';
import { QR_SCENES, drawQrScene } from './qr-scenes.ts';
import type { Raster } from './raster.ts';
import { SAMPLE_IMAGES, drawSample } from './sample-images.ts';

export const FIXTURES_DIR = new URL('../fixtures/', import.meta.url).pathname;

/** The corner tolerance that the specs allow, in pixels: about one QR module or 1 % of the page. */
export const QR_CORNER_TOLERANCE = 6;
export const DOCUMENT_CORNER_TOLERANCE = 8;

async function encode(raster: Raster, file: string, channels: 3 | 4 = 3): Promise<Buffer> {
  let image = sharp(Buffer.from(raster.data.buffer), {
    raw: { width: raster.width, height: raster.height, channels: 4 },
  });
  if (channels === 3) image = image.removeAlpha();
  if (file.endsWith('.png')) return image.png({ compressionLevel: 9, palette: false }).toBuffer();
  if (file.endsWith('.jpg'))
    return image.jpeg({ quality: 90, chromaSubsampling: '4:4:4' }).toBuffer();
  if (file.endsWith('.webp')) return image.webp({ lossless: true }).toBuffer();
  if (file.endsWith('.gif')) return image.gif({ dither: 0 }).toBuffer();
  if (file.endsWith('.tiff')) return image.tiff({ compression: 'lzw' }).toBuffer();
  throw new Error(`No encoder for ${file}.`);
}

/** JSON as Prettier writes it, so that `npm run format:check` accepts the generated files. */
function json(value: unknown): Promise<string> {
  return format(JSON.stringify(value), { parser: 'json' });
}

/** Writes all fixtures under `root` and returns the paths written, relative to it. */
export async function generateFixtures(root = FIXTURES_DIR): Promise<string[]> {
  const written: string[] = [];
  const write = async (path: string, data: Buffer | string): Promise<void> => {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), data);
    written.push(path);
  };

  const qrExpected = [];
  for (const scene of QR_SCENES) {
    const { raster, expected } = drawQrScene(scene);
    await write(`qr/${scene.file}`, await encode(raster, scene.file));
    qrExpected.push({
      file: scene.file,
      description: scene.description,
      width: scene.width,
      height: scene.height,
      codes: expected,
    });
  }
  await write(
    'qr/expected.json',
    await json({ cornerTolerancePx: QR_CORNER_TOLERANCE, fixtures: qrExpected }),
  );

  const page = drawPage();
  await write('documents/page.png', await encode(page, 'page.png'));
  const documentExpected = [];
  for (const scene of DOCUMENT_SCENES) {
    const { raster, corners } = drawDocumentScene(scene, page);
    await write(`documents/${scene.file}`, await encode(raster, scene.file));
    documentExpected.push(
      corners === undefined
        ? { file: scene.file, description: scene.description, error: 'NO_DOCUMENT_FOUND' }
        : {
            file: scene.file,
            description: scene.description,
            corners: {
              topLeft: corners[0],
              topRight: corners[1],
              bottomRight: corners[2],
              bottomLeft: corners[3],
            },
            page: 'page.png',
          },
    );
  }
  await write(
    'documents/expected.json',
    await json({
      cornerTolerancePx: DOCUMENT_CORNER_TOLERANCE,
      pageWidth: PAGE_WIDTH,
      pageHeight: PAGE_HEIGHT,
      fixtures: documentExpected,
    }),
  );

  for (const sample of SAMPLE_IMAGES) {
    const raster = drawSample(sample.width, sample.height, sample.channels === 4);
    await write(`images/${sample.file}`, await encode(raster, sample.file, sample.channels));
  }
  await write('images/expected.json', await json({ fixtures: SAMPLE_IMAGES }));

  await write(`bad/bomb-${BOMB_SIDE}x${BOMB_SIDE}.png`, buildDecompressionBomb());
  return written;
}
