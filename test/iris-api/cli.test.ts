import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTempDir, removeTempDir, trainIntoTempDir } from './temp-artifacts.ts';

const SOURCE_DIR = fileURLToPath(
  new URL('../../systems-under-test/iris-api/src/', import.meta.url),
);
const TRAIN_CLI = join(SOURCE_DIR, 'train-cli.ts');
const MAIN = join(SOURCE_DIR, 'main.ts');

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript entry point with Node's tsx loader and waits for it to exit. */
async function runScript(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<Finished> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

const tempDirs: string[] = [];
let trainedDir: string;

beforeAll(async () => {
  trainedDir = (await trainIntoTempDir(42)).dir;
  tempDirs.push(trainedDir);
});

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => removeTempDir(dir)));
});

describe('train-cli', () => {
  it('writes artifacts and prints a summary', async () => {
    const outDir = await createTempDir();
    tempDirs.push(outDir);

    const result = await runScript(TRAIN_CLI, ['--seed', '42', '--out', outDir]);
    const pointer = JSON.parse(await readFile(join(outDir, 'current.json'), 'utf8')) as {
      modelVersion: string;
    };

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/random forest accuracy \d+\.\d%/);
    expect(result.stdout).toContain(`Model version: ${pointer.modelVersion}`);
    expect(result.stdout).toContain(join(outDir, 'metrics.json'));
  });

  it.each(['abc', '-1', '1.5'])('rejects --seed %s with exit 2', async (seed) => {
    const result = await runScript(TRAIN_CLI, ['--seed', seed, '--out', trainedDir]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Invalid --seed value "${seed}"`);
    expect(result.stderr).toContain('--seed 42');
  });

  it('rejects an unwritable --out with exit 2', async () => {
    const dir = await createTempDir();
    tempDirs.push(dir);
    const file = join(dir, 'not-a-folder');
    await writeFile(file, 'x');

    const result = await runScript(TRAIN_CLI, ['--out', join(file, 'artifacts')]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Cannot write model artifacts to "${join(file, 'artifacts')}"`);
    expect(result.stderr).toContain('Pass --out with a directory you can write to');
  });
});

describe('main', () => {
  let blocker: Server;
  let blockedPort: number;

  beforeAll(async () => {
    blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    blockedPort = (blocker.address() as AddressInfo).port;
  });

  afterAll(async () => {
    blocker.close();
    await once(blocker, 'close');
  });

  it('port in use exits 1 naming the port', async () => {
    const result = await runScript(MAIN, [
      '--port',
      String(blockedPort),
      '--artifacts',
      trainedDir,
    ]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Port ${blockedPort} on 127.0.0.1 is already in use`);
    expect(result.stderr).toContain('--port');
    expect(result.stderr).toContain('PORT');
  });

  it('port in use is reported once, without a stack', async () => {
    const result = await runScript(MAIN, [
      '--port',
      String(blockedPort),
      '--artifacts',
      trainedDir,
    ]);
    const errorLines = result.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; msg: string; code?: string })
      .filter((entry) => entry.level >= 50);

    expect(result.stderr.match(/already in use/g)).toHaveLength(1);
    expect(result.stdout).not.toContain('already in use');
    expect(result.stdout).not.toContain('"stack"');
    expect(errorLines).toEqual([
      expect.objectContaining({
        code: 'EADDRINUSE',
        msg: `Cannot listen on 127.0.0.1:${blockedPort}`,
      }),
    ]);
  });

  it.each(['abc', '70000', '-1'])('invalid --port %s exits 2', async (port) => {
    const result = await runScript(MAIN, ['--port', port, '--artifacts', trainedDir]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Invalid --port value "${port}"`);
  });

  it('invalid PORT exits 2', async () => {
    const result = await runScript(MAIN, ['--artifacts', trainedDir], { PORT: 'abc' });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid PORT environment value "abc"');
  });

  it('trains when no model exists, serves, stops on SIGTERM', async () => {
    const emptyDir = await createTempDir();
    tempDirs.push(emptyDir);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', MAIN, '--port', '0', '--artifacts', emptyDir],
      { env: { ...process.env, LOG_LEVEL: 'info' } },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = once(child, 'exit');

    const baseURL = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Server did not start. Log:\n${stdout}`)),
        20_000,
      );
      child.stdout.on('data', () => {
        const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });

    const health = await fetch(`${baseURL}/health`);
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];

    expect(health.status).toBe(200);
    expect(stdout).toContain('No model artifact found, training one');
    expect(stdout).toContain('Shutdown signal received');
    expect(stdout).toContain('Server closed');
    expect(code).toBe(0);
    await expect(readFile(join(emptyDir, 'current.json'), 'utf8')).resolves.toContain('modelFile');
  });

  it('corrupt model exits 1 with a fix', async () => {
    const dir = await createTempDir();
    tempDirs.push(dir);
    await writeFile(join(dir, 'current.json'), '{"modelFile":');

    const result = await runScript(MAIN, ['--port', '0', '--artifacts', dir]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is not valid JSON');
    expect(result.stderr).toContain('npm run train:iris');
  });
});
