import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  BrowserNotFoundError,
  chromiumLaunchOptions,
  findEnvChromium,
  findOnPath,
  findSystemChromium,
  loadBrowserChoice,
  provisionChromium,
  writeBrowserChoice,
  type BrowserChoice,
  type CommandRunner,
} from '../../framework/browser/index.ts';

let folder: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'nova-browser-'));
});
afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** Writes an executable script that prints `version` for `--version`, like a browser does. */
function fakeBrowser(path: string, version = 'Chromium 150.0.1.2'): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `#!/bin/sh\necho "${version}"\n`);
  chmodSync(path, 0o755);
  return path;
}

const recordedChoice = (executablePath: string): BrowserChoice => ({
  source: 'system',
  executablePath,
  version: 'Chromium 150.0.1.2',
  description: "Debian's chromium package",
  chosenAt: '2026-01-01T00:00:00.000Z',
});

describe('findOnPath', () => {
  it('finds an executable on PATH', () => {
    const path = fakeBrowser(join(folder, 'bin', 'chromium'));

    expect(findOnPath('chromium', `/nonexistent:${join(folder, 'bin')}`)).toBe(path);
  });

  it('ignores a file that is not executable', () => {
    writeFileSync(join(folder, 'chromium'), 'not a program');

    expect(findOnPath('chromium', folder)).toBeUndefined();
  });
});

describe('findSystemChromium', () => {
  it('prefers chromium and reads its version', () => {
    fakeBrowser(join(folder, 'google-chrome'), 'Google Chrome 150.0');
    const chromium = fakeBrowser(join(folder, 'chromium'), 'Chromium 156.0.8078.73');

    const choice = findSystemChromium({ PATH: folder });

    expect(choice?.executablePath).toBe(chromium);
    expect(choice?.version).toBe('Chromium 156.0.8078.73');
    expect(choice?.source).toBe('system');
  });

  it('skips a binary that fails to start', () => {
    writeFileSync(join(folder, 'chromium'), '#!/bin/sh\nexit 3\n');
    chmodSync(join(folder, 'chromium'), 0o755);
    const chrome = fakeBrowser(join(folder, 'google-chrome'), 'Google Chrome 150.0');

    expect(findSystemChromium({ PATH: folder })?.executablePath).toBe(chrome);
  });
});

describe('findEnvChromium', () => {
  it('uses an executable NOVA_CHROMIUM', () => {
    const path = fakeBrowser(join(folder, 'my-chrome'));

    const choice = findEnvChromium({ NOVA_CHROMIUM: path });

    expect(choice).toMatchObject({
      source: 'env',
      executablePath: path,
      description: 'NOVA_CHROMIUM',
    });
  });

  it.each([
    [
      'chromium',
      'NOVA_CHROMIUM must be an absolute path to a Chromium binary, received "chromium"',
    ],
    ['/no/such/browser', 'NOVA_CHROMIUM="/no/such/browser" is not an executable file'],
  ])('rejects %s', (value, message) => {
    expect(() => findEnvChromium({ NOVA_CHROMIUM: value })).toThrow(BrowserNotFoundError);
    expect(() => findEnvChromium({ NOVA_CHROMIUM: value })).toThrow(message);
  });

  it('rejects a program that is no browser', () => {
    const echo = fakeBrowser(join(folder, 'echo'), 'echo (GNU coreutils) 9.1');

    expect(() => findEnvChromium({ NOVA_CHROMIUM: echo })).toThrow(
      `NOVA_CHROMIUM="${echo}" is not a Chromium-based browser`,
    );
  });

  it('is skipped when unset', () => {
    expect(findEnvChromium({})).toBeUndefined();
  });
});

