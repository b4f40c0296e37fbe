/** JSON Schemas of the pipeline's status API and of its source service, as documented in docs/pipeline.md. */
const timestamp = { type: 'string', format: 'date-time' };
const nullableTimestamp = { anyOf: [timestamp, { type: 'null' }] };

export const errorSchema = {
  $id: 'pipeline/error',
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['status', 'code', 'message'],
      additionalProperties: false,
      properties: {
        status: { type: 'integer' },
        code: { type: 'string', pattern: '^[A-Z_]+$' },
        message: { type: 'string', minLength: 10 },
      },
    },
  },
};

export const healthSchema = {
  $id: 'pipeline/health',
  type: 'object',
  required: ['status', 'database', 'stream'],
  additionalProperties: false,
  properties: {
    status: { const: 'ok' },
    database: { enum: ['postgres', 'pglite'] },
    stream: { enum: ['on', 'off'] },
  },
};

export const runSchema = {
  $id: 'pipeline/run',
  type: 'object',
  required: [
    'runId',
    'job',
    'trigger',
    'status',
    'startedAt',
    'finishedAt',
    'rowsRead',
    'rowsWritten',
    'rowsQuarantined',
    'error',
  ],
  additionalProperties: false,
  properties: {
    runId: { type: 'string', format: 'uuid' },
    job: { enum: ['api-readings', 'scraper', 'csv-inbox'] },
    trigger: { enum: ['schedule', 'manual', 'cli', 'file'] },
    status: { enum: ['running', 'succeeded', 'partial', 'failed', 'interrupted'] },
    startedAt: timestamp,
    finishedAt: nullableTimestamp,
    rowsRead: { type: 'integer', minimum: 0 },
    rowsWritten: { type: 'integer', minimum: 0 },
    rowsQuarantined: { type: 'integer', minimum: 0 },
    error: { type: ['string', 'null'] },
  },
};

export const jobsSchema = {
  $id: 'pipeline/jobs',
  type: 'object',
  required: ['jobs'],
  additionalProperties: false,
  properties: {
    jobs: {
      type: 'array',
      minItems: 4,
      items: {
        type: 'object',
        required: [
          'name',
          'kind',
          'schedule',
          'nextRunAt',
          'running',
          'lastStatus',
          'lastSuccessAt',
        ],
        additionalProperties: false,
        properties: {
          name: { enum: ['api-readings', 'scraper', 'csv-inbox', 'sensor-stream'] },
          kind: { enum: ['batch', 'watcher', 'stream'] },
          schedule: { type: ['string', 'null'] },
          nextRunAt: nullableTimestamp,
          running: { type: 'boolean' },
          lastStatus: { enum: ['running', 'succeeded', 'partial', 'failed', 'interrupted', null] },
          lastSuccessAt: nullableTimestamp,
          stream: { type: ['object', 'null'] },
        },
      },
    },
  },
};

export const tablesSchema = {
  $id: 'pipeline/tables',
  type: 'object',
  required: ['tables'],
  additionalProperties: false,
  properties: {
    tables: {
      type: 'array',
      items: {
        type: 'object',
        required: ['table', 'rows'],
        additionalProperties: false,
        properties: { table: { type: 'string' }, rows: { type: 'integer', minimum: 0 } },
      },
    },
  },
};

export const quarantineSchema = {
  $id: 'pipeline/quarantine',
  type: 'object',
  required: ['rows'],
  additionalProperties: false,
  properties: {
    rows: {
      type: 'array',
      items: {
        type: 'object',
        required: ['source', 'sourceRef', 'reason', 'raw', 'runId', 'quarantinedAt'],
        additionalProperties: false,
        properties: {
          source: { enum: ['api', 'site', 'csv', 'stream'] },
          sourceRef: { type: 'string' },
          reason: { type: 'string', minLength: 5 },
          raw: { type: 'string' },
          runId: { type: ['string', 'null'] },
          quarantinedAt: timestamp,
        },
      },
    },
  },
};

export const analysisResultSchema = {
  $id: 'pipeline/analysis-result',
  type: 'object',
  required: ['name', 'rows'],
  additionalProperties: false,
  properties: { name: { type: 'string' }, rows: { type: 'array', items: { type: 'object' } } },
};

export const sourcePageSchema = {
  $id: 'pipeline-source/readings-page',
  type: 'object',
  required: ['data', 'next_cursor'],
  additionalProperties: false,
  properties: {
    data: { type: 'array', items: { type: 'object', required: ['id'] } },
    next_cursor: { type: ['string', 'null'] },
  },
};
