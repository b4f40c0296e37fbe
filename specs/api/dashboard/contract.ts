/**
 * The dashboard API's contract as the web page relies on it, written independently of the
 * server's code.
 */
const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const nullableNumber = { type: ['number', 'null'] };
const interval = { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 };

const filters = {
  type: 'object',
  required: ['from', 'to', 'segment', 'metric'],
  additionalProperties: false,
  properties: {
    from: isoDate,
    to: isoDate,
    segment: { enum: ['all', 'retail', 'smb', 'enterprise'] },
    metric: { enum: ['revenue', 'orders', 'sessions', 'conversion'] },
  },
};

export const healthSchema = {
  $id: 'dashboard/health',
  type: 'object',
  required: ['status', 'seed', 'uptimeSeconds'],
  additionalProperties: false,
  properties: {
    status: { const: 'ok' },
    seed: { type: 'integer' },
    uptimeSeconds: { type: 'number', minimum: 0 },
  },
};

export const errorSchema = {
  $id: 'dashboard/error',
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string' },
    message: { type: 'string', minLength: 10 },
    problems: { type: 'array', items: { type: 'string' }, minItems: 1 },
  },
};

export const metaSchema = {
  $id: 'dashboard/meta',
  type: 'object',
  required: [
    'seed',
    'firstDay',
    'lastDay',
    'customers',
    'segments',
    'metrics',
    'items',
    'sensors',
    'clientFaults',
  ],
  additionalProperties: false,
  properties: {
    seed: { type: 'integer' },
    firstDay: isoDate,
    lastDay: isoDate,
    customers: { type: 'integer', minimum: 1 },
    segments: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'label'],
        properties: { id: { type: 'string' }, label: { type: 'string' } },
      },
    },
    metrics: { type: 'array', minItems: 4 },
    items: {
      type: 'array',
      minItems: 2,
      items: {
        type: 'object',
        required: ['id', 'name', 'category'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: '^item-\\d{2}$' },
          name: { type: 'string' },
          category: { type: 'string' },
        },
      },
    },
    sensors: { type: 'array', items: { type: 'string' }, minItems: 1 },
    clientFaults: { type: 'array', items: { type: 'string' } },
  },
};

const columnSummary = {
  type: 'object',
  required: ['column', 'count', 'missing', 'missingShare', 'mean', 'sd', 'min', 'median', 'max'],
  additionalProperties: false,
  properties: {
    column: { type: 'string' },
    count: { type: 'integer', minimum: 0 },
    missing: { type: 'integer', minimum: 0 },
    missingShare: { type: 'number', minimum: 0, maximum: 1 },
    mean: nullableNumber,
    sd: nullableNumber,
    min: nullableNumber,
    median: nullableNumber,
    max: nullableNumber,
  },
};

export const overviewSchema = {
  $id: 'dashboard/overview',
  type: 'object',
  required: ['filters', 'customerCount', 'columns', 'distribution', 'correlations', 'trend'],
  additionalProperties: false,
  properties: {
    filters,
    customerCount: { type: 'integer', minimum: 0 },
    columns: { type: 'array', items: columnSummary, minItems: 7, maxItems: 7 },
    distribution: {
      type: 'object',
      required: ['column', 'bins'],
      properties: {
        column: { type: 'string' },
        bins: {
          type: 'array',
          items: {
            type: 'object',
            required: ['from', 'to', 'count'],
            additionalProperties: false,
            properties: {
              from: { type: 'number' },
              to: { type: 'number' },
              count: { type: 'integer', minimum: 0 },
            },
          },
        },
      },
    },
    correlations: {
      type: 'object',
      required: ['columns', 'matrix'],
      properties: {
        columns: { type: 'array', items: { type: 'string' } },
        matrix: {
          type: 'array',
          items: {
            type: 'array',
            items: { type: ['number', 'null'], minimum: -1.000001, maximum: 1.000001 },
          },
        },
      },
    },
    trend: {
      type: 'array',
      items: {
        type: 'object',
        required: ['date', 'value'],
        additionalProperties: false,
        properties: { date: isoDate, value: { type: 'number' } },
      },
    },
  },
};

const variant = {
  type: 'object',
  required: ['variant', 'customers', 'mean', 'sd', 'confidenceInterval'],
  additionalProperties: false,
  properties: {
    variant: { enum: ['A', 'B'] },
    customers: { type: 'integer', minimum: 2 },
    mean: { type: 'number' },
    sd: { type: 'number', minimum: 0 },
    confidenceInterval: interval,
  },
};

export const abTestSchema = {
  $id: 'dashboard/ab-test',
  type: 'object',
  required: ['filters', 'metric', 'variants', 'test', 'significant', 'summary'],
  additionalProperties: false,
  properties: {
    filters,
    metric: { type: 'string' },
    variants: { type: 'array', items: variant, minItems: 2, maxItems: 2 },
    test: {
      type: 'object',
      required: [
        'difference',
        'standardError',
        't',
        'degreesOfFreedom',
        'pValue',
        'confidenceLevel',
        'confidenceInterval',
      ],
      additionalProperties: false,
      properties: {
        difference: { type: 'number' },
        standardError: { type: 'number', exclusiveMinimum: 0 },
        t: { type: 'number' },
        degreesOfFreedom: { type: 'number', exclusiveMinimum: 0 },
        pValue: { type: 'number', minimum: 0, maximum: 1 },
        confidenceLevel: { const: 0.95 },
        confidenceInterval: interval,
      },
    },
    significant: { type: 'boolean' },
    summary: { type: 'string', pattern: '^Variant B ' },
  },
};

