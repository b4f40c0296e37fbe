/**
 * JSON Schemas of the Iris service: request bodies, responses and the files in the artifacts
 * folder. Routes use them for validation, serialization and the OpenAPI document, and other
 * code (contract tests, the artifact loader) can import them.
 */
import { CLASS_NAMES, FEATURE_NAMES } from './dataset.ts';
import type { FeatureName } from './dataset.ts';

/** Largest accepted measurement in cm. The largest value in the Iris data set is 7.9 cm. */
export const MAX_FEATURE_CM = 30;

/** Largest number of samples in one batch request. */
export const MAX_BATCH_SIZE = 1000;

/** Maximum request body size in bytes (1 MiB). Larger bodies get 413. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Maximum number of entries in an error's `details`. With allErrors, ajv reports one error per
 * failed rule, so a body with 60,000 unknown keys would otherwise return 60,000 details (5 MB).
 */
export const MAX_ERROR_DETAILS = 20;

const FEATURE_DESCRIPTIONS: Record<FeatureName, string> = {
  sepalLength: 'Sepal length in cm.',
  sepalWidth: 'Sepal width in cm.',
  petalLength: 'Petal length in cm.',
  petalWidth: 'Petal width in cm.',
};

const featureProperties = Object.fromEntries(
  FEATURE_NAMES.map((name) => [
    name,
    {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: MAX_FEATURE_CM,
      description: FEATURE_DESCRIPTIONS[name],
    },
  ]),
);

/** One flower to classify. */
export const sampleSchema = {
  title: 'IrisSample',
  type: 'object',
  required: [...FEATURE_NAMES],
  additionalProperties: false,
  properties: featureProperties,
  examples: [{ sepalLength: 5.1, sepalWidth: 3.5, petalLength: 1.4, petalWidth: 0.2 }],
};

/** Several flowers to classify in one request. */
export const batchRequestSchema = {
  title: 'IrisBatch',
  type: 'object',
  required: ['instances'],
  additionalProperties: false,
  properties: {
    instances: { type: 'array', minItems: 1, maxItems: MAX_BATCH_SIZE, items: sampleSchema },
  },
};

/**
 * Body of POST /predict, as the OpenAPI document shows it. The route validates it with
 * predict-body-validator.ts, which checks only the branch that the body is meant for.
 */
export const predictRequestSchema = {
  oneOf: [sampleSchema, batchRequestSchema],
};

const probabilitiesSchema = {
  type: 'object',
  description: 'Share of the forest trees voting for each species. The shares sum to 1.',
  required: [...CLASS_NAMES],
  additionalProperties: false,
  properties: Object.fromEntries(
    CLASS_NAMES.map((name) => [name, { type: 'number', minimum: 0, maximum: 1 }]),
  ),
};

const speciesSchema = { type: 'string', enum: [...CLASS_NAMES] };

const modelVersionSchema = {
  type: 'string',
  pattern: '^[0-9a-f]{12}$',
  description: 'First 12 hex characters of the SHA-256 of the model artifact content.',
};

/** Prediction for one sample inside a batch response. */
export const predictionSchema = {
  type: 'object',
  required: ['species', 'probabilities'],
  additionalProperties: false,
  properties: { species: speciesSchema, probabilities: probabilitiesSchema },
};

/** Response to a single-sample request. */
export const singlePredictionResponseSchema = {
  title: 'SinglePrediction',
  type: 'object',
  required: ['species', 'probabilities', 'modelVersion'],
  additionalProperties: false,
  properties: {
    species: speciesSchema,
    probabilities: probabilitiesSchema,
    modelVersion: modelVersionSchema,
  },
};

/** Response to a batch request, with predictions in request order. */
export const batchPredictionResponseSchema = {
  title: 'BatchPrediction',
  type: 'object',
  required: ['predictions', 'count', 'modelVersion'],
  additionalProperties: false,
  properties: {
    predictions: { type: 'array', items: predictionSchema },
    count: { type: 'integer', minimum: 1, maximum: MAX_BATCH_SIZE },
    modelVersion: modelVersionSchema,
  },
};

/** Body of every 4xx and 5xx response. */
export const errorResponseSchema = {
  title: 'ErrorResponse',
  type: 'object',
  required: ['statusCode', 'error', 'code', 'message', 'details'],
  additionalProperties: false,
  properties: {
    statusCode: { type: 'integer', minimum: 400, maximum: 599 },
    error: { type: 'string', description: 'HTTP reason phrase, for example "Bad Request".' },
    code: {
      type: 'string',
      description:
        'Machine-readable error code: VALIDATION_ERROR, INVALID_JSON, FORBIDDEN_PROPERTY, ' +
        'EMPTY_BODY, UNSUPPORTED_MEDIA_TYPE, PAYLOAD_TOO_LARGE, NOT_FOUND, METHOD_NOT_ALLOWED, ' +
        'BAD_URL, INTERNAL_ERROR, or for other client errors the reason phrase in upper snake ' +
        'case, such as BAD_REQUEST for a malformed HTTP request.',
    },
    message: { type: 'string' },
    details: {
      type: 'array',
      description:
        `One entry per failed validation rule, at most the first ${MAX_ERROR_DETAILS}; ` +
        '`message` gives the total. One entry for FORBIDDEN_PROPERTY, empty for other errors.',
      items: {
        type: 'object',
        required: ['field', 'rule', 'message'],
        additionalProperties: false,
        properties: {
          field: {
            type: 'string',
            description: 'JSON pointer into the body, or "/" for the whole body.',
          },
          rule: {
            type: 'string',
            description: 'JSON Schema keyword that failed, or "forbidden" for FORBIDDEN_PROPERTY.',
          },
          message: { type: 'string' },
        },
      },
    },
  },
};

