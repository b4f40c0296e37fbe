import type { FastifyInstance } from 'fastify';

import { toAnalysisImage } from '../analysis-image.ts';
import { cornerList, cornersFromList, roundCorners } from '../corners.ts';
import { readUpload } from '../image-input.ts';
import { QueryReader } from '../query-options.ts';
import type { RawQuery } from '../query-options.ts';
import { QR_ENGINES, readQrCodes } from '../qr-reader.ts';
import type { QrEngine } from '../qr-reader.ts';
import type { RouteContext } from './context.ts';

const ENGINE_CHOICES = ['both', ...QR_ENGINES] as const;

/**
 * Registers POST /qr: every QR code in the image, with text, corners (in the upload's pixels)
 * and the readers that found it. `engine` picks jsqr, opencv or both (the default).
 */
export function registerQrRoute(app: FastifyInstance, context: RouteContext): void {
  app.post('/qr', async (request) => {
    const reader = new QueryReader(request.query as RawQuery);
    const choice = reader.choice('engine', ENGINE_CHOICES) ?? 'both';
    reader.finish('POST /qr');
    const engines: QrEngine[] = choice === 'both' ? [...QR_ENGINES] : [choice];

    return context.gate.run(async () => {
      const upload = await readUpload(request.body, request.headers['content-type'], {
        oversizeWrongStatus: context.faults.on('vision.oversize-wrong-status'),
        crashOnTruncatedPng: context.faults.on('vision.crash-on-truncated-png'),
      });
      const { image, scale } = await toAnalysisImage(upload);
      const reading = readQrCodes(image, engines, context.cv, {
        firstOnly: context.faults.on('vision.qr-first-code-only'),
      });

      return {
        width: upload.width,
        height: upload.height,
        codes: reading.codes.map((code) => ({
          ...code,
          corners: roundCorners(
            cornersFromList(
              cornerList(code.corners).map((point) => ({ x: point.x * scale, y: point.y * scale })),
            ),
          ),
        })),
        engines: reading.engines,
      };
    });
  });
}
