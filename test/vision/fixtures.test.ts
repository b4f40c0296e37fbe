import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { generateFixtures } from '../../systems-under-test/vision/tools/generate-fixtures.ts';
import { FIXTURES } from './test-app.ts';

const directories: string[] = [];
afterAll(async () => {
  await Promise.all(
    directories.map((directory) => rm(directory, { recursive: true, force: true })),
  );
});

describe('fixture generator', () => {
  it('writes the committed fixtures again, byte for byte', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'nova-vision-fixtures-'));
    directories.push(directory);

    const written = await generateFixtures(directory);

    expect(written.length).toBeGreaterThanOrEqual(20);
    const different: string[] = [];
    for (const path of written) {
      const fresh = await readFile(join(directory, path));
      const committed = await readFile(new URL(path, FIXTURES));
      if (!fresh.equals(committed)) different.push(path);
    }
    // A difference means the generator changed without `npm run fixtures:vision`, or sharp's encoders did.
    expect(different).toEqual([]);
  });
});
