import type { FastifyInstance } from 'fastify';

import type { Faults } from '../faults.ts';
import { ApiError } from '../http/api-error.ts';
import { MAX_ERROR_DETAILS } from '../limits.ts';
import { analyzeSentiment } from '../model/analyzer.ts';
import { describeProblems, validateSentimentBody } from '../request-validation.ts';

/**
 * Registers POST /sentiment. One text (`text`) returns its analysis; a batch (`texts`) returns
 * `{ results, count }` with the analyses in request order.
 */
export function registerSentimentRoute(app: FastifyInstance, faults: Faults): void {
  app.post('/sentiment', (request) => {
    const validation = validateSentimentBody(request.body, faults);
    if (!validation.valid) {
      const shown = validation.problems.slice(0, MAX_ERROR_DETAILS);
      throw new ApiError(
        400,
        'VALIDATION_ERROR',
        describeProblems(validation.problems, shown.length),
        shown,
      );
    }

    const sentimentRequest = validation.request;
    if (sentimentRequest.kind === 'single') {
      return analyzeSentiment(sentimentRequest.text, faults);
    }

    const results = sentimentRequest.texts.map((text) => analyzeSentiment(text, faults));
    // Seeded fault sentiment.batch-field-renamed: the list goes out under another name.
    if (faults.on('sentiment.batch-field-renamed')) {
      return { sentiments: results, count: results.length };
    }
    return { results, count: results.length };
  });
}
