/**
 * Ingest rate of the results store: inserts 20,000 synthetic attempts, with
 * their tests and run, in batches of 500 as the reporter writes them, into
 * PostgreSQL (a temporary database on 127.0.0.1:5432, dropped afterwards) and
 * into PGlite (a temporary folder). Prints the median rate of 5 repetitions
 * per backend and writes it to docs/benchmarks.md.
 *
 * Run: npx tsx bench/results-ingest.ts
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import pg from 'pg';

import { openResultsStore } from '../framework/results/index.ts';
import type { AttemptRecord, ResultsStoreOptions, TestRecord } from '../framework/results/index.ts';

const ATTEMPTS = 20_000;
const BATCH_SIZE = 500;
const REPETITIONS = 5;
/** Each test has 4 attempts: repeat-each 0 and 1, each with retry 0 and 1. */
const ATTEMPTS_PER_TEST = 4;
const TESTS = ATTEMPTS / ATTEMPTS_PER_TEST;

const POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const COMMAND = 'npx tsx bench/results-ingest.ts';
const DOC_FILE = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));
const SECTION_TITLE = '## Results store: ingest rate';

/** A stack trace of a realistic size (about 1 KB), stored with one attempt in ten. */
const STACK = Array.from(
  { length: 12 },
  (_, frame) => `    at step${frame} (/work/specs/api/iris/predict.spec.ts:${frame + 10}:7)`,
).join('\n');

function syntheticTests(): TestRecord[] {
  return Array.from({ length: TESTS }, (_, index) => ({
    id: `bench-test-${index}`,
    file: `specs/api/suite-${index % 50}.spec.ts`,
    project: index % 2 === 0 ? 'api' : 'ui',
    titlePath: [`Suite ${index % 50}`, `case ${index}`],
    tags: index % 10 === 0 ? ['@smoke'] : [],
  }));
}

function syntheticAttempts(runId: string, started: Date): AttemptRecord[] {
  const attempts: AttemptRecord[] = [];
  for (let index = 0; index < ATTEMPTS; index += 1) {
    const testIndex = Math.floor(index / ATTEMPTS_PER_TEST);
    const repeatEachIndex = Math.floor((index % ATTEMPTS_PER_TEST) / 2);
    const retry = index % 2;
    const failed = index % 10 === 0;
    attempts.push({
      id: `${runId}-${testIndex}-${repeatEachIndex}-${retry}`,
      runId,
      testId: `bench-test-${testIndex}`,
      shardIndex: 1,
      retry,
      repeatEachIndex,
      status: failed ? 'failed' : 'passed',
      expectedStatus: 'passed',
      startedAt: new Date(started.getTime() + index * 10),
      durationMs: 50 + (index % 700),
      workerIndex: index % 4,
      errorMessage: failed
        ? 'expect(received).toBe(expected)\n\nExpected: 200\nReceived: 500'
        : undefined,
      errorStack: failed ? STACK : undefined,
      attachments: failed
        ? [
            {
              name: 'trace',
              contentType: 'application/zip',
              path: `trace-${index}.zip`,
              sizeBytes: 48_213,
            },
          ]
        : [],
      annotations: [],
    });
  }
  return attempts;
}

