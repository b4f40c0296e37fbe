/**
 * Runs `nova plan coverage` and writePlanCoverage on a temporary Playwright
 * project and checks the table, the JSON and the lines added to the Allure
 * results' environment.properties.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import { PlanProblemsError, writePlanCoverage } from '../../framework/plan/index.ts';
import {
  caseSection,
  cleanPlan,
  createTempProject,
  runNova,
  type TempProject,
} from './temp-project.ts';

const PLAN = 'docs/test-plan/demo.md';

/** What allure-playwright writes: `key=value` lines, spaces in keys escaped, no final newline. */
const ALLURE_ENVIRONMENT = 'node=v20.20.2\niris\\ URL=http://127.0.0.1:3101';

describe('nova plan coverage', () => {
  let project: TempProject | undefined;
  afterEach(async () => {
    await project?.remove();
    project = undefined;
  });

  it('prints figures per system', async () => {
    const plan = cleanPlan() + '\n' + caseSection('DEMO-004', 'Card declined');
    project = await createTempProject({ [PLAN]: plan });

    const result = await runNova(['plan', 'coverage'], project.dir);

    expect(result.stdout.split('\n')).toEqual([
      '┌───────────┬────────────────────────┬───────┬────────────────────────┬─────────────┬─────────────┬───────┐',
      '│ System    │ Plan                   │ Cases │ Automated (incl. both) │ Manual only │ Not covered │ Tests │',
      '├───────────┼────────────────────────┼───────┼────────────────────────┼─────────────┼─────────────┼───────┤',
      '│ Demo shop │ docs/test-plan/demo.md │ 4     │ 3                      │ 1           │ 1           │ 2     │',
      '└───────────┴────────────────────────┴───────┴────────────────────────┴─────────────┴─────────────┴───────┘',
      'Not covered in docs/test-plan/demo.md: DEMO-004',
      '',
    ]);
    expect(result.exitCode).toBe(0);
  });

  it('prints JSON', async () => {
    project = await createTempProject();

    const result = await runNova(['plan', 'coverage', '--json'], project.dir);

    expect(JSON.parse(result.stdout)).toEqual({
      systems: [
        {
          system: 'demo',
          name: 'Demo shop',
          file: PLAN,
          cases: 3,
          automated: 2,
          manualOnly: 1,
          notCovered: 0,
          notCoveredIds: [],
          tests: 2,
        },
      ],
    });
    expect(result.exitCode).toBe(0);
  });

  it('appends to environment.properties once', async () => {
    project = await createTempProject();
    await mkdir(join(project.dir, 'results'));
    await writeFile(join(project.dir, 'results', 'environment.properties'), ALLURE_ENVIRONMENT);

    const first = await runNova(['plan', 'coverage', '--allure', 'results'], project.dir);
    const second = await runNova(['plan', 'coverage', '--allure', 'results'], project.dir);

    expect(first.exitCode).toBe(0);
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toContain(
      `Added to ${join(project.dir, 'results', 'environment.properties')}:\n` +
        '  plan demo = 2 automated, 1 manual only, 0 not covered\n',
    );
    expect(await readFile(join(project.dir, 'results', 'environment.properties'), 'utf8')).toBe(
      ALLURE_ENVIRONMENT + '\nplan\\ demo = 2 automated, 1 manual only, 0 not covered\n',
    );
  });

  it('refuses to count a broken plan', async () => {
    const plan = cleanPlan().replace('| Type | automated |', '| Type | automatic |');
    project = await createTempProject({ [PLAN]: plan });

    const result = await runNova(['plan', 'coverage'], project.dir);

    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^nova: the test plans have 1 problem\(s\), so no coverage can be computed; run "nova plan check" for the full list:\n {2}docs\/test-plan\/demo\.md:\d+: case DEMO-001 has Type "automatic"/,
    );
    expect(result.exitCode).toBe(1);
  });
});

describe('writePlanCoverage', () => {
  let project: TempProject | undefined;
  afterEach(async () => {
    await project?.remove();
    project = undefined;
  });

  it('creates environment.properties', async () => {
    project = await createTempProject();
    const resultsDir = join(project.dir, '.nova', 'allure-results');

    const coverage = await writePlanCoverage(
      resultsDir,
      join(project.dir, 'docs', 'test-plan'),
      join(project.dir, 'playwright.config.ts'),
    );

    expect(coverage.map((system) => [system.system, system.automated])).toEqual([['demo', 2]]);
    expect(await readFile(join(resultsDir, 'environment.properties'), 'utf8')).toBe(
      'plan\\ demo = 2 automated, 1 manual only, 0 not covered\n',
    );
  });

  it('throws the problems of a broken plan', async () => {
    const plan = cleanPlan().replace('| Priority | P1 |\n', '');
    project = await createTempProject({ [PLAN]: plan });

    const writing = writePlanCoverage(
      join(project.dir, 'results'),
      join(project.dir, 'docs', 'test-plan'),
      join(project.dir, 'playwright.config.ts'),
    );

    await expect(writing).rejects.toBeInstanceOf(PlanProblemsError);
    await expect(writing).rejects.toThrow(/case DEMO-001 has no Priority row/);
  });
});
