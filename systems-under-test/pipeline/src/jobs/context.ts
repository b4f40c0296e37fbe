import type { PipelineDatabase } from '../db/database.ts';
import type { Logger } from '../log.ts';
import type { PipelineMetrics } from '../status/metrics.ts';
import type { RunCounts } from './runs.ts';

/** Dependencies that the service or the job CLI hands to every job. */
export interface JobContext {
  db: PipelineDatabase;
  /** Base URL of the source service, without a trailing slash. */
  sourceUrl: string;
  pageSize: number;
  log: Logger;
  metrics: PipelineMetrics | undefined;
}

export interface JobOutcome extends RunCounts {
  status: 'succeeded' | 'partial';
  /** Why the run is partial; null when it succeeded. */
  problem: string | null;
}
