import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';

import { createLogger } from '../logging/index.ts';
import { BrowserNotFoundError, type BrowserChoice, type BrowserSource } from './browser-choice.ts';

const log = createLogger('browser');

/** Environment variable that names a Chromium binary explicitly. */
export const CHROMIUM_ENV = 'NOVA_CHROMIUM';

/**
 * System Chromium builds, by binary name (looked up on PATH) and by the fixed
 * install paths of the macOS app bundles, which are never on PATH.
 */
const SYSTEM_BINARIES: ReadonlyArray<{ name: string; description: string }> = [
  { name: 'chromium', description: "Debian's chromium package" },
  { name: 'google-chrome', description: 'Google Chrome' },
  { name: 'google-chrome-stable', description: 'Google Chrome' },
  { name: 'chromium-browser', description: 'chromium-browser' },
];
const MACOS_APPS: ReadonlyArray<{ path: string; description: string }> = [
  {
    path: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    description: 'Google Chrome',
  },
  { path: '/Applications/Chromium.app/Contents/MacOS/Chromium', description: 'Chromium' },
];

/** A `--version` probe longer than this means the binary hangs or is not a browser. */
const VERSION_TIMEOUT_MS = 15_000;

export function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Finds `name` on PATH the way a shell would, without spawning one. */
export function findOnPath(
  name: string,
  pathVariable = process.env.PATH ?? '',
): string | undefined {
  for (const folder of pathVariable.split(delimiter)) {
    if (folder === '') continue;
    const candidate = join(folder, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/**
 * First line of `--version` for Chromium-based browsers: "Chromium 156.0…",
 * "Google Chrome 131.0…", "Microsoft Edge 131.0…", "Brave Browser 1.73…".
 */
const CHROMIUM_VERSION_LINE = /\b(Chromium|Chrome|Edge|Brave)\b.*\d+\.\d+/i;

/**
 * Runs `<binary> --version` and returns its first line, or undefined when the
 * binary does not start or is not a Chromium-based browser. A binary that
 * starts and names itself proves more than one that exists.
 */
export function readBrowserVersion(executablePath: string): string | undefined {
  const result = spawnSync(executablePath, ['--version'], {
    encoding: 'utf8',
    timeout: VERSION_TIMEOUT_MS,
  });
  if (result.error || result.status !== 0) {
    log('version probe of %s failed: %s', executablePath, result.error?.message ?? result.stderr);
    return undefined;
  }

  const firstLine = result.stdout.trim().split('\n')[0] ?? '';
  if (!CHROMIUM_VERSION_LINE.test(firstLine)) {
    log(
      '%s --version printed "%s", which names no Chromium-based browser',
      executablePath,
      firstLine,
    );
    return undefined;
  }
  return firstLine;
}

function choose(
  source: BrowserSource,
  executablePath: string,
  description: string,
): BrowserChoice | undefined {
  const version = readBrowserVersion(executablePath);
  if (version === undefined) return undefined;
  return { source, executablePath, version, description, chosenAt: new Date().toISOString() };
}

/** Playwright's own Chromium build, when `npx playwright install chromium` has put it on disk. */
export function findPlaywrightChromium(
  source: BrowserSource = 'playwright',
): BrowserChoice | undefined {
  const executablePath = chromium.executablePath();
  if (!existsSync(executablePath)) {
    log("Playwright's Chromium is not installed at %s", executablePath);
    return undefined;
  }
  return choose(source, executablePath, "Playwright's Chromium");
}

/**
 * Validates `NOVA_CHROMIUM`. A value that is set but unusable is an error, not
 * a reason to fall through silently to another browser.
 */
export function findEnvChromium(env: NodeJS.ProcessEnv = process.env): BrowserChoice | undefined {
  const value = env[CHROMIUM_ENV];
  if (value === undefined || value.trim() === '') return undefined;

  if (!isAbsolute(value)) {
    throw new BrowserNotFoundError(
      `${CHROMIUM_ENV} must be an absolute path to a Chromium binary, received "${value}". ` +
        `Set it to, for example, /usr/bin/chromium, or unset it to let Elysium Nova search.`,
    );
  }
  if (!isExecutableFile(value)) {
    throw new BrowserNotFoundError(
      `${CHROMIUM_ENV}="${value}" is not an executable file. ` +
        `Point it at a Chromium or Chrome binary, or unset it to let Elysium Nova search.`,
    );
  }

  const choice = choose('env', value, CHROMIUM_ENV);
  if (choice === undefined) {
    throw new BrowserNotFoundError(
      `${CHROMIUM_ENV}="${value}" is not a Chromium-based browser: its --version output names ` +
        'no Chromium, Chrome, Edge or Brave. Point it at such a browser, or unset it.',
    );
  }
  return choice;
}

/** Returns the first system Chromium or Chrome that starts. */
export function findSystemChromium(
  env: NodeJS.ProcessEnv = process.env,
): BrowserChoice | undefined {
  for (const { name, description } of SYSTEM_BINARIES) {
    const path = findOnPath(name, env.PATH);
    if (path === undefined) continue;
    const choice = choose('system', path, description);
    if (choice) return choice;
  }

  for (const { path, description } of MACOS_APPS) {
    if (!isExecutableFile(path)) continue;
    const choice = choose('system', path, description);
    if (choice) return choice;
  }

  return undefined;
}

/**
 * Finds an installed Chromium without installing anything: Playwright's own
 * build, then `NOVA_CHROMIUM`, then a system browser.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): BrowserChoice | undefined {
  const playwright = findPlaywrightChromium();
  if (playwright) {
    if (env[CHROMIUM_ENV]) {
      log("%s is set, but Playwright's own Chromium comes first and is installed", CHROMIUM_ENV);
    }
    return playwright;
  }
  return findEnvChromium(env) ?? findSystemChromium(env);
}
