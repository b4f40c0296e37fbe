/**
 * Parses and validates spool lines. JSON turns each `Date` into an ISO
 * string, so the parser turns them back and rejects a line whose records lack
 * a required field: the store must never receive half a record.
 */
import type {
  AttachmentRecord,
  AttemptRecord,
  AttemptStatus,
  RunRecord,
  RunStatus,
  ShardRecord,
  TestRecord,
} from '../results/index.ts';
import type { SpoolEntry } from './spool.ts';

const ATTEMPT_STATUSES: readonly AttemptStatus[] = [
  'passed',
  'failed',
  'timedOut',
  'skipped',
  'interrupted',
];
const RUN_STATUSES: readonly RunStatus[] = ['passed', 'failed', 'timedout', 'interrupted'];

export class SpoolLineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpoolLineError';
  }
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the fields of one JSON object, naming the path of the first invalid one. */
class FieldReader {
  constructor(
    private readonly source: Json,
    private readonly path: string,
  ) {}

  #fail(field: string, expected: string): never {
    const received = JSON.stringify(this.source[field]) ?? 'nothing';
    throw new SpoolLineError(`${this.path}.${field}: expected ${expected}, received ${received}`);
  }

  string(field: string): string {
    const value = this.source[field];
    return typeof value === 'string' ? value : this.#fail(field, 'a string');
  }

  optionalString(field: string): string | undefined {
    return this.source[field] === undefined ? undefined : this.string(field);
  }

  integer(field: string): number {
    const value = this.source[field];
    return Number.isInteger(value) ? (value as number) : this.#fail(field, 'an integer');
  }

  optionalInteger(field: string): number | undefined {
    return this.source[field] === undefined ? undefined : this.integer(field);
  }

  date(field: string): Date {
    const value = this.source[field];
    const date = typeof value === 'string' ? new Date(value) : undefined;
    return date && !Number.isNaN(date.getTime()) ? date : this.#fail(field, 'an ISO date');
  }

  optionalDate(field: string): Date | undefined {
    return this.source[field] === undefined ? undefined : this.date(field);
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const value = this.source[field];
    return allowed.includes(value as T)
      ? (value as T)
      : this.#fail(field, `one of ${allowed.join(', ')}`);
  }

  strings(field: string): string[] {
    const value = this.source[field];
    return Array.isArray(value) && value.every((item) => typeof item === 'string')
      ? value
      : this.#fail(field, 'an array of strings');
  }

  objects(field: string): Array<{ reader: FieldReader }> {
    const value = this.source[field];
    if (!Array.isArray(value) || !value.every(isObject)) {
      return this.#fail(field, 'an array of objects');
    }
    return value.map((item, index) => ({
      reader: new FieldReader(item, `${this.path}.${field}[${index}]`),
    }));
  }

  object(field: string): FieldReader {
    const value = this.source[field];
    return isObject(value)
      ? new FieldReader(value, `${this.path}.${field}`)
      : this.#fail(field, 'an object');
  }

  stringMap(field: string): Record<string, string> {
    const value = this.source[field];
    return isObject(value) && Object.values(value).every((item) => typeof item === 'string')
      ? (value as Record<string, string>)
      : this.#fail(field, 'an object of strings');
  }

  has(field: string): boolean {
    return this.source[field] !== undefined;
  }
}

/** Copies the defined optional fields, so that parsed records equal written ones. */
function withOptional<T extends object>(record: T, optional: Record<string, unknown>): T {
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (record as Record<string, unknown>)[key] = value;
  }
  return record;
}

function parseRun(reader: FieldReader): RunRecord {
  return withOptional(
    {
      id: reader.string('id'),
      startedAt: reader.date('startedAt'),
      environment: reader.stringMap('environment'),
    },
    {
      gitCommit: reader.optionalString('gitCommit'),
      gitBranch: reader.optionalString('gitBranch'),
      ciProvider: reader.optionalString('ciProvider'),
      runUrl: reader.optionalString('runUrl'),
    },
  );
}

function parseShard(reader: FieldReader): ShardRecord {
  let totals: ShardRecord['totals'];
  if (reader.has('totals')) {
    const totalsReader = reader.object('totals');
    totals = {
      expected: totalsReader.integer('expected'),
      unexpected: totalsReader.integer('unexpected'),
      flaky: totalsReader.integer('flaky'),
      skipped: totalsReader.integer('skipped'),
    };
  }
  return withOptional(
    {
      runId: reader.string('runId'),
      shardIndex: reader.integer('shardIndex'),
      shardTotal: reader.integer('shardTotal'),
      startedAt: reader.date('startedAt'),
    },
    {
      endedAt: reader.optionalDate('endedAt'),
      status: reader.has('status') ? reader.oneOf('status', RUN_STATUSES) : undefined,
      totals,
    },
  );
}

function parseTest(reader: FieldReader): TestRecord {
  return {
    id: reader.string('id'),
    file: reader.string('file'),
    project: reader.string('project'),
    titlePath: reader.strings('titlePath'),
    tags: reader.strings('tags'),
  };
}

function parseAttachment(reader: FieldReader): AttachmentRecord {
  return withOptional(
    { name: reader.string('name'), contentType: reader.string('contentType') },
    { path: reader.optionalString('path'), sizeBytes: reader.optionalInteger('sizeBytes') },
  );
}

function parseAttempt(reader: FieldReader): AttemptRecord {
  return withOptional(
    {
      id: reader.string('id'),
      runId: reader.string('runId'),
      testId: reader.string('testId'),
      shardIndex: reader.integer('shardIndex'),
      retry: reader.integer('retry'),
      repeatEachIndex: reader.integer('repeatEachIndex'),
      status: reader.oneOf('status', ATTEMPT_STATUSES),
      expectedStatus: reader.oneOf('expectedStatus', ATTEMPT_STATUSES),
      startedAt: reader.date('startedAt'),
      durationMs: reader.integer('durationMs'),
      workerIndex: reader.integer('workerIndex'),
      attachments: reader.objects('attachments').map((item) => parseAttachment(item.reader)),
      annotations: reader
        .objects('annotations')
        .map((item) =>
          withOptional(
            { type: item.reader.string('type') },
            { description: item.reader.optionalString('description') },
          ),
        ),
    },
    {
      errorMessage: reader.optionalString('errorMessage'),
      errorStack: reader.optionalString('errorStack'),
      visualComparisons: reader.has('visualComparisons')
        ? reader.objects('visualComparisons').map((item) => ({
            id: item.reader.string('id'),
            attemptId: item.reader.string('attemptId'),
            runId: item.reader.string('runId'),
            testId: item.reader.string('testId'),
            body: item.reader.string('body'),
          }))
        : undefined,
    },
  );
}

/**
 * Parses one line of a spool file.
 *
 * @throws SpoolLineError saying what is wrong with the line
 */
export function parseSpoolLine(line: string): SpoolEntry {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new SpoolLineError(`invalid JSON (${(error as Error).message})`);
  }
  if (!isObject(value)) throw new SpoolLineError('expected a JSON object with a "kind"');

  const entry = new FieldReader(value, 'line');
  const kind = entry.oneOf('kind', ['run', 'shard', 'tests', 'attempts'] as const);
  switch (kind) {
    case 'run':
      return { kind, record: parseRun(entry.object('record')) };
    case 'shard':
      return { kind, record: parseShard(entry.object('record')) };
    case 'tests':
      return { kind, records: entry.objects('records').map((item) => parseTest(item.reader)) };
    case 'attempts':
      return { kind, records: entry.objects('records').map((item) => parseAttempt(item.reader)) };
  }
}
