import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';

import { toAnalysisImage } from '../analysis-image.ts';
import { cornerList, cornersFromList, roundCorners } from '../corners.ts';
import { scanDocument } from '../document-scanner.ts';
import { readUpload } from '../image-input.ts';
import { MAX_OUTPUT_SIDE } from '../limits.ts';
import { QueryReader } from '../query-options.ts';
import type { RawQuery } from '../query-options.ts';
import type { RouteContext } from './context.ts';

/**
 * Registers POST /scan: the page's corners in the upload's pixels (top-left first, clockwise)
 * and the flat page as a PNG data URL, thresholded to one channel unless clean=false.
 */
export function registerScanRoute(app: FastifyInstance, context: RouteContext): void {
  app.post('/scan', async (request) => {
    const reader = new QueryReader(request.query as RawQuery);
    const width = reader.integer('width', 1, MAX_OUTPUT_SIDE, false);
    const height = reader.integer('height', 1, MAX_OUTPUT_SIDE, false);
    const clean = reader.flag('clean') ?? true;
    reader.finish('POST /scan');

    return context.gate.run(async () => {
      const upload = await readUpload(request.body, request.headers['content-type'], {
        oversizeWrongStatus: context.faults.on('vision.oversize-wrong-status'),
        crashOnTruncatedPng: context.faults.on('vision.crash-on-truncated-png'),
      });
      const { image, scale } = await toAnalysisImage(upload);
      const result = scanDocument(context.cv, image, {
        width,
        height,
        clean,
        cornersWrongOrder: context.faults.on('vision.corners-wrong-order'),
      });

      const png = await sharp(result.pixels, {
        raw: { width: result.width, height: result.height, channels: result.channels },
      })
        // A raw single channel would otherwise be written as three equal sRGB channels.
        .toColourspace(result.channels === 1 ? 'b-w' : 'srgb')
        .png()
        .toBuffer();
      const corners = roundCorners(
        cornersFromList(
          cornerList(result.corners).map((point) => ({ x: point.x * scale, y: point.y * scale })),
        ),
      );
      return {
        corners,
        width: result.width,
        height: result.height,
        channels: result.channels,
        image: `data:image/png;base64,${png.toString('base64')}`,
      };
    });
  });
}