export const segmentsSchema = {
  $id: 'dashboard/segments',
  type: 'object',
  required: [
    'filters',
    'clusterCount',
    'customers',
    'excludedForMissing',
    'explainedVariance',
    'points',
    'profiles',
  ],
  additionalProperties: false,
  properties: {
    filters,
    clusterCount: { type: 'integer', minimum: 2, maximum: 8 },
    customers: { type: 'integer' },
    excludedForMissing: { type: 'integer', minimum: 0 },
    explainedVariance: {
      type: 'array',
      items: { type: 'number', minimum: 0, maximum: 1 },
      minItems: 2,
      maxItems: 2,
    },
    points: {
      type: 'array',
      items: {
        type: 'object',
        required: ['customerId', 'cluster', 'pc1', 'pc2'],
        additionalProperties: false,
        properties: {
          customerId: { type: 'string' },
          cluster: { type: 'integer', minimum: 1 },
          pc1: { type: 'number' },
          pc2: { type: 'number' },
        },
      },
    },
    profiles: {
      type: 'array',
      items: {
        type: 'object',
        required: ['cluster', 'customers', 'share', 'means', 'conversionRate', 'metricMean'],
        additionalProperties: false,
        properties: {
          cluster: { type: 'integer', minimum: 1 },
          customers: { type: 'integer', minimum: 1 },
          share: { type: 'number', minimum: 0, maximum: 1 },
          means: {
            type: 'object',
            required: ['age', 'tenureMonths', 'sessions', 'orders', 'revenue'],
            additionalProperties: false,
            properties: {
              age: { type: 'number' },
              tenureMonths: { type: 'number' },
              sessions: { type: 'number' },
              orders: { type: 'number' },
              revenue: { type: 'number' },
            },
          },
          conversionRate: { type: 'number', minimum: 0, maximum: 1 },
          metricMean: { type: 'number' },
        },
      },
    },
  },
};

export const forecastSchema = {
  $id: 'dashboard/forecast',
  type: 'object',
  required: ['filters', 'model', 'holdout', 'points'],
  additionalProperties: false,
  properties: {
    filters,
    model: {
      type: 'object',
      required: ['name', 'period', 'alpha', 'beta', 'gamma', 'residualSd'],
      additionalProperties: false,
      properties: {
        name: { type: 'string' },
        period: { const: 7 },
        alpha: { type: 'number', minimum: 0, maximum: 1 },
        beta: { type: 'number', minimum: 0, maximum: 1 },
        gamma: { type: 'number', minimum: 0, maximum: 1 },
        residualSd: { type: 'number', minimum: 0 },
      },
    },
    holdout: {
      type: 'object',
      required: ['days', 'mae', 'mape'],
      additionalProperties: false,
      properties: {
        days: { type: 'integer', minimum: 1 },
        mae: { type: 'number', minimum: 0 },
        mape: { type: 'number', minimum: 0 },
      },
    },
    points: {
      type: 'array',
      items: {
        type: 'object',
        required: ['date', 'actual', 'part', 'fitted', 'forecast', 'lower', 'upper'],
        additionalProperties: false,
        properties: {
          date: isoDate,
          actual: { type: 'number' },
          part: { enum: ['train', 'holdout'] },
          fitted: nullableNumber,
          forecast: nullableNumber,
          lower: nullableNumber,
          upper: nullableNumber,
        },
      },
    },
  },
};

export const recommendationsSchema = {
  $id: 'dashboard/recommendations',
  type: 'object',
  required: ['filters', 'item', 'ratings', 'customers', 'similar'],
  additionalProperties: false,
  properties: {
    filters,
    item: {
      type: 'object',
      required: ['itemId', 'name', 'category', 'raters'],
      additionalProperties: false,
      properties: {
        itemId: { type: 'string' },
        name: { type: 'string' },
        category: { type: 'string' },
        raters: { type: 'integer', minimum: 0 },
      },
    },
    ratings: { type: 'integer', minimum: 0 },
    customers: { type: 'integer', minimum: 0 },
    similar: {
      type: 'array',
      items: {
        type: 'object',
        required: ['itemId', 'name', 'category', 'similarity', 'coRaters'],
        additionalProperties: false,
        properties: {
          itemId: { type: 'string' },
          name: { type: 'string' },
          category: { type: 'string' },
          similarity: { type: 'number', minimum: 0, maximum: 1.000001 },
          coRaters: { type: 'integer', minimum: 0 },
        },
      },
    },
  },
};

const reading = {
  type: 'object',
  required: ['index', 'sensor', 'value', 'z', 'anomaly'],
  additionalProperties: false,
  properties: {
    index: { type: 'integer', minimum: 0 },
    sensor: { type: 'string' },
    value: { type: 'number' },
    z: nullableNumber,
    anomaly: { type: 'boolean' },
  },
};

export const readingSchema = { $id: 'dashboard/reading', ...reading };

export const readingsSchema = {
  $id: 'dashboard/readings',
  type: 'object',
  required: ['sensor', 'readings'],
  additionalProperties: false,
  properties: { sensor: { type: 'string' }, readings: { type: 'array', items: reading } },
};