const classScoresSchema = {
  type: 'object',
  required: ['precision', 'recall', 'support'],
  additionalProperties: false,
  properties: {
    precision: { type: 'number', minimum: 0, maximum: 1 },
    recall: { type: 'number', minimum: 0, maximum: 1 },
    support: { type: 'integer', minimum: 0 },
  },
};

/** Content of metrics.json: holdout evaluation of the served model and of the baseline. */
export const trainingMetricsSchema = {
  title: 'TrainingMetrics',
  type: 'object',
  required: [
    'modelVersion',
    'modelFile',
    'trainedAt',
    'seed',
    'algorithm',
    'trainingSize',
    'holdoutSize',
    'holdoutFraction',
    'classes',
    'accuracy',
    'perClass',
    'confusionMatrix',
    'baseline',
  ],
  additionalProperties: false,
  properties: {
    modelVersion: modelVersionSchema,
    modelFile: { type: 'string' },
    trainedAt: { type: 'string', format: 'date-time' },
    seed: { type: 'integer', minimum: 0 },
    algorithm: { type: 'string' },
    trainingSize: { type: 'integer', minimum: 1 },
    holdoutSize: { type: 'integer', minimum: 1 },
    holdoutFraction: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
    classes: { type: 'array', items: speciesSchema },
    accuracy: { type: 'number', minimum: 0, maximum: 1 },
    perClass: {
      type: 'object',
      required: [...CLASS_NAMES],
      additionalProperties: false,
      properties: Object.fromEntries(CLASS_NAMES.map((name) => [name, classScoresSchema])),
    },
    confusionMatrix: {
      type: 'array',
      description:
        'Holdout counts: row = actual class, column = predicted class, in classes order.',
      items: { type: 'array', items: { type: 'integer', minimum: 0 } },
    },
    baseline: {
      type: 'object',
      required: ['algorithm', 'accuracy'],
      additionalProperties: false,
      properties: {
        algorithm: { type: 'string' },
        accuracy: { type: 'number', minimum: 0, maximum: 1 },
      },
    },
  },
};

/** Content of current.json, the pointer to the served model artifact. */
export const currentPointerSchema = {
  title: 'CurrentModelPointer',
  type: 'object',
  required: ['modelFile', 'modelVersion', 'metricsFile'],
  additionalProperties: false,
  properties: {
    modelFile: { type: 'string', pattern: '^model-[0-9a-f]{12}\\.json$' },
    modelVersion: modelVersionSchema,
    metricsFile: { type: 'string', pattern: '^[A-Za-z0-9._-]+\\.json$' },
  },
};

/** Response of GET /model. */
export const modelInfoSchema = {
  title: 'ModelInfo',
  type: 'object',
  required: ['name', 'version', 'trainedAt', 'algorithm', 'seed', 'features', 'classes', 'metrics'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    version: modelVersionSchema,
    trainedAt: { type: 'string', format: 'date-time' },
    algorithm: { type: 'string' },
    seed: { type: 'integer', minimum: 0 },
    features: { type: 'array', items: { type: 'string', enum: [...FEATURE_NAMES] } },
    classes: { type: 'array', items: speciesSchema },
    metrics: trainingMetricsSchema,
  },
};

/** Response of GET /health. */
export const healthSchema = {
  title: 'Health',
  type: 'object',
  required: ['status', 'modelVersion', 'uptimeSeconds'],
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: ['ok'] },
    modelVersion: modelVersionSchema,
    uptimeSeconds: { type: 'number', minimum: 0 },
  },
};

const errorResponses = {
  '4xx': {
    ...errorResponseSchema,
    description: 'Invalid request: bad body, media type, size or route.',
  },
  '5xx': {
    ...errorResponseSchema,
    description: 'Unexpected server error, logged with the request id.',
  },
};

/** Route schema of POST /predict. */
export const predictRouteSchema = {
  summary: 'Classify one iris flower or a batch of flowers',
  tags: ['prediction'],
  body: predictRequestSchema,
  response: {
    200: {
      description: 'Predicted species and class probabilities.',
      anyOf: [singlePredictionResponseSchema, batchPredictionResponseSchema],
    },
    ...errorResponses,
  },
};

/** Route schema of GET /model. */
export const modelRouteSchema = {
  summary: 'Describe the served model and its holdout metrics',
  tags: ['model'],
  response: { 200: modelInfoSchema, ...errorResponses },
};

/** Route schema of GET /health. */
export const healthRouteSchema = {
  summary: 'Report that the service is up and which model it serves',
  tags: ['operations'],
  response: { 200: healthSchema, ...errorResponses },
};

/** Prometheus text exposition format 0.0.4, the content type prom-client produces. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Route schema of GET /metrics. */
export const metricsRouteSchema = {
  summary: 'Prometheus metrics of the process, the HTTP traffic and the predictions',
  tags: ['operations'],
  response: {
    200: {
      description: 'Prometheus text exposition format.',
      content: { [PROMETHEUS_CONTENT_TYPE]: { schema: { type: 'string' } } },
    },
    ...errorResponses,
  },
};
