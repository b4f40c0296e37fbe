/**
 * The sentiment API contract as its consumers rely on it, written independently of the app's
 * code: a contract test that imported the provider's types would pass whatever it changed.
 */
export const LABELS = ['positive', 'negative', 'neutral'] as const;
export type SentimentLabel = (typeof LABELS)[number];

/** Limits the API documents: text length in code points, texts per batch. */
export const MAX_TEXT_LENGTH = 2000;
export const MAX_BATCH_SIZE = 100;

const wordScore = {
  type: 'object',
  required: ['word', 'lexiconScore', 'score', 'negated', 'modifiers'],
  additionalProperties: false,
  properties: {
    word: { type: 'string', minLength: 1 },
    lexiconScore: { type: 'integer', minimum: -5, maximum: 5, not: { const: 0 } },
    score: { type: 'number' },
    negated: { type: 'boolean' },
    modifiers: { type: 'array', items: { type: 'string', minLength: 1 } },
  },
};

const analysisProperties = {
  label: { enum: [...LABELS] },
  score: { type: 'number' },
  comparative: { type: 'number' },
  tokenCount: { type: 'integer', minimum: 0 },
  words: { type: 'array', items: wordScore },
};

const analysis = {
  type: 'object',
  required: Object.keys(analysisProperties),
  additionalProperties: false,
  properties: analysisProperties,
};

export const analysisSchema = { $id: 'sentiment/analysis', ...analysis };

export const batchSchema = {
  $id: 'sentiment/batch',
  type: 'object',
  required: ['results', 'count'],
  additionalProperties: false,
  properties: {
    results: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_BATCH_SIZE,
      items: analysis,
    },
    count: { type: 'integer', minimum: 1, maximum: MAX_BATCH_SIZE },
  },
};

export const errorSchema = {
  $id: 'sentiment/error',
  type: 'object',
  required: ['statusCode', 'error', 'code', 'message', 'details'],
  additionalProperties: false,
  properties: {
    statusCode: { type: 'integer', minimum: 400, maximum: 499 },
    error: { type: 'string', minLength: 1 },
    code: { type: 'string', pattern: '^[A-Z0-9_]+$' },
    message: { type: 'string', minLength: 1 },
    details: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        required: ['field', 'rule', 'message'],
        additionalProperties: false,
        properties: {
          field: { type: 'string', pattern: '^/' },
          rule: { type: 'string', minLength: 1 },
          message: { type: 'string', minLength: 1 },
        },
      },
    },
  },
};

export const healthSchema = {
  $id: 'sentiment/health',
  type: 'object',
  required: ['status', 'uptimeSeconds', 'lexicon', 'limits'],
  additionalProperties: false,
  properties: {
    status: { const: 'ok' },
    uptimeSeconds: { type: 'number', minimum: 0 },
    lexicon: {
      type: 'object',
      required: ['name', 'words', 'emoji'],
      properties: {
        name: { type: 'string', minLength: 1 },
        words: { type: 'integer', minimum: 1 },
        emoji: { type: 'integer', minimum: 1 },
      },
    },
    limits: {
      type: 'object',
      required: ['maxTextLength', 'maxBatchSize', 'bodyLimitBytes'],
      properties: {
        maxTextLength: { const: MAX_TEXT_LENGTH },
        maxBatchSize: { const: MAX_BATCH_SIZE },
        bodyLimitBytes: { type: 'integer', minimum: 1 },
      },
    },
  },
};

/** The fields of an analysis that the specs read. */
export interface Analysis {
  label: SentimentLabel;
  score: number;
  comparative: number;
  tokenCount: number;
  words: {
    word: string;
    lexiconScore: number;
    score: number;
    negated: boolean;
    modifiers: string[];
  }[];
}

export interface ErrorResponse {
  statusCode: number;
  code: string;
  message: string;
  details: { field: string; rule: string; message: string }[];
}
