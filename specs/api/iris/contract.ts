/**
 * The Iris API contract as its consumers rely on it, written independently of
 * the service's own route schemas: a contract test that imported the
 * provider's schemas would pass whatever the provider changed.
 */
export const SPECIES = ['setosa', 'versicolor', 'virginica'] as const;
export type Species = (typeof SPECIES)[number];

export const FEATURES = ['sepalLength', 'sepalWidth', 'petalLength', 'petalWidth'] as const;

const probability = { type: 'number', minimum: 0, maximum: 1 };
const modelVersion = { type: 'string', pattern: '^[0-9a-f]{12}$' };

const prediction = {
  type: 'object',
  required: ['species', 'probabilities'],
  properties: {
    species: { enum: [...SPECIES] },
    probabilities: {
      type: 'object',
      required: [...SPECIES],
      additionalProperties: false,
      properties: { setosa: probability, versicolor: probability, virginica: probability },
    },
  },
};

export const singlePredictionSchema = {
  $id: 'iris/single-prediction',
  ...prediction,
  required: [...prediction.required, 'modelVersion'],
  properties: { ...prediction.properties, modelVersion },
  additionalProperties: false,
};

export const batchPredictionSchema = {
  $id: 'iris/batch-prediction',
  type: 'object',
  required: ['predictions', 'count', 'modelVersion'],
  additionalProperties: false,
  properties: {
    predictions: { type: 'array', items: { ...prediction, additionalProperties: false } },
    count: { type: 'integer', minimum: 1, maximum: 1000 },
    modelVersion,
  },
};

export const errorSchema = {
  $id: 'iris/error',
  type: 'object',
  required: ['statusCode', 'error', 'code', 'message', 'details'],
  properties: {
    statusCode: { type: 'integer', minimum: 400, maximum: 499 },
    error: { type: 'string', minLength: 1 },
    code: { type: 'string', pattern: '^[A-Z_]+$' },
    message: { type: 'string', minLength: 1 },
    details: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'rule', 'message'],
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
  $id: 'iris/health',
  type: 'object',
  required: ['status', 'modelVersion', 'uptimeSeconds'],
  properties: {
    status: { const: 'ok' },
    modelVersion,
    uptimeSeconds: { type: 'number', minimum: 0 },
  },
};

const classScores = {
  type: 'object',
  required: ['precision', 'recall', 'support'],
  properties: {
    precision: probability,
    recall: probability,
    support: { type: 'integer', minimum: 0 },
  },
};

export const modelSchema = {
  $id: 'iris/model',
  type: 'object',
  required: ['name', 'version', 'trainedAt', 'algorithm', 'seed', 'features', 'classes', 'metrics'],
  properties: {
    name: { type: 'string', minLength: 1 },
    version: modelVersion,
    trainedAt: { type: 'string', format: 'date-time' },
    algorithm: { type: 'string', minLength: 1 },
    seed: { type: 'integer' },
    features: { const: [...FEATURES] },
    classes: { const: [...SPECIES] },
    metrics: {
      type: 'object',
      required: [
        'modelVersion',
        'accuracy',
        'holdoutSize',
        'perClass',
        'confusionMatrix',
        'baseline',
      ],
      properties: {
        modelVersion,
        accuracy: probability,
        holdoutSize: { type: 'integer', minimum: 1 },
        perClass: {
          type: 'object',
          required: [...SPECIES],
          properties: { setosa: classScores, versicolor: classScores, virginica: classScores },
        },
        confusionMatrix: {
          type: 'array',
          minItems: 3,
          maxItems: 3,
          items: {
            type: 'array',
            minItems: 3,
            maxItems: 3,
            items: { type: 'integer', minimum: 0 },
          },
        },
        baseline: {
          type: 'object',
          required: ['algorithm', 'accuracy'],
          properties: { algorithm: { type: 'string' }, accuracy: probability },
        },
      },
    },
  },
};
