import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Files that mark the folder a project's `.nova/` and `quarantine.json` belong to. */
const ROOT_MARKERS = ['nova.config.ts', 'playwright.config.ts'];

/**
 * Finds the project folder from `start` upwards, so that `nova` run from a
 * subfolder reads the project's `.nova/results-db` instead of creating an
 * empty one there. Returns undefined outside any project.
 */
export function findProjectRoot(start: string): string | undefined {
  let folder = start;
  for (;;) {
    if (ROOT_MARKERS.some((marker) => existsSync(join(folder, marker)))) return folder;
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}
