import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { createLogger } from '../logging/index.ts';
import { BrowserNotFoundError, type BrowserChoice } from './browser-choice.ts';
import { CHROMIUM_ENV, findChromium, isExecutableFile } from './find-chromium.ts';

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
 * Returns the browser for this run: the choice the install step recorded,
 * else a fresh search. The recorded binary must still be an executable file,
 * because a system upgrade or `rm -rf` can remove it, and a recorded
 * `NOVA_CHROMIUM` choice must still match the variable.
 */
export function loadBrowserChoice(
  stateDir: string,
  env: NodeJS.ProcessEnv = process.env,
  find: (env: NodeJS.ProcessEnv) => BrowserChoice | undefined = findChromium,
): BrowserChoice {
  const path = choiceFilePath(stateDir);
  const recorded = readBrowserChoice(path);
  const envValue = env[CHROMIUM_ENV] ?? '';

  // A recorded NOVA_CHROMIUM choice holds only while the variable still names
  // that binary; a new value, or none, means the user wants something else.
  const envStillMatches =
    recorded?.source === 'env' ? envValue === recorded.executablePath : envValue === '';

  if (recorded && isExecutableFile(recorded.executablePath) && envStillMatches) {
    return recorded;
  }
  if (recorded && !isExecutableFile(recorded.executablePath)) {
    log('recorded browser %s is not an executable file; searching again', recorded.executablePath);
  }

  const found = find(env);
  if (found) return found;

  throw new BrowserNotFoundError(
    `No Chromium found for Playwright (${path} is ${recorded ? 'stale' : 'missing'}). ` +
      `Run \`npm install\` to find or install one, or set ${CHROMIUM_ENV} to a Chromium binary.`,
  );
}
