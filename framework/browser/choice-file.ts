import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { createLogger } from '../logging/index.ts';
import { BrowserNotFoundError, type BrowserChoice } from './browser-choice.ts';
import { CHROMIUM_ENV, findChromium } from './find-chromium.ts';

const log = createLogger('browser');

/** The file, inside the state folder, where the install step records its choice. */
export const CHOICE_FILE = 'browser.json';

export function choiceFilePath(stateDir: string): string {
  return join(stateDir, CHOICE_FILE);
}

/** Writes the choice atomically, so a reader never sees half a file. */
export function writeBrowserChoice(stateDir: string, choice: BrowserChoice): string {
  const path = choiceFilePath(stateDir);
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(choice, null, 2) + '\n');
  renameSync(temporary, path);
  return path;
}

function readBrowserChoice(path: string): BrowserChoice | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<BrowserChoice>;
    if (typeof parsed.executablePath !== 'string' || typeof parsed.source !== 'string') {
      log('%s lacks executablePath or source; searching again', path);
      return undefined;
    }
    return parsed as BrowserChoice;
  } catch (error) {
    log('%s is not valid JSON (%s); searching again', path, (error as Error).message);
    return undefined;
  }
}

/**
 * Returns the browser for this run: `NOVA_CHROMIUM` when set, else the choice
 * the install step recorded, else a fresh search. The recorded binary must
 * still exist, because a system upgrade or `rm -rf` can remove it.
 */
export function loadBrowserChoice(
  stateDir: string,
  env: NodeJS.ProcessEnv = process.env,
  find: (env: NodeJS.ProcessEnv) => BrowserChoice | undefined = findChromium,
): BrowserChoice {
  const path = choiceFilePath(stateDir);
  const recorded = readBrowserChoice(path);
  const envValue = env[CHROMIUM_ENV];

  if (recorded && existsSync(recorded.executablePath)) {
    const envChanged = envValue !== undefined && envValue !== '' && recorded.source !== 'env';
    if (!envChanged) return recorded;
  } else if (recorded) {
    log('recorded browser %s no longer exists; searching again', recorded.executablePath);
  }

  const found = find(env);
  if (found) return found;

  throw new BrowserNotFoundError(
    `No Chromium found for Playwright (${path} is ${recorded ? 'stale' : 'missing'}). ` +
      `Run \`npm install\` to find or install one, or set ${CHROMIUM_ENV} to a Chromium binary.`,
  );
}
