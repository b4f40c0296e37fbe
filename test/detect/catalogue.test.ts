import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import {
  CatalogueError,
  FAULT_KINDS,
  loadFaultCatalogue,
  parseCatalogueFile,
} from '../../framework/detect/index.ts';

const PROJECT_DIR = join(import.meta.dirname, '..', '..');
const tempDirs: string[] = [];

afterEach(async () => {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Creates a project folder with one faults.json per entry of `catalogues` (folder → file text). */
async function projectWith(catalogues: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'nova-detect-catalogue-'));
  tempDirs.push(dir);
  for (const [folder, text] of Object.entries(catalogues)) {
    await mkdir(join(dir, 'systems-under-test', folder), { recursive: true });
    await writeFile(join(dir, 'systems-under-test', folder, 'faults.json'), text);
  }
  await mkdir(join(dir, 'systems-under-test', 'shared'), { recursive: true });
  return dir;
}

const fault = (id: string, layer = 'api', kind = 'contract') =>
  ({ id, kind, description: `${id} breaks something`, layer }) as const;

describe('loadFaultCatalogue', () => {
  it("reads this project's Iris catalogue", () => {
    const catalogue = loadFaultCatalogue(PROJECT_DIR);
    const iris = catalogue.filter((entry) => entry.system === 'iris');

    expect(iris.length).toBeGreaterThanOrEqual(6);
    expect(iris.map((entry) => entry.id)).toContain('iris.swapped-labels');
    expect(iris.every((entry) => entry.file === 'systems-under-test/iris-api/faults.json')).toBe(
      true,
    );
    expect(iris.every((entry) => (FAULT_KINDS as readonly string[]).includes(entry.kind))).toBe(
      true,
    );
  });

  it('reads every system folder in order and skips folders without faults.json', async () => {
    const dir = await projectWith({
      'zeta-app': JSON.stringify([fault('zeta.renamed-field')]),
      alpha: JSON.stringify([
        fault('alpha.dropped-rows', 'data', 'data'),
        fault('alpha.slow', 'load', 'performance'),
      ]),
    });

    const catalogue = loadFaultCatalogue(dir);

    expect(catalogue.map((entry) => [entry.id, entry.system, entry.layer])).toEqual([
      ['alpha.dropped-rows', 'alpha', 'data'],
      ['alpha.slow', 'alpha', 'load'],
      ['zeta.renamed-field', 'zeta', 'api'],
    ]);
  });

  it('names every problem of every file at once', async () => {
    const dir = await projectWith({
      broken: '[{"id": "broken.one",',
      odd: JSON.stringify({ id: 'odd.fault' }),
      mixed: JSON.stringify([
        fault('mixed.ok'),
        { id: 'Mixed Bad', kind: 'cosmetic', layer: 'manual', description: '' },
        'not an object',
      ]),
      copy: JSON.stringify([fault('mixed.ok')]),
    });

    let error: unknown;
    try {
      loadFaultCatalogue(dir);
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(CatalogueError);
    const problems = (error as CatalogueError).problems;
    expect(problems).toEqual([
      expect.stringMatching(/^systems-under-test\/broken\/faults\.json: not valid JSON/),
      'systems-under-test/mixed/faults.json entry 1: id "Mixed Bad" is not "<system>.<name>" in lower case, for example "iris.swapped-labels".',
      expect.stringContaining('entry 1: kind "cosmetic" is not one of visual, functional'),
      expect.stringContaining(
        'entry 1: layer "manual" is not one of ui, api, visual, load, data, unit.',
      ),
      expect.stringContaining('entry 1: description is missing'),
      'systems-under-test/mixed/faults.json entry 2: expected an object { id, kind, description, layer }, received a string.',
      'systems-under-test/odd/faults.json: expected an array of faults ({ id, kind, description, layer }), received an object.',
      'systems-under-test/mixed/faults.json: fault id "mixed.ok" is also listed in systems-under-test/copy/faults.json; ids must be unique.',
    ]);
  });

  it('says where to run when there is no systems folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nova-detect-empty-'));
    tempDirs.push(dir);

    expect(() => loadFaultCatalogue(dir)).toThrow(
      /No systems-under-test\/ folder in .*run nova detect in the project folder/,
    );
  });
});

describe('parseCatalogueFile', () => {
  it('returns the valid entries and reports the others', () => {
    const problems: string[] = [];

    const faults = parseCatalogueFile(
      JSON.stringify([fault('iris.ok'), fault('iris.bad', 'browser')]),
      'faults.json',
      problems,
    );

    expect(faults.map((entry) => entry.id)).toEqual(['iris.ok']);
    expect(problems).toEqual([
      'faults.json entry 1: layer "browser" is not one of ui, api, visual, load, data, unit.',
    ]);
  });
});
