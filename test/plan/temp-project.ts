/**
 * A throwaway Playwright project for the plan tests: a config, one spec with
 * case tags and a plan, with the repository's node_modules linked in so that
 * `playwright test --list` runs as it does in the repository.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const REPO_DIR = join(import.meta.dirname, '..', '..');
const NOVA = join(REPO_DIR, 'bin', 'nova.js');

export const CONFIG = `import { defineConfig } from '@playwright/test';

export default defineConfig({ testDir: './specs', reporter: 'list' });
`;

export const SPEC = `import { test } from '@playwright/test';

test.describe('checkout', { tag: '@DEMO-001' }, () => {
  test('pays by card', async () => {});
});

test('shows the receipt', { tag: ['@DEMO-002', '@smoke'] }, async () => {});

test('logs the order', async () => {});
`;

/** Builds a case section in the plan layout. `fields` replaces rows by name, and null drops a row. */
export function caseSection(
  id: string,
  title: string,
  fields: Record<string, string | null> = {},
): string {
  const rows: Record<string, string | null> = {
    Requirement: 'The shop takes payments.',
    Preconditions: 'None',
    Priority: 'P1',
    Type: 'automated',
    Target: '`POST /orders`',
    ...fields,
  };
  const table = Object.entries(rows)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([name, value]) => `| ${name} | ${value} |`);
  return [
    `## ${id} · ${title}`,
    '',
    '| Field | Value |',
    '| --- | --- |',
    ...table,
    '',
    '**Steps**',
    '',
    '1. Open the shop.',
    '2. Pay.',
    '',
    '**Expected result**',
    '',
    'The order is paid.',
    '',
  ].join('\n');
}

export const FRONT_MATTER = `---
system: demo
name: Demo shop
owner: QA team
version: 1.0.0
page: /
endpoints:
  - POST /orders
---
`;

/** Builds the clean plan: one automated, one both and one manual case, tagged as SPEC tags them. */
export function cleanPlan(): string {
  return [
    FRONT_MATTER,
    '# Demo shop test plan',
    '',
    caseSection('DEMO-001', 'Card payment'),
    caseSection('DEMO-002', 'Receipt', { Type: 'both', Target: 'page /' }),
    caseSection('DEMO-003', 'Receipt reads well', { Type: 'manual', Target: 'page /' }),
  ].join('\n');
}

export interface TempProject {
  dir: string;
  write(path: string, text: string): Promise<void>;
  remove(): Promise<void>;
}

export async function createTempProject(files: Record<string, string> = {}): Promise<TempProject> {
  const dir = await mkdtemp(join(tmpdir(), 'nova-plan-test-'));
  const write = async (path: string, text: string) => {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  };

  await symlink(join(REPO_DIR, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await write('package.json', '{ "type": "module", "private": true }\n');
  await write('playwright.config.ts', CONFIG);
  await write('specs/shop.spec.ts', SPEC);
  await write('docs/test-plan/demo.md', cleanPlan());
  for (const [path, text] of Object.entries(files)) await write(path, text);

  return { dir, write, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `nova` command (bin/nova.js) in `cwd`. */
export function runNova(args: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [NOVA, ...args], { cwd }, (error, stdout, stderr) => {
      let exitCode = 0;
      if (error !== null) exitCode = typeof error.code === 'number' ? error.code : 1;
      resolve({ exitCode, stdout, stderr });
    });
  });
}

/** 1-based number of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string, after = 0): number {
  const lines = text.split('\n');
  const index = lines.findIndex((line, position) => position >= after && line.includes(needle));
  if (index === -1) throw new Error(`"${needle}" is not in the text`);
  return index + 1;
}
