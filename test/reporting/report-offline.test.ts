import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { chromium } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  chromiumLaunchOptions,
  loadBrowserChoice,
  type BrowserChoice,
} from '../../framework/browser/index.ts';
import { buildAllureReport } from '../../framework/reporting/build-report.ts';
import type { AllureReportBuild } from '../../framework/reporting/build-report.ts';
import {
  createTempFolder,
  FIXTURE_TEST_NAMES,
  writeAllureResults,
} from './allure-results-fixture.ts';

/** The project's own state folder, where `npm install` recorded the browser it found. */
const STATE_DIR = join(import.meta.dirname, '..', '..', '.nova');

// Covers the report build (a child process) and the browser start, on a loaded machine too.
const TIMEOUT_MS = 60_000;

/** URL schemes that load from the report file itself or from memory. */
const LOCAL_SCHEMES = new Set(['file:', 'data:', 'blob:']);

describe('offline report page', { timeout: TIMEOUT_MS }, () => {
  let project: string;
  let build: AllureReportBuild;

  beforeAll(async () => {
    project = await createTempFolder();
    writeAllureResults(join(project, '.nova', 'allure-results'));
    build = await buildAllureReport({ cwd: project, reportName: 'Offline check' });
  }, TIMEOUT_MS);

  afterAll(async () => {
    await rm(project, { recursive: true, force: true });
  });

  it('renders from file:// with no network request', async () => {
    // The browser the tests use, with the closed-network flags; a missing one fails with the fix.
    const choice: BrowserChoice = loadBrowserChoice(STATE_DIR);
    const browser = await chromium.launch(chromiumLaunchOptions(choice));
    try {
      const context = await browser.newContext();
      const requestedUrls: string[] = [];
      const blockedUrls: string[] = [];
      const pageErrors: string[] = [];
      context.on('request', (request) => requestedUrls.push(request.url()));
      // Aborting non-local requests keeps the check itself off the network if a remote
      // script ever survives the cleanup. The request event above still records them.
      await context.route('**/*', async (route) => {
        const url = route.request().url();
        if (LOCAL_SCHEMES.has(new URL(url).protocol)) {
          await route.continue();
          return;
        }
        blockedUrls.push(url);
        await route.abort('blockedbyclient');
      });
      const page = await context.newPage();
      page.on('websocket', (socket) => requestedUrls.push(socket.url()));
      page.on('pageerror', (error) => pageErrors.push(error.message));

      await page.goto(pathToFileURL(build.indexHtml).href);
      for (const name of FIXTURE_TEST_NAMES) {
        await page
          .getByText(name, { exact: true })
          .first()
          .waitFor({ state: 'visible', timeout: 15_000 });
      }
      await expect(page.title()).resolves.toBe('Offline check');
      // Waiting for network idle gives late requests, such as an async analytics loader, time to start.
      await page.waitForLoadState('networkidle');

      const nonLocal = requestedUrls.filter((url) => !LOCAL_SCHEMES.has(new URL(url).protocol));
      expect(nonLocal).toEqual([]);
      expect(blockedUrls).toEqual([]);
      expect(requestedUrls).toEqual([pathToFileURL(build.indexHtml).href]);
      expect(pageErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
