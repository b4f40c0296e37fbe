import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, parse } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { buildAllureReport } from '../../framework/reporting/build-report.ts';
import { assertSafeOutputFolder } from '../../framework/reporting/output-folder-guard.ts';
import {
  createTempFolder,
  writeAllureResults,
  writeRetryOfFailedTest,
} from './allure-results-fixture.ts';

// Each build runs the real Allure 3 CLI in a child process.
const BUILD_TIMEOUT_MS = 60_000;

const GTAG_URL = 'https://www.googletagmanager.com/gtag/js?id=G-LNDJ3J7WT0';

let project: string;
let resultsDir: string;
let historyPath: string;

beforeEach(async () => {
  project = await createTempFolder();
  resultsDir = join(project, '.nova', 'allure-results');
  historyPath = join(project, '.nova', 'allure-history.jsonl');
  writeAllureResults(resultsDir);
});

afterEach(async () => {
  await rm(project, { recursive: true, force: true });
});

async function readHistoryLines(): Promise<unknown[]> {
  const text = await readFile(historyPath, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

describe('buildAllureReport', { timeout: BUILD_TIMEOUT_MS }, () => {
  it('writes an offline single-file report', async () => {
    const build = await buildAllureReport({ cwd: project, reportName: 'Nova unit' });

    expect(build.outputDir).toBe(join(project, 'reports', 'allure'));
    expect(build.indexHtml).toBe(join(project, 'reports', 'allure', 'index.html'));
    expect(existsSync(build.indexHtml)).toBe(true);
    expect(build.testCount).toBe(3);
    expect(build.removedScripts).toHaveLength(2);
    expect(build.removedScripts[0]).toBe(GTAG_URL);
    expect(build.removedScripts[1]).toMatch(/^inline: window\.dataLayer/);
    expect(build.removedLinks).toEqual([]);

    const html = await readFile(build.indexHtml, 'utf8');
    expect(html).not.toMatch(/<script[^>]*\ssrc\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<link[^>]*\shref\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toContain('googletagmanager');
    expect(html).not.toContain('gtag');
    expect(html).not.toContain('dataLayer');
    expect(html).toContain('<title> Nova unit </title>');
    expect(html).toContain('src="data:text/javascript;base64,');
  });

  it('appends one history entry per build', async () => {
    await buildAllureReport({ cwd: project, reportName: 'first build' });
    const afterFirst = await readHistoryLines();

    await buildAllureReport({ cwd: project, reportName: 'second build' });
    const afterSecond = await readHistoryLines();

    expect(afterFirst).toHaveLength(1);
    expect(afterSecond).toHaveLength(2);
    const [first, second] = afterSecond as { name: string; testResults: object }[];
    expect(first?.name).toBe('first build');
    expect(second?.name).toBe('second build');
    expect(Object.keys(second?.testResults ?? {})).toHaveLength(3);
  });

  it('counts a retried test once', async () => {
    writeRetryOfFailedTest(resultsDir);
    const resultFiles = (await readdir(resultsDir)).filter((name) => name.endsWith('-result.json'));

    const build = await buildAllureReport({ cwd: project });

    expect(resultFiles).toHaveLength(4);
    expect(build.testCount).toBe(3);
  });

  it('empties the output folder first', async () => {
    const outputDir = join(project, 'reports', 'allure');
    await mkdir(join(outputDir, 'old-plugin'), { recursive: true });
    await writeFile(join(outputDir, 'stale.txt'), 'left over from an earlier build');

    await buildAllureReport({ cwd: project });

    expect(existsSync(join(outputDir, 'stale.txt'))).toBe(false);
    expect(existsSync(join(outputDir, 'old-plugin'))).toBe(false);
    expect(existsSync(join(outputDir, 'index.html'))).toBe(true);
  });

  it('rejects a missing results folder', async () => {
    const outputDir = join(project, 'reports', 'allure');
    await mkdir(outputDir, { recursive: true });
    await writeFile(join(outputDir, 'keep.txt'), 'earlier report');
    const missing = join(project, 'no-such-results');

    const build = buildAllureReport({ cwd: project, resultsDir: 'no-such-results' });

    await expect(build).rejects.toThrow(`Allure results folder not found: "${missing}"`);
    await expect(build).rejects.toThrow('npx playwright test');
    expect(existsSync(join(outputDir, 'keep.txt'))).toBe(true);
  });

  it('rejects a results folder without results', async () => {
    const emptyResults = join(project, 'empty-results');
    await mkdir(emptyResults);
    await writeFile(join(emptyResults, 'environment.properties'), 'os=linux');

    const build = buildAllureReport({ cwd: project, resultsDir: emptyResults });

    await expect(build).rejects.toThrow(
      `Allure results folder "${emptyResults}" contains no test results`,
    );
    await expect(build).rejects.toThrow('found 1 other entries');
    await expect(build).rejects.toThrow('npx playwright test');
  });

  it.each([
    ['the project root', { outputDir: '.' }, 'is the project root'],
    [
      'a project parent',
      { outputDir: '..' },
      'is the project root (working directory) or contains it',
    ],
    ['a results parent', { outputDir: '.nova' }, 'is the Allure results folder or contains it'],
    ['the results folder', { outputDir: '.nova/allure-results' }, 'is the Allure results folder'],
    [
      'a history parent',
      { outputDir: 'history', historyPath: 'history/allure-history.jsonl' },
      'contains the report history file',
    ],
  ])('rejects %s as output without deleting', async (_case, paths, reason) => {
    const sentinel = join(project, 'sentinel.txt');
    await writeFile(sentinel, 'must survive');

    const build = buildAllureReport({ cwd: project, ...paths });

    await expect(build).rejects.toThrow('Rejected report output folder');
    await expect(build).rejects.toThrow(reason);
    expect(await readFile(sentinel, 'utf8')).toBe('must survive');
    const resultFiles = (await readdir(resultsDir)).filter((name) => name.endsWith('-result.json'));
    expect(resultFiles).toHaveLength(3);
    expect(existsSync(historyPath)).toBe(false);
  });

  it('rejects an output link to the project', async () => {
    const link = join(project, 'reports-link');
    await symlink(project, link);

    const build = buildAllureReport({ cwd: project, outputDir: link });

    await expect(build).rejects.toThrow(`Rejected report output folder "${link}"`);
    await expect(build).rejects.toThrow('is the project root');
  });

  it('rejects an output path that is a file', async () => {
    const file = join(project, 'report.html');
    await writeFile(file, '<html></html>');

    const build = buildAllureReport({ cwd: project, outputDir: file });

    await expect(build).rejects.toThrow('it is a file, expected a folder');
    expect(await readFile(file, 'utf8')).toBe('<html></html>');
  });

  it('rejects a results path with glob characters', async () => {
    const globResults = join(project, 'results[1]');
    writeAllureResults(globResults);

    const build = buildAllureReport({ cwd: project, resultsDir: globResults });

    await expect(build).rejects.toThrow(`Invalid Allure results folder "${globResults}"`);
    await expect(build).rejects.toThrow('glob characters');
  });
});

describe('assertSafeOutputFolder', () => {
  // These cases call only the check, so a defect in it can never empty these folders.
  it.each([
    ['the file system root', parse(process.cwd()).root, 'is the file system root'],
    ['the home folder', homedir(), 'is the home folder or contains it'],
    [
      'the repository root',
      join(import.meta.dirname, '..', '..'),
      'is the Elysium Nova repository root',
    ],
  ])('rejects %s', async (_case, outputDir, reason) => {
    const check = assertSafeOutputFolder({
      outputDir,
      resultsDir: join(project, '.nova', 'allure-results'),
      historyPath,
      projectRoot: project,
      repositoryRoot: join(import.meta.dirname, '..', '..'),
    });

    await expect(check).rejects.toThrow(`Rejected report output folder "${outputDir}"`);
    await expect(check).rejects.toThrow(reason);
  });

  it('accepts a dedicated report folder', async () => {
    const check = assertSafeOutputFolder({
      outputDir: join(project, 'reports', 'allure'),
      resultsDir,
      historyPath,
      projectRoot: project,
      repositoryRoot: join(import.meta.dirname, '..', '..'),
    });

    await expect(check).resolves.toBeUndefined();
  });
});
