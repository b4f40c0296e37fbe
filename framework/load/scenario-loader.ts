/**
 * Finds the scenario files under perf/ (one per system under test) and
 * selects scenarios by pattern. A scenario's id is `<file>/<scenario>`, for
 * example `iris/mixed`.
 */
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { LoadScenario, LoadScenarioFile } from './scenario.ts';

export interface SelectedScenario {
  id: string;
  file: string;
  system: string;
  scenario: LoadScenario;
}

export class ScenarioLoadError extends Error {
  override readonly name = 'ScenarioLoadError';
}

/** Imports every `*.ts` file of `perfDir`; each must export `defineLoadScenarios(...)` as default. */
export async function loadScenarioFiles(perfDir: string): Promise<Map<string, LoadScenarioFile>> {
  let entries: string[];
  try {
    entries = (await readdir(perfDir))
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
      .sort();
  } catch (error) {
    throw new ScenarioLoadError(
      `Failed to read the scenario folder ${perfDir}: ${(error as Error).message}. Create perf/<system>.ts, or run nova from the project folder.`,
    );
  }

  const files = new Map<string, LoadScenarioFile>();
  for (const entry of entries) {
    const path = join(perfDir, entry);
    const module = (await import(pathToFileURL(path).href)) as { default?: unknown };
    const value = module.default as Partial<LoadScenarioFile> | undefined;
    if (
      value === undefined ||
      typeof value.system !== 'string' ||
      typeof value.scenarios !== 'object' ||
      value.scenarios === null
    ) {
      throw new ScenarioLoadError(
        `${path} must have a default export made with defineLoadScenarios({ system, scenarios }), ` +
          'where system names a system of nova.config.ts.',
      );
    }
    files.set(basename(entry, '.ts'), value as LoadScenarioFile);
  }
  return files;
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${escaped}$`);
}

/**
 * Selects scenarios by id. Without a pattern, all of them. A pattern with `*`
 * or `?` is a glob over the whole id; otherwise it selects a file (`iris`),
 * one scenario (`iris/mixed`), or ids that contain it (`ramp`).
 */
export function selectScenarios(
  files: Map<string, LoadScenarioFile>,
  pattern?: string,
): SelectedScenario[] {
  const all: SelectedScenario[] = [];
  for (const [file, definition] of files) {
    for (const [name, scenario] of Object.entries(definition.scenarios)) {
      all.push({ id: `${file}/${name}`, file, system: definition.system, scenario });
    }
  }
  if (pattern === undefined || pattern === '') return all;

  if (/[*?]/.test(pattern)) {
    const regexp = globToRegExp(pattern);
    return all.filter((selected) => regexp.test(selected.id));
  }
  const exact = all.filter((selected) => selected.id === pattern || selected.file === pattern);
  return exact.length > 0 ? exact : all.filter((selected) => selected.id.includes(pattern));
}