describe('provisionChromium', () => {
  const none = () => undefined;

  it('installs with apt-get when Playwright download fails', () => {
    const commands: string[] = [];
    const aptChromium = join(folder, 'usr-bin', 'chromium');
    const run: CommandRunner = (command, args) => {
      commands.push([command, ...args].join(' '));
      if (command === 'npx') {
        const stderr =
          'Downloading Chromium\nError: getaddrinfo ENOTFOUND\n    at lookup (dns:1:1)\n}\n';
        return { status: 1, error: undefined, stderr };
      }
      if (args[0] === 'install') fakeBrowser(aptChromium, 'Chromium 156.0.8078.114');
      return { status: 0, error: undefined, stderr: '' };
    };

    const progress: string[] = [];
    const result = provisionChromium({
      env: { PATH: join(folder, 'usr-bin') },
      run,
      isDebian: true,
      isRoot: true,
      finders: { installed: none, playwright: none },
      onProgress: (line) => progress.push(line),
    });

    expect(progress).toEqual([
      'nova: no Chromium found; running `npx playwright install chromium` (up to 5 min)…',
      "nova: running `apt-get install -y chromium` (Debian's package, as root)…",
    ]);

    expect(commands).toEqual([
      'npx playwright install chromium',
      'apt-get update',
      'apt-get install -y --no-install-recommends chromium',
    ]);
    expect(result.choice.source).toBe('provisioned-apt');
    expect(result.choice.executablePath).toBe(aptChromium);
    expect(result.attempts).toEqual([
      '`npx playwright install chromium` failed (Error: getaddrinfo ENOTFOUND)',
      '`apt-get install -y chromium` succeeded',
    ]);
  });

  it('never runs apt-get without root', () => {
    const commands: string[] = [];
    const run: CommandRunner = (command, args) => {
      commands.push([command, ...args].join(' '));
      return { status: 1, error: undefined, stderr: '' };
    };

    const attempt = () =>
      provisionChromium({
        env: { PATH: folder },
        run,
        isDebian: true,
        isRoot: false,
        finders: { installed: none, playwright: none },
      });

    expect(attempt).toThrow(BrowserNotFoundError);
    expect(commands).toEqual(['npx playwright install chromium']);
  });

  it('lists every option when all fail', () => {
    const run: CommandRunner = (command) => ({
      status: 100,
      error: undefined,
      stderr: command === 'apt-get' ? 'E: Unable to locate package chromium\n' : '',
    });

    let message = '';
    try {
      provisionChromium({
        env: { PATH: folder },
        run,
        isDebian: true,
        isRoot: true,
        finders: { installed: none, playwright: none },
      });
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toContain(
      'No Chromium found for Playwright, and none could be installed: ' +
        '`npx playwright install chromium` failed (exit code 100), ' +
        '`apt-get install -y chromium` failed (E: Unable to locate package chromium).',
    );
    expect(message).toContain('npx playwright install chromium');
    expect(message).toContain('export NOVA_CHROMIUM=/path/to/chromium');
    expect(message).toContain('sudo apt-get install -y chromium');
    expect(message).toContain('NOVA_SKIP_BROWSER=1');
  });

  it('installs nothing when a browser exists', () => {
    const installed = { ...recordedChoice('/usr/bin/chromium') };
    const run: CommandRunner = () => {
      throw new Error('no command may run');
    };

    const result = provisionChromium({ run, finders: { installed: () => installed } });

    expect(result).toEqual({ choice: installed, attempts: [] });
  });
});

describe('browser choice file', () => {
  it('returns the recorded choice while its binary exists', () => {
    const path = fakeBrowser(join(folder, 'bin', 'chromium'));
    writeBrowserChoice(folder, recordedChoice(path));

    expect(loadBrowserChoice(folder, { PATH: '' })).toEqual(recordedChoice(path));
  });

  it('searches again when the binary is gone', () => {
    writeBrowserChoice(folder, recordedChoice(join(folder, 'removed', 'chromium')));
    const replacement = fakeBrowser(join(folder, 'bin', 'chromium'));

    const choice = loadBrowserChoice(folder, { PATH: join(folder, 'bin') }, findSystemChromium);

    expect(choice.executablePath).toBe(replacement);
  });

  it('follows a changed NOVA_CHROMIUM', () => {
    const old = fakeBrowser(join(folder, 'old', 'chrome'));
    const replacement = fakeBrowser(join(folder, 'new', 'chrome'), 'Google Chrome 151.0');
    writeBrowserChoice(folder, { ...recordedChoice(old), source: 'env' });

    const choice = loadBrowserChoice(folder, { NOVA_CHROMIUM: replacement }, findEnvChromium);

    expect(choice.executablePath).toBe(replacement);
    expect(choice.version).toBe('Google Chrome 151.0');
  });

  it('drops a NOVA_CHROMIUM choice once unset', () => {
    const old = fakeBrowser(join(folder, 'old', 'chrome'));
    const system = fakeBrowser(join(folder, 'bin', 'chromium'));
    writeBrowserChoice(folder, { ...recordedChoice(old), source: 'env' });

    const choice = loadBrowserChoice(folder, { PATH: join(folder, 'bin') }, findSystemChromium);

    expect(choice.executablePath).toBe(system);
  });

  it('ignores a recorded folder', () => {
    const system = fakeBrowser(join(folder, 'bin', 'chromium'));
    writeBrowserChoice(folder, recordedChoice(tmpdir()));

    const choice = loadBrowserChoice(folder, { PATH: join(folder, 'bin') }, findSystemChromium);

    expect(choice.executablePath).toBe(system);
  });

  it('explains what to do when nothing is found', () => {
    writeFileSync(join(folder, 'browser.json'), '{ not json');

    expect(() => loadBrowserChoice(folder, { PATH: '' }, findSystemChromium)).toThrow(
      /No Chromium found for Playwright \(.*browser\.json is missing\)\. Run `npm install`/,
    );
  });
});

describe('chromiumLaunchOptions', () => {
  it('disables the sandbox for root only', () => {
    const choice = recordedChoice('/usr/bin/chromium');

    expect(chromiumLaunchOptions(choice, true).chromiumSandbox).toBe(false);
    expect(chromiumLaunchOptions(choice, false).chromiumSandbox).toBe(true);
  });

  it('passes closed-network flags and the path', () => {
    const options = chromiumLaunchOptions(recordedChoice('/usr/bin/chromium'), true);

    expect(options.executablePath).toBe('/usr/bin/chromium');
    expect(options.args).toEqual(
      expect.arrayContaining([
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
      ]),
    );
  });

  it("leaves Playwright's own build to Playwright", () => {
    const options = chromiumLaunchOptions(
      { ...recordedChoice('/x/chrome'), source: 'playwright' },
      true,
    );

    expect(options.executablePath).toBeUndefined();
  });
});
