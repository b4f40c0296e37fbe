/**
 * The status API: health, Prometheus metrics, jobs with their last success,
 * runs, table row counts, quarantined rows, the manual trigger and the named
 * analysis queries. Every error body is { error: { status, code, message } }.
 */
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';

import { faults } from '../faults.ts';
import type { PipelineDatabase } from '../db/database.ts';
import { DATA_TABLES } from '../db/schema.ts';
import { CSV_JOB } from '../jobs/csv-inbox.ts';
import { BATCH_JOBS, type JobRunner } from '../jobs/job-runner.ts';
import { RUN_COLUMNS, type RunRecord } from '../jobs/runs.ts';
import { STREAM_JOB, type SensorStream } from '../jobs/sensor-stream.ts';
import { ANALYSIS_QUERIES, AnalysisParameterError, bindParameters } from './analysis.ts';
import type { PipelineMetrics } from './metrics.ts';

export interface StatusAppOptions {
  db: PipelineDatabase;
  runner: JobRunner;
  metrics: PipelineMetrics;
  stream: SensorStream | undefined;
  schedule: string | null;
}

const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const QUARANTINE_SOURCES = ['api', 'site', 'csv', 'stream'];
const ALL_JOBS = [...Object.keys(BATCH_JOBS), CSV_JOB, STREAM_JOB];

function sendError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ error: { status, code, message } });
}

/** Parses an optional `limit` query value, or returns the error message. */
function parseLimit(text: string | undefined, fallback: number, max: number): number | string {
  if (text === undefined) return fallback;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  return value >= 1 && value <= max
    ? value
    : `limit must be an integer from 1 to ${max}, received "${text}".`;
}

