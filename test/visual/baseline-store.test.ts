import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

import {
  approveCandidates,
  baselineStatus,
  matchesPattern,
  pruneBaselines,
} from '../../framework/visual/index.ts';
import { basePage, png } from './synthetic-images.ts';

let root: string;
let image: Buffer;

async function put(path: string, body: Buffer | string): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), body);
}

/** A usage record as a test of `specPath` writes it, having used `keys` in the run. */
async function used(specPath: string, test: string, keys: string[]): Promise<void> {
  const record = { project: 'visual', specPath, testDir: 'specs/visual', test, run: 'r1', keys };
  await put(
    `.nova/baseline-usage/visual/${specPath.replaceAll('/', '_')}-${test}.json`,
    JSON.stringify(record),
  );
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'nova-baselines-'));
  image = await png(basePage());
  vi.stubEnv('CI', '');
  await put('specs/visual/iris/page.spec.ts', '// spec');
  await put('specs/visual/iris/other.spec.ts', '// spec');
  await put('baselines/visual/iris/page/form.png', image);
  await put('baselines/visual/iris/page/old.png', image);
  await put('baselines/visual/iris/gone/form.png', image);
  await put('baselines/visual/iris/other/result.png', image);
  await put('baselines/visual/iris/page/changed.png', image);
  await put(
    '.nova/baseline-candidates/visual/iris/page/changed.png',
    Buffer.concat([image, Buffer.from([0])]),
  );
  await put('.nova/baseline-candidates/visual/iris/page/new.png', image);
  await used('iris/page', 'form', ['visual/iris/page/form', 'visual/iris/page/changed']);
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(root, { recursive: true, force: true });
});

describe('baseline status', () => {
  test('tells missing, changed, unused, unchecked and ok baselines apart', async () => {
    const entries = await baselineStatus(root);
    expect(entries.map(({ key, state }) => [key, state])).toEqual([
      ['visual/iris/gone/form', 'unused'],
      ['visual/iris/other/result', 'unchecked'],
      ['visual/iris/page/changed', 'changed'],
      ['visual/iris/page/form', 'ok'],
      ['visual/iris/page/new', 'missing'],
      ['visual/iris/page/old', 'unused'],
    ]);
    expect(entries[0]!.reason).toBe('spec specs/visual/iris/gone no longer exists');
    expect(entries[5]!.reason).toMatch(
      /latest run of the 1 test\(s\) of visual\/iris\/page .* did not use it/,
    );
  });
});

describe('approve', () => {
  test('promotes the matching candidates only, and removes them', async () => {
    expect(await approveCandidates(root, 'visual/iris/page/new')).toEqual(['visual/iris/page/new']);
    expect(existsSync(join(root, 'baselines/visual/iris/page/new.png'))).toBe(true);
    expect(existsSync(join(root, '.nova/baseline-candidates/visual/iris/page/new.png'))).toBe(
      false,
    );
    expect(existsSync(join(root, '.nova/baseline-candidates/visual/iris/page/changed.png'))).toBe(
      true,
    );

    expect(await approveCandidates(root)).toEqual(['visual/iris/page/changed']);
    expect((await readFile(join(root, 'baselines/visual/iris/page/changed.png'))).length).toBe(
      image.length + 1,
    );
    expect(await approveCandidates(root)).toEqual([]);
  });

  test('is refused in CI', async () => {
    vi.stubEnv('CI', 'true');
    await expect(approveCandidates(root)).rejects.toThrow(/never happens in CI/);
    expect(existsSync(join(root, 'baselines/visual/iris/page/new.png'))).toBe(false);
  });

  test('patterns: a key or folder, * within a part, ** across parts', () => {
    expect(matchesPattern('visual/iris/page/form', 'visual/iris')).toBe(true);
    expect(matchesPattern('visual/iris/page/form', 'visual/iri')).toBe(false);
    expect(matchesPattern('visual/iris/page/form', 'visual/*/page/*')).toBe(true);
    expect(matchesPattern('visual/iris/page/form', 'visual/*/form')).toBe(false);
    expect(matchesPattern('visual/iris/page/form', '**/form')).toBe(true);
    expect(matchesPattern('visual/iris/page/form', 'visual/iris/page/form.png')).toBe(true);
  });
});

describe('prune', () => {
  test('removes unused baselines only; a dry run removes nothing', async () => {
    const planned = await pruneBaselines(root, { dryRun: true });
    expect(planned.map((entry) => entry.key)).toEqual([
      'visual/iris/gone/form',
      'visual/iris/page/old',
    ]);
    expect(existsSync(join(root, 'baselines/visual/iris/gone/form.png'))).toBe(true);

    await pruneBaselines(root);
    expect(existsSync(join(root, 'baselines/visual/iris/gone'))).toBe(false);
    expect(existsSync(join(root, 'baselines/visual/iris/page/old.png'))).toBe(false);
    expect(existsSync(join(root, 'baselines/visual/iris/page/form.png'))).toBe(true);
    expect(existsSync(join(root, 'baselines/visual/iris/other/result.png'))).toBe(true);
  });
});
