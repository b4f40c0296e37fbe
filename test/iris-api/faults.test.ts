/**
 * Each seeded fault of the Iris API does what its catalogue entry describes when it is on,
 * and nothing when it is off. The Playwright suite is what must catch them; these tests only
 * prove that switching a fault on really changes the service.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildApp } from '../../systems-under-test/iris-api/src/app.ts';
import {
  IRIS_FAULT_CATALOGUE,
  loadIrisFaults,
} from '../../systems-under-test/iris-api/src/faults.ts';
import { removeTempDir, trainIntoTempDir } from './temp-artifacts.ts';

const SETOSA = { sepalLength: 5.0, sepalWidth: 3.4, petalLength: 1.5, petalWidth: 0.2 };
const VERSICOLOR = { sepalLength: 5.9, sepalWidth: 2.8, petalLength: 4.3, petalWidth: 1.3 };
const SOURCE_DIR = fileURLToPath(
  new URL('../../systems-under-test/iris-api/src/', import.meta.url),
);

let artifactsDir: string;
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  artifactsDir = (await trainIntoTempDir(42)).dir;
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await removeTempDir(artifactsDir);
});

/** Builds the app with the given faults on (none for an empty list). */
async function appWith(...ids: string[]): Promise<FastifyInstance> {
  const app = await buildApp({
    artifactsDir,
    faults: loadIrisFaults({ NOVA_FAULTS: ids.join(',') }),
  });
  apps.push(app);
  return app;
}

async function predict(app: FastifyInstance, payload: unknown) {
  return app.inject({ method: 'POST', url: '/predict', payload: payload as object });
}

describe('Iris fault catalogue', () => {
  it('lists at least six faults of distinct kinds, each guarded in the source', () => {
    const ids = IRIS_FAULT_CATALOGUE.map((fault) => fault.id);
    const source = [
      'app.ts',
      'predictor.ts',
      'error-handler.ts',
      'json-body-parser.ts',
      'routes/predict.ts',
      '../public/app.js',
      '../public/styles.css',
    ]
      .map((file) => readFileSync(new URL(file, `file://${SOURCE_DIR}`), 'utf8'))
      .join('\n');

    expect(ids.length).toBeGreaterThanOrEqual(6);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(IRIS_FAULT_CATALOGUE.map((fault) => fault.kind)).size).toBeGreaterThanOrEqual(5);
    for (const id of ids) {
      expect(source, `no "Seeded fault ${id}:" comment marks its lines`).toContain(
        `Seeded fault ${id}:`,
      );
    }
  });
});

