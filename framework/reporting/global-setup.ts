import { rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { FullConfig } from '@playwright/test';

import { createLogger } from '../logging/index.ts';
import { DEFAULT_RESULTS_DIR } from './build-report.ts';

const log = createLogger('reporting');

/**
 * Empties the Allure results folder, so that the report shows one run only;
 * history across runs is kept separately by the report step. With
 * NOVA_KEEP_ALLURE_RESULTS=1 it keeps the previous results instead, for
 * example when shards run one after another on one machine.
 */
export function clearAllureResults(projectDir: string): void {
  if (process.env.NOVA_KEEP_ALLURE_RESULTS === '1') {
    log('NOVA_KEEP_ALLURE_RESULTS=1: keeping earlier results in %s', DEFAULT_RESULTS_DIR);
    return;
  }
  const folder = resolve(projectDir, DEFAULT_RESULTS_DIR);
  // Retries cover a file that another process writes while the folder is removed (ENOTEMPTY).
  rmSync(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  log('emptied %s', folder);
}

/** Playwright's globalSetup: empties the Allure results before every run. */
export default function globalSetup(config: FullConfig): void {
  clearAllureResults(config.configFile ? dirname(config.configFile) : process.cwd());
}
