import { existsSync } from 'node:fs';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';

import { createLogger } from '../logging/index.ts';
import { BrowserNotFoundError, type BrowserChoice } from './browser-choice.ts';
import {
  CHROMIUM_ENV,
  findChromium,
  findPlaywrightChromium,
  findSystemChromium,
} from './find-chromium.ts';

const log = createLogger('browser');

/** Runs a command to completion and returns its result. Replaceable in tests. */
export type CommandRunner = (
  command: string,
  args: readonly string[],
  timeoutMs: number,
) => Pick<SpawnSyncReturns<string>, 'status' | 'error' | 'stderr'>;

export interface ProvisionOptions {
  env?: NodeJS.ProcessEnv;
  run?: CommandRunner;
  /** Whether this is a Debian-family system with apt-get; read from /etc/debian_version by default. */
  isDebian?: boolean;
  /** Whether the process runs as root; from `process.getuid()` by default. */
  isRoot?: boolean;
  /** Browser look-ups; the real ones by default, replaceable so that tests do not depend on this machine. */
  finders?: Partial<BrowserFinders>;
  /** Receives one line before each install command, since installs can take minutes. */
  onProgress?: (message: string) => void;
}

export interface BrowserFinders {
  /** Any installed browser, in the documented order. */
  installed: (env: NodeJS.ProcessEnv) => BrowserChoice | undefined;
  /** Playwright's own build, after `npx playwright install chromium`. */
  playwright: () => BrowserChoice | undefined;
  /** A system browser, after `apt-get install chromium`. */
  system: (env: NodeJS.ProcessEnv) => BrowserChoice | undefined;
}

export interface ProvisionResult {
  choice: BrowserChoice;
  /** Install commands that ran, in order, each with its outcome, for the one-line summary. */
  attempts: string[];
}

/**
 * Playwright's download takes a minute on a fast link. On a closed network it
 * fails or hangs, so it gets a bound rather than the default of no limit.
 */
const PLAYWRIGHT_INSTALL_TIMEOUT_MS = 5 * 60_000;
const APT_TIMEOUT_MS = 15 * 60_000;

/** Output of the installers is captured, so that `npm install` prints one line, not hundreds. */
const defaultRunner: CommandRunner = (command, args, timeoutMs) =>
  spawnSync(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: timeoutMs,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });

/** Returns undefined when the command succeeded, else a short cause for the summary. */
function failureCause(
  command: string,
  result: Pick<SpawnSyncReturns<string>, 'status' | 'error' | 'stderr'>,
): string | undefined {
  if (result.error === undefined && result.status === 0) return undefined;

  // The first "Error:" (npm, Playwright) or "E:" (apt) line names the cause; the last
  // lines are often a stack frame or a closing brace.
  const lines = (result.stderr ?? '').split('\n').map((line) => line.trim());
  const errorLine =
    lines.find((line) => /^(Error|E):\s/.test(line)) ??
    lines.filter((line) => /[a-z]{3}/i.test(line)).at(-1);
  const cause = result.error?.message ?? errorLine ?? `exit code ${String(result.status)}`;
  log('%s failed: %s', command, cause);
  return cause.length > 160 ? `${cause.slice(0, 160)}…` : cause;
}

/**
 * Finds a Chromium for Playwright and installs one when none exists: first
 * `npx playwright install chromium`, then, on Debian as root,
 * `apt-get install -y chromium`. Throws BrowserNotFoundError listing every
 * option when all of these fail.
 */
export function provisionChromium(options: ProvisionOptions = {}): ProvisionResult {
  const env = options.env ?? process.env;
  const run = options.run ?? defaultRunner;
  const isDebian = options.isDebian ?? existsSync('/etc/debian_version');
  const isRoot = options.isRoot ?? process.getuid?.() === 0;
  const finders: BrowserFinders = {
    installed: findChromium,
    playwright: () => findPlaywrightChromium('provisioned-playwright'),
    system: findSystemChromium,
    ...options.finders,
  };
  const progress = options.onProgress ?? (() => undefined);
  const attempts: string[] = [];

  const found = finders.installed(env);
  if (found) return { choice: found, attempts };

  progress('nova: no Chromium found; running `npx playwright install chromium` (up to 5 min)…');
  const playwrightCause = failureCause(
    'npx playwright install chromium',
    run('npx', ['playwright', 'install', 'chromium'], PLAYWRIGHT_INSTALL_TIMEOUT_MS),
  );
  if (playwrightCause === undefined) {
    const choice = finders.playwright();
    if (choice) return { choice, attempts: ['`npx playwright install chromium` succeeded'] };
  }
  attempts.push(
    `\`npx playwright install chromium\` failed (${playwrightCause ?? 'no browser found after it'})`,
  );

  if (isDebian && isRoot) {
    progress("nova: running `apt-get install -y chromium` (Debian's package, as root)…");
    const updateCause = failureCause('apt-get update', run('apt-get', ['update'], APT_TIMEOUT_MS));
    const aptCause =
      updateCause ??
      failureCause(
        'apt-get install -y chromium',
        run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], APT_TIMEOUT_MS),
      );
    if (aptCause === undefined) {
      const system = finders.system(env);
      if (system) {
        attempts.push('`apt-get install -y chromium` succeeded');
        return {
          choice: {
            ...system,
            source: 'provisioned-apt',
            description: "Debian's chromium package",
          },
          attempts,
        };
      }
    }
    attempts.push(
      `\`apt-get install -y chromium\` failed (${aptCause ?? 'no browser found after it'})`,
    );
  }

  throw new BrowserNotFoundError(
    [
      `No Chromium found for Playwright, and none could be installed: ${attempts.join(', ')}.`,
      'Do one of these, then run `npm install` again:',
      '  - npx playwright install chromium   (Playwright’s own build; needs internet access)',
      `  - export ${CHROMIUM_ENV}=/path/to/chromium   (any Chromium or Chrome binary)`,
      '  - sudo apt-get install -y chromium   (Debian, Ubuntu: /usr/bin/chromium)',
      '  - install Google Chrome or chromium-browser so that it is on PATH',
      'Set NOVA_SKIP_BROWSER=1 to install without a browser (API tests and unit tests only).',
    ].join('\n'),
  );
}