/** Runs one repetition and returns attempts per second, timing the run, tests and attempts writes. */
async function ingestOnce(options: ResultsStoreOptions, repetition: number): Promise<number> {
  const store = await openResultsStore(options);
  try {
    const runId = `bench-run-${repetition}`;
    const started = new Date();
    const tests = syntheticTests();
    const attempts = syntheticAttempts(runId, started);

    const begin = performance.now();
    await store.upsertRun({
      id: runId,
      startedAt: started,
      environment: { bench: 'results-ingest' },
    });
    for (let start = 0; start < tests.length; start += BATCH_SIZE) {
      await store.upsertTests(tests.slice(start, start + BATCH_SIZE));
    }
    let inserted = 0;
    for (let start = 0; start < attempts.length; start += BATCH_SIZE) {
      inserted += await store.insertAttempts(attempts.slice(start, start + BATCH_SIZE));
    }
    const seconds = (performance.now() - begin) / 1000;

    if (inserted !== ATTEMPTS) {
      throw new Error(
        `Expected ${ATTEMPTS} inserted attempts in repetition ${repetition}, received ${inserted}.`,
      );
    }
    return ATTEMPTS / seconds;
  } finally {
    await store.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: POSTGRES_ADMIN_URL,
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `The benchmark needs PostgreSQL at ${POSTGRES_ADMIN_URL} with trust auth, but connecting failed: ` +
        `${(error as Error).message}. Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`,
      { cause: error },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

interface BackendResult {
  name: string;
  version: string;
  rates: number[];
}

async function benchPostgres(): Promise<BackendResult> {
  const database = `nova_bench_${randomBytes(6).toString('hex')}`;
  const version = await withAdmin(async (client) => {
    await client.query(`CREATE DATABASE ${database}`);
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    return result.rows[0]?.server_version ?? 'unknown';
  });
  try {
    const options = { env: {}, databaseUrl: `postgres://postgres@127.0.0.1:5432/${database}` };
    const rates: number[] = [];
    for (let repetition = 1; repetition <= REPETITIONS; repetition += 1) {
      rates.push(await ingestOnce(options, repetition));
      console.log(`postgres repetition ${repetition}: ${Math.round(rates.at(-1) ?? 0)} attempts/s`);
    }
    return { name: 'PostgreSQL', version: `PostgreSQL ${version} on 127.0.0.1 (TCP)`, rates };
  } finally {
    await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  }
}

async function benchPGlite(): Promise<BackendResult> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'nova-bench-pglite-'));
  try {
    const options = { env: {}, dataDir: path.join(folder, 'db') };
    const rates: number[] = [];
    for (let repetition = 1; repetition <= REPETITIONS; repetition += 1) {
      rates.push(await ingestOnce(options, repetition));
      console.log(`pglite repetition ${repetition}: ${Math.round(rates.at(-1) ?? 0)} attempts/s`);
    }
    const packageJson = JSON.parse(
      await readFile(
        new URL('../node_modules/@electric-sql/pglite/package.json', import.meta.url),
        'utf8',
      ),
    ) as { version: string };
    return {
      name: 'PGlite',
      version: `PGlite ${packageJson.version}, on-disk folder in ${os.tmpdir()}`,
      rates,
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function machineFacts(): string[] {
  const cpus = os.cpus();
  return [
    `CPU: ${cpus[0]?.model.trim() ?? 'unknown'}, ${cpus.length} logical cores`,
    `Memory: ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    `OS: ${os.type()} ${os.release()} (${os.arch()})`,
    `Node.js: ${process.version}`,
  ];
}

function section(results: BackendResult[], date: string): string {
  const rows = results.map(
    (result) =>
      `| ${result.name} | ${Math.round(median(result.rates)).toLocaleString('en-US')} | ` +
      `${result.rates.map((rate) => Math.round(rate).toLocaleString('en-US')).join(', ')} | ${result.version} |`,
  );
  const [postgres, pglite] = results;
  const ratio =
    postgres !== undefined && pglite !== undefined
      ? (median(postgres.rates) / median(pglite.rates)).toFixed(2)
      : 'n/a';
  return [
    SECTION_TITLE,
    '',
    `Command: \`${COMMAND}\`, run on ${date}.`,
    '',
    `Each repetition writes one run, ${TESTS.toLocaleString('en-US')} tests and ${ATTEMPTS.toLocaleString('en-US')} attempts ` +
      `through the store API, in batches of ${BATCH_SIZE} as the reporter does; one attempt in ten has an error ` +
      `message, a stack trace of about 1 KB and an attachment. The rate is attempts divided by the time of all ` +
      `writes of the repetition. ${REPETITIONS} repetitions per backend, into one database per backend.`,
    '',
    '| Backend | Median attempts/s | Each repetition | Server |',
    '| ------- | ----------------- | --------------- | ------ |',
    ...rows,
    '',
    `PostgreSQL / PGlite median ratio: ${ratio}.`,
    '',
    'Machine:',
    '',
    ...machineFacts().map((fact) => `- ${fact}`),
    '',
  ].join('\n');
}

/** Replaces this benchmark's section of docs/benchmarks.md, or appends it; other sections stay as they are. */
async function writeSection(text: string): Promise<void> {
  let document: string;
  try {
    document = await readFile(DOC_FILE, 'utf8');
  } catch {
    document =
      '# Benchmarks\n\nMeasured performance of Elysium Nova, each with its command, machine and date.\n';
  }

  const start = document.indexOf(`${SECTION_TITLE}\n`);
  if (start === -1) {
    await writeFile(DOC_FILE, `${document.trimEnd()}\n\n${text}`);
    return;
  }
  const next = document.indexOf('\n## ', start + SECTION_TITLE.length);
  const after = next === -1 ? '' : `\n${document.slice(next + 1)}`;
  await writeFile(DOC_FILE, `${document.slice(0, start)}${text}${after}`);
}

const date = new Date().toISOString().slice(0, 10);
console.log(machineFacts().join('\n'));
console.log(`Date: ${date}\n`);

const postgres = await benchPostgres();
const pglite = await benchPGlite();

for (const result of [postgres, pglite]) {
  console.log(
    `${result.name}: median ${Math.round(median(result.rates))} attempts/s (${result.version})`,
  );
}
console.log(`PostgreSQL / PGlite: ${(median(postgres.rates) / median(pglite.rates)).toFixed(2)}`);

await writeSection(section([postgres, pglite], date));
console.log(`Wrote the "${SECTION_TITLE.slice(3)}" section of ${DOC_FILE}`);
