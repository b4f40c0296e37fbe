/**
 * Runs Playwright on a small project in a temp folder whose spec calls
 * `expect(page).toMatchBaseline` and `expect(locator).toMatchBaseline`, to
 * check the baseline life cycle end to end: a missing baseline fails and
 * leaves a candidate, `-u` writes the baseline, and a changed page in CI
 * fails with one line per region while baselines/ stays untouched.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPOSITORY_ROOT = join(import.meta.dirname, '..', '..');
const PLAYWRIGHT_CLI = join(REPOSITORY_ROOT, 'node_modules', '@playwright', 'test', 'cli.js');

const SPEC = `import { expect, test } from ${JSON.stringify(join(REPOSITORY_ROOT, 'framework', 'fixtures', 'index.ts'))};

test('home page', async ({ page }) => {
  const colour = process.env.HOME_COLOUR ?? '#1f2933';
  const shift = process.env.HOME_SHIFT ?? '0';
  await page.setContent(
    '<style>body { margin: 0; font: 16px sans-serif; } h1 { margin: 20px; color: ' + colour + '; }' +
      ' button { margin-left: ' + shift + 'px; }</style>' +
      '<h1 id="title">Hello</h1><div style="padding: 20px"><button id="go">Go</button></div>',
  );
  await expect(page.locator('#go')).toMatchBaseline('go-button');
  await expect(page).toMatchBaseline('home');
});
`;

interface RunResult {
  exitCode: number;
  output: string;
}

describe('toMatchBaseline in a Playwright run', () => {
  let dir: string;

  function playwright(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [
          PLAYWRIGHT_CLI,
          'test',
          '-c',
          join(dir, 'playwright.config.ts'),
          '--reporter=line',
          ...args,
        ],
        { cwd: dir, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } },
        (error, stdout, stderr) => {
          const exitCode = error ? Number((error as { code?: number }).code ?? 1) : 0;
          resolve({ exitCode, output: stdout + stderr });
        },
      );
    });
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nova-visual-run-'));
    await mkdir(join(dir, 'specs'));
    await symlink(join(REPOSITORY_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
    await writeFile(join(dir, 'specs', 'home.spec.ts'), SPEC);
    const browser = join(REPOSITORY_ROOT, 'framework', 'browser', 'index.ts');
    await writeFile(
      join(dir, 'playwright.config.ts'),
      `import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions, loadBrowserChoice } from ${JSON.stringify(browser)};

export default defineConfig({
  testDir: './specs',
  workers: 1,
  projects: [
    {
      name: 'visual',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: chromiumLaunchOptions(loadBrowserChoice(${JSON.stringify(join(REPOSITORY_ROOT, '.nova'))})),
      },
    },
  ],
});
`,
    );
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // Three Playwright runs with a browser each: about 15 s on a quiet 2-core machine.
  it(
    'fails on a missing baseline, writes it with -u, and never writes in CI',
    { timeout: 240_000 },
    async () => {
      const baseline = join(dir, 'baselines', 'visual', 'home', 'go-button.png');
      const candidate = join(
        dir,
        '.nova',
        'baseline-candidates',
        'visual',
        'home',
        'go-button.png',
      );

      const missing = await playwright([]);
      expect(missing.exitCode).toBe(1);
      expect(missing.output).toContain(
        'Visual baseline missing "go-button": there is no baselines/visual/home/go-button.png.',
      );
      expect(existsSync(candidate)).toBe(true);
      expect(existsSync(baseline)).toBe(false);

      const update = await playwright(['-u']);
      expect(update.exitCode).toBe(0);
      const written = await readFile(baseline);
      expect(existsSync(join(dir, 'baselines', 'visual', 'home', 'home.png'))).toBe(true);

      // The button moves and the heading changes colour; the button's own capture is unchanged.
      const changed = await playwright(['-u'], {
        CI: 'true',
        HOME_COLOUR: '#c0392b',
        HOME_SHIFT: '120',
      });
      expect(changed.exitCode).toBe(1);
      expect(changed.output).toMatch(/Visual mismatch "home": 2 regions, \d+ pixels differ/);
      expect(changed.output).toMatch(
        /1\. colour at x=\d+ y=\d+ \d+x\d+, \d+ px \([\d.]+ %\)\s+h1#title "Hello"/,
      );
      expect(changed.output).toMatch(/2\. shift dx=120 dy=0 at .*button#go "Go"/);
      expect(changed.output).toContain('CI is set, so baselines/ is never written, even with -u.');
      expect(changed.output).toMatch(/Annotated: .*home-annotated\.png/);
      expect((await readFile(baseline)).equals(written)).toBe(true);
      expect(
        existsSync(join(dir, '.nova', 'baseline-candidates', 'visual', 'home', 'home.png')),
      ).toBe(true);
    },
  );
});
