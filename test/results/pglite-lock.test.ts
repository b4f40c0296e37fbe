import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openResultsStore } from '../../framework/results/index.ts';

describe('PGlite folder lock', () => {
  let folder: string;
  let dataDir: string;

  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'nova-pglite-lock-'));
    dataDir = path.join(folder, 'db');
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('rejects a second opener', async () => {
    const first = await openResultsStore({ env: {}, dataDir });

    try {
      const second = openResultsStore({ env: {}, dataDir });
      await expect(second).rejects.toThrow(
        `The PGlite results database in ${dataDir} is already open in this process`,
      );
      expect(await readFile(`${dataDir}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    } finally {
      await first.close();
    }

    await expect(stat(`${dataDir}.lock`)).rejects.toThrow(/ENOENT/);
    const reopened = await openResultsStore({ env: {}, dataDir });
    expect(await reopened.listRuns()).toEqual([]);
    await reopened.close();
  });

  it('takes over a stale lock', async () => {
    // The id of a process that has already exited.
    const exited = spawnSync(process.execPath, ['-e', '']).pid;
    expect(exited).toBeGreaterThan(0);
    await writeFile(`${dataDir}.lock`, `${exited}\n`);

    const store = await openResultsStore({ env: {}, dataDir });
    expect(await readFile(`${dataDir}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    await store.close();
  });
});
