import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one pipeline service, in a registry of its own. */
export interface PipelineMetrics {
  registry: Registry;
  runs: Counter<'job' | 'status'>;
  rowsWritten: Counter<'job'>;
  rowsQuarantined: Counter<'job'>;
  streamEvents: Counter<'outcome'>;
  csvFiles: Counter<'outcome'>;
}

export function createMetrics(): PipelineMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    runs: new Counter({
      name: 'pipeline_runs_total',
      help: 'Job runs finished, by job and final status.',
      labelNames: ['job', 'status'] as const,
      registers: [registry],
    }),
    rowsWritten: new Counter({
      name: 'pipeline_rows_written_total',
      help: 'Rows inserted or updated, by job.',
      labelNames: ['job'] as const,
      registers: [registry],
    }),
    rowsQuarantined: new Counter({
      name: 'pipeline_rows_quarantined_total',
      help: 'Input records set aside with a reason, by job.',
      labelNames: ['job'] as const,
      registers: [registry],
    }),
    streamEvents: new Counter({
      name: 'pipeline_stream_events_total',
      help: 'Sensor events consumed, by outcome: processed, duplicate or quarantined.',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    csvFiles: new Counter({
      name: 'pipeline_csv_files_total',
      help: 'Inbox files handled, by outcome: loaded, duplicate or failed.',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
  };
}
