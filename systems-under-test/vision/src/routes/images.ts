import type { FastifyInstance } from 'fastify';

import { MEDIA_TYPES } from '../image-format.ts';
import { readUpload } from '../image-input.ts';
import { OPERATIONS, applyOperation, parseOperationRequest } from '../image-operations.ts';
import type { RawQuery } from '../query-options.ts';
import type { RouteContext } from './context.ts';

/**
 * Registers POST /images/<operation> for resize, grayscale, blur, rotate, crop and convert.
 * The body is the image; options are query parameters; the answer is the processed image, with
 * its size and channel count in X-Image-* headers read back from the encoded result.
 */
export function registerImageRoutes(app: FastifyInstance, context: RouteContext): void {
  for (const operation of OPERATIONS) {
    app.post(`/images/${operation}`, async (request, reply) => {
      const plan = parseOperationRequest(operation, request.query as RawQuery);

      const result = await context.gate.run(async () => {
        const upload = await readUpload(request.body, request.headers['content-type'], {
          oversizeWrongStatus: context.faults.on('vision.oversize-wrong-status'),
          crashOnTruncatedPng: context.faults.on('vision.crash-on-truncated-png'),
        });
        return applyOperation(plan, upload, {
          grayscaleThreeChannels: context.faults.on('vision.grayscale-three-channels'),
          resizeOffByOne: context.faults.on('vision.resize-off-by-one'),
        });
      });

      return reply
        .header('content-type', MEDIA_TYPES[result.format])
        .header('x-image-width', String(result.width))
        .header('x-image-height', String(result.height))
        .header('x-image-channels', String(result.channels))
        .header('x-image-format', result.format)
        .send(result.bytes);
    });
  }
}