describe('Iris faults switched on', () => {
  it('iris.swapped-labels serves versicolor as virginica', async () => {
    const clean = await predict(await appWith(), VERSICOLOR);
    const faulty = await predict(await appWith('iris.swapped-labels'), VERSICOLOR);

    expect(clean.json()).toMatchObject({ species: 'versicolor' });
    expect(faulty.json()).toMatchObject({ species: 'virginica' });
    expect(faulty.json<{ probabilities: Record<string, number> }>().probabilities.virginica).toBe(
      clean.json<{ probabilities: Record<string, number> }>().probabilities.versicolor,
    );
  });

  it('iris.unscaled-feature no longer recognises a setosa', async () => {
    const faulty = await predict(await appWith('iris.unscaled-feature'), SETOSA);

    expect(faulty.statusCode).toBe(200);
    expect(faulty.json<{ species: string }>().species).not.toBe('setosa');
  });

  it('iris.renamed-field answers `total` instead of `count`', async () => {
    const faulty = await predict(await appWith('iris.renamed-field'), {
      instances: [SETOSA, VERSICOLOR],
    });

    expect(faulty.statusCode).toBe(200);
    expect(faulty.json()).toMatchObject({ total: 2 });
    expect(faulty.json()).not.toHaveProperty('count');
  });

  it('iris.wrong-status answers 400 for a body over 1 MiB', async () => {
    const payload = JSON.stringify({ ...SETOSA, padding: 'x'.repeat(1024 * 1024) });
    const headers = { 'content-type': 'application/json' };
    const app = await appWith('iris.wrong-status');

    const faulty = await app.inject({ method: 'POST', url: '/predict', headers, payload });

    expect(faulty.statusCode).toBe(400);
    expect(faulty.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('iris.missing-header serves the page without a Content-Security-Policy', async () => {
    const clean = await (await appWith()).inject({ method: 'GET', url: '/' });
    const faulty = await (await appWith('iris.missing-header')).inject({ method: 'GET', url: '/' });

    expect(clean.headers['content-security-policy']).toContain("default-src 'self'");
    expect(faulty.statusCode).toBe(200);
    expect(faulty.headers['content-security-policy']).toBeUndefined();
    expect(faulty.body).toContain('data-faults="iris.missing-header"');
  });

  it('page faults reach the page through data-faults, and only when on', async () => {
    const clean = await (await appWith()).inject({ method: 'GET', url: '/' });
    const faulty = await (
      await appWith('iris.lost-result', 'iris.shifted-button')
    ).inject({
      method: 'GET',
      url: '/',
    });

    expect(clean.body).not.toContain('data-faults');
    expect(faulty.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(faulty.headers['content-security-policy']).toContain("default-src 'self'");
    expect(faulty.body).toContain(
      '<html lang="en" data-faults="iris.lost-result iris.shifted-button">',
    );
  });

  it('iris.truncated-json-crash answers 500 only for a body with no closing bracket', async () => {
    const app = await appWith('iris.truncated-json-crash');
    const headers = { 'content-type': 'application/json' };

    const truncated = await app.inject({
      method: 'POST',
      url: '/predict',
      headers,
      payload: '{"sepalLength": 5.1, "sepalWidth":',
    });
    const otherwiseMalformed = await app.inject({
      method: 'POST',
      url: '/predict',
      headers,
      payload: '{"sepalLength": NaN}',
    });

    expect(truncated.statusCode).toBe(500);
    expect(truncated.json()).toMatchObject({ code: 'INTERNAL_ERROR' });
    expect(otherwiseMalformed.statusCode).toBe(400);
    expect(otherwiseMalformed.json()).toMatchObject({ code: 'INVALID_JSON' });
  });

  it('iris.slow-predict still answers correctly', async () => {
    const faulty = await predict(await appWith('iris.slow-predict'), SETOSA);

    expect(faulty.statusCode).toBe(200);
    expect(faulty.json()).toMatchObject({ species: 'setosa' });
  });
});

describe('Iris start-up with NOVA_FAULTS', () => {
  /** Starts main.ts and returns its exit code and stderr. */
  async function start(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', `${SOURCE_DIR}main.ts`, '--port', '0', '--artifacts', artifactsDir],
      { env: { ...process.env, LOG_LEVEL: 'silent', ...env } },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // The server is up once it has logged its faults; stop it there.
      if (stderr.includes('seeded faults on')) child.kill('SIGTERM');
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    return { code, stderr };
  }

  it('refuses faults in production mode with exit code 2', async () => {
    const result = await start({ NOVA_FAULTS: 'iris.slow-predict', NODE_ENV: 'production' });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('NOVA_FAULTS=iris.slow-predict is refused');
  });

  it('refuses an unknown fault id, listing the known ones', async () => {
    const result = await start({ NOVA_FAULTS: 'iris.no-such-fault' });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"iris.no-such-fault"');
    expect(result.stderr).toContain('iris.swapped-labels');
  });

  it('logs the faults it switched on', async () => {
    const result = await start({ NOVA_FAULTS: 'iris.slow-predict,pipeline.other' });

    expect(result.stderr).toContain('iris: seeded faults on: iris.slow-predict\n');
  });
});