export function buildStatusApp(options: StatusAppOptions): FastifyInstance {
  const { db, runner, metrics, stream } = options;
  const app = Fastify({ logger: false });

  app.get('/health', (_request, reply) =>
    reply.send({ status: 'ok', database: db.backend, stream: stream === undefined ? 'off' : 'on' }),
  );

  app.get('/metrics', async (_request, reply) => {
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.get('/jobs', async () => {
    const last = await db.query<{
      job: string;
      last_success: string | null;
      last_status: string | null;
      running: boolean;
    }>(
      `SELECT job,
         to_char(MAX(finished_at) FILTER (WHERE status = 'succeeded'), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_success,
         (ARRAY_AGG(status ORDER BY started_at DESC))[1] AS last_status,
         BOOL_OR(status = 'running') AS running
       FROM pipeline_runs GROUP BY job`,
    );
    const byJob = new Map(last.map((row) => [row.job, row]));
    const streamState =
      stream === undefined ? undefined : await stream.state().catch(() => undefined);

    return {
      jobs: ALL_JOBS.map((job) => {
        const row = byJob.get(job);
        let lastSuccessAt = row?.last_success ?? null;
        if (job === STREAM_JOB) lastSuccessAt = stream?.lastEventAt ?? null;
        let kind = 'stream';
        if (job in BATCH_JOBS) kind = 'batch';
        else if (job === CSV_JOB) kind = 'watcher';
        const entry: Record<string, unknown> = {
          name: job,
          kind,
          schedule: job === 'api-readings' ? options.schedule : null,
          nextRunAt: runner.nextRunAt(job),
          running: job === STREAM_JOB ? streamState?.connected === true : row?.running === true,
          lastStatus: row?.last_status ?? null,
        };
        // Seeded fault pipeline.contract-change: the documented field is renamed.
        entry[faults.on('pipeline.contract-change') ? 'lastSuccess' : 'lastSuccessAt'] =
          lastSuccessAt;
        if (job === STREAM_JOB) entry.stream = streamState ?? null;
        return entry;
      }),
    };
  });

  app.post('/jobs/:job/runs', async (request, reply) => {
    const { job } = request.params as { job: string };
    const query = request.query as Record<string, string | undefined>;
    if (!(job in BATCH_JOBS)) {
      const status = ALL_JOBS.includes(job) ? 409 : 404;
      const message = ALL_JOBS.includes(job)
        ? `Job "${job}" runs continuously and cannot be triggered; triggerable jobs: ${Object.keys(BATCH_JOBS).join(', ')}.`
        : `Unknown job "${job}"; triggerable jobs: ${Object.keys(BATCH_JOBS).join(', ')}.`;
      return sendError(reply, status, status === 404 ? 'UNKNOWN_JOB' : 'NOT_TRIGGERABLE', message);
    }
    const unknown = Object.keys(query).filter((name) => name !== 'wait');
    if (unknown.length > 0 || !['true', 'false', undefined].includes(query.wait)) {
      return sendError(
        reply,
        400,
        'INVALID_QUERY',
        `The only query parameter is wait=true|false; received ${JSON.stringify(query)}.`,
      );
    }
    if (
      request.body !== undefined &&
      request.body !== null &&
      (typeof request.body !== 'object' || Object.keys(request.body).length > 0)
    ) {
      return sendError(reply, 400, 'UNEXPECTED_BODY', 'A trigger takes no body; send none or {}.');
    }

    const started = await runner.trigger(job, 'manual');
    if (started === undefined) {
      return sendError(
        reply,
        409,
        'ALREADY_RUNNING',
        `Job "${job}" is running already; wait for its run to finish (GET /runs?job=${job}).`,
      );
    }
    if (query.wait === 'true') return reply.code(200).send(await started.finished);
    return reply
      .code(202)
      .header('location', `/runs/${started.runId}`)
      .send({ runId: started.runId, job, status: 'running' });
  });

  app.get('/runs', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const limit = parseLimit(query.limit, 20, 200);
    if (typeof limit === 'string') return sendError(reply, 400, 'INVALID_LIMIT', limit);
    if (query.job !== undefined && !ALL_JOBS.includes(query.job)) {
      return sendError(
        reply,
        400,
        'UNKNOWN_JOB',
        `Unknown job "${query.job}"; jobs: ${ALL_JOBS.join(', ')}.`,
      );
    }
    const runs = await db.query<RunRecord>(
      `SELECT ${RUN_COLUMNS} FROM pipeline_runs WHERE $1::text IS NULL OR job = $1 ORDER BY started_at DESC, run_id LIMIT $2`,
      [query.job ?? null, limit],
    );
    return { runs };
  });

  app.get('/runs/:runId', async (request, reply) => {
    const { runId } = request.params as { runId: string };
    if (!RUN_ID.test(runId))
      return sendError(
        reply,
        400,
        'INVALID_RUN_ID',
        `Run ids are lower-case UUIDs, received "${runId.slice(0, 80)}".`,
      );
    const [run] = await db.query<RunRecord>(
      `SELECT ${RUN_COLUMNS} FROM pipeline_runs WHERE run_id = $1`,
      [runId],
    );
    return (
      run ??
      sendError(
        reply,
        404,
        'RUN_NOT_FOUND',
        `No run has the id ${runId}; list runs with GET /runs.`,
      )
    );
  });

  app.get('/tables', async () => {
    const tables = [];
    for (const table of DATA_TABLES) {
      const [row] = await db.query<{ rows: number }>(
        `SELECT COUNT(*)::integer AS rows FROM ${table}`,
      );
      tables.push({ table, rows: row?.rows ?? 0 });
    }
    return { tables };
  });

  app.get('/quarantine', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const limit = parseLimit(query.limit, 100, 1000);
    if (typeof limit === 'string') return sendError(reply, 400, 'INVALID_LIMIT', limit);
    if (query.source !== undefined && !QUARANTINE_SOURCES.includes(query.source)) {
      return sendError(
        reply,
        400,
        'UNKNOWN_SOURCE',
        `source must be one of ${QUARANTINE_SOURCES.join(', ')}, received "${query.source}".`,
      );
    }
    const rows = await db.query(
      `SELECT source, source_ref AS "sourceRef", reason, raw, run_id AS "runId",
         to_char(quarantined_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "quarantinedAt"
       FROM quarantine WHERE $1::text IS NULL OR source = $1 ORDER BY source, source_ref LIMIT $2`,
      [query.source ?? null, limit],
    );
    return { rows };
  });

  app.get('/analysis', (_request, reply) =>
    reply.send({
      queries: ANALYSIS_QUERIES.map(({ name, description, parameters }) => ({
        name,
        description,
        parameters,
      })),
    }),
  );

  app.get('/analysis/:name', async (request, reply) => {
    const { name } = request.params as { name: string };
    const query = ANALYSIS_QUERIES.find((candidate) => candidate.name === name);
    if (query === undefined) {
      return sendError(
        reply,
        404,
        'UNKNOWN_QUERY',
        `Unknown analysis query "${name}"; queries: ${ANALYSIS_QUERIES.map((q) => q.name).join(', ')}.`,
      );
    }
    let parameters: unknown[];
    try {
      parameters = bindParameters(query, request.query as Record<string, string | undefined>);
    } catch (error) {
      if (error instanceof AnalysisParameterError)
        return sendError(reply, 400, 'INVALID_PARAMETER', error.message);
      throw error;
    }
    const rows = await db.query(query.sql, parameters);
    return { name, rows };
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      404,
      'NOT_FOUND',
      `No route ${request.method} ${request.url.split('?')[0]}; see GET /jobs, /runs, /tables, /quarantine, /analysis.`,
    ),
  );
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status =
      error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 500;
    return sendError(reply, status, status === 500 ? 'INTERNAL' : 'BAD_REQUEST', error.message);
  });

  return app;
}
