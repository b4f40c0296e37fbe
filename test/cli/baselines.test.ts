import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const NOVA = join(import.meta.dirname, '..', '..', 'bin', 'nova.js');

interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

describe('nova baselines', () => {
  let root: string;

  async function put(path: string, body: string): Promise<void> {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), body);
  }

  function nova(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [NOVA, 'baselines', ...args],
        {
          cwd: join(root, 'specs'),
          env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
        },
        (error, stdout, stderr) => {
          const exitCode = error ? Number((error as { code?: number }).code ?? 1) : 0;
          resolve({ exitCode, stdout, stderr });
        },
      );
    });
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'nova-baselines-cli-'));
    await put('playwright.config.ts', '// marks the project root');
    await put('specs/visual/home.spec.ts', '// spec');
    await put('baselines/visual/home/header.png', 'png');
    await put('.nova/baseline-candidates/visual/home/footer.png', 'png');
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('status lists the candidate without a baseline, from a subfolder of the project', async () => {
    const result = await nova(['status', '--json']);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      expect.objectContaining({ key: 'visual/home/footer', state: 'missing' }),
      expect.objectContaining({ key: 'visual/home/header', state: 'unchecked' }),
    ]);
  });

  it('approve refuses to write in CI', async () => {
    const ci = await nova(['approve'], { CI: 'true' });
    expect(ci.exitCode).toBe(1);
    expect(ci.stderr).toContain('never happens in CI');
    expect(existsSync(join(root, 'baselines/visual/home/footer.png'))).toBe(false);
  });

  it('approve promotes the candidate', async () => {
    const result = await nova(['approve', 'visual/home/*']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('approved visual/home/footer');
    expect(existsSync(join(root, 'baselines/visual/home/footer.png'))).toBe(true);
  });

  it('approve fails on a pattern that matches nothing', async () => {
    const none = await nova(['approve', 'visual/shop']);
    expect(none.exitCode).toBe(1);
    expect(none.stderr).toContain('No candidate matches "visual/shop"');
  });
});
