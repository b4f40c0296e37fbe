import { rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { FullConfig } from '@playwright/test';

import { createLogger } from '../logging/index.ts';

const log = createLogger('reporting');

/** Where allure-playwright writes raw results; playwright.config.ts uses the same folder. */
export const ALLURE_RESULTS_DIR = '.nova/allure-results';

/**
 * Empties the Allure results folder before a run, so that the report shows
 * this run only; history across runs is kept separately by the report step.
 * Set NOVA_KEEP_ALLURE_RESULTS=1 to add to the previous results instead, for
 * example when running shards one after another on one machine.
 */
export default function globalSetup(config: FullConfig): void {
  if (process.env.NOVA_KEEP_ALLURE_RESULTS === '1') {
    log('NOVA_KEEP_ALLURE_RESULTS=1: keeping earlier results in %s', ALLURE_RESULTS_DIR);
    return;
  }
  const projectDir = config.configFile ? dirname(config.configFile) : process.cwd();
  const folder = resolve(projectDir, ALLURE_RESULTS_DIR);
  rmSync(folder, { recursive: true, force: true });
  log('emptied %s', folder);
}
