/** Builders of store records with defaults, so a test states only the fields it checks. */
import type {
  AttemptRecord,
  RunRecord,
  ShardRecord,
  TestRecord,
} from '../../framework/results/index.ts';

export function makeRun(overrides: Partial<RunRecord> & { id: string }): RunRecord {
  return { startedAt: new Date('2024-05-01T10:00:00Z'), environment: {}, ...overrides };
}

export function makeShard(overrides: Partial<ShardRecord> & { runId: string }): ShardRecord {
  return {
    shardIndex: 1,
    shardTotal: 1,
    startedAt: new Date('2024-05-01T10:00:00Z'),
    ...overrides,
  };
}

export function makeTest(id: string, titlePath: string[], file = 'api/iris.spec.ts'): TestRecord {
  return { id, file, project: 'api', titlePath, tags: [] };
}

export function makeAttempt(
  overrides: Partial<AttemptRecord> & { id: string; runId: string; testId: string },
): AttemptRecord {
  return {
    shardIndex: 1,
    retry: 0,
    repeatEachIndex: 0,
    status: 'passed',
    expectedStatus: 'passed',
    startedAt: new Date('2024-05-01T10:00:01Z'),
    durationMs: 100,
    workerIndex: 0,
    attachments: [],
    annotations: [],
    ...overrides,
  };
}
