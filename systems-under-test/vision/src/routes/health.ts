import type { FastifyInstance } from 'fastify';

import { MAX_INPUT_PIXELS, MAX_INPUT_SIDE, MAX_OUTPUT_SIDE, MAX_UPLOAD_BYTES } from '../limits.ts';
import type { RouteContext } from './context.ts';

/** Registers GET /health: ready once OpenCV has loaded, which happens before the app listens. */
export function registerHealthRoute(app: FastifyInstance, context: RouteContext): void {
  const builtAt = performance.now();

  app.get('/health', () => ({
    status: 'ok' as const,
    opencv: 'ready' as const,
    uptimeSeconds: (performance.now() - builtAt) / 1000,
    jobs: { running: context.gate.active, queued: context.gate.queued },
    limits: {
      maxUploadBytes: MAX_UPLOAD_BYTES,
      maxInputPixels: MAX_INPUT_PIXELS,
      maxInputSide: MAX_INPUT_SIDE,
      maxOutputSide: MAX_OUTPUT_SIDE,
    },
  }));
}
