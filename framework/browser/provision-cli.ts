/**
 * The `npm install` step: finds or installs a Chromium for Playwright, prints
 * one line saying which, and records it in `.nova/browser.json` for
 * playwright.config.ts.
 */
import { relative, resolve } from 'node:path';

import { BrowserNotFoundError } from './browser-choice.ts';
import { writeBrowserChoice } from './choice-file.ts';
import { CHROMIUM_ENV } from './find-chromium.ts';
import { provisionChromium } from './provision.ts';

const stateDir = resolve(process.env.NOVA_STATE_DIR ?? '.nova');

const skip = (process.env.NOVA_SKIP_BROWSER ?? '').toLowerCase();
if (skip === '1' || skip === 'true') {
  console.log(
    `nova: NOVA_SKIP_BROWSER=${process.env.NOVA_SKIP_BROWSER}, so no browser was looked for or installed.`,
  );
  process.exit(0);
}

try {
  const { choice, attempts } = provisionChromium({ onProgress: (line) => console.log(line) });
  const path = writeBrowserChoice(stateDir, choice);

  const how =
    attempts.length > 0 ? `no Chromium was found, so it tried: ${attempts.join('; ')}. ` : '';
  const ignoredEnv =
    choice.source === 'playwright' && process.env[CHROMIUM_ENV]
      ? ` (${CHROMIUM_ENV} is ignored because Playwright's own build comes first)`
      : '';
  console.log(
    `nova: ${how}Using ${choice.description}, ${choice.version}, at ${choice.executablePath}` +
      `${ignoredEnv}; recorded in ${relative(process.cwd(), path)}`,
  );
} catch (error) {
  if (!(error instanceof BrowserNotFoundError)) throw error;
  console.error(`nova: ${error.message}`);
  process.exit(1);
}
