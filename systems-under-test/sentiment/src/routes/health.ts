import type { FastifyInstance } from 'fastify';

import { BODY_LIMIT_BYTES, MAX_BATCH_SIZE, MAX_TEXT_LENGTH } from '../limits.ts';
import { LEXICON_NAME, LEXICON_SIZE } from '../model/lexicon.ts';

/** Registers GET /health: status, uptime since the app was built, the lexicon and the input limits. */
export function registerHealthRoute(app: FastifyInstance): void {
  const builtAt = performance.now();

  app.get('/health', () => ({
    status: 'ok' as const,
    uptimeSeconds: (performance.now() - builtAt) / 1000,
    lexicon: { name: LEXICON_NAME, words: LEXICON_SIZE.words, emoji: LEXICON_SIZE.emoji },
    limits: {
      maxTextLength: MAX_TEXT_LENGTH,
      maxBatchSize: MAX_BATCH_SIZE,
      bodyLimitBytes: BODY_LIMIT_BYTES,
    },
  }));
}
