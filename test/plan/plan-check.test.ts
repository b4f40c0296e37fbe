/**
 * Runs `nova plan check` (bin/nova.js) on small temporary Playwright
 * projects, which it lists with the real `playwright test --list`, and on
 * this repository.
 */
import { afterEach, describe, expect, it } from 'vitest';

import {
  caseSection,
  cleanPlan,
  createTempProject,
  lineOf,
  REPO_DIR,
  runNova,
  SPEC,
  type TempProject,
} from './temp-project.ts';

const PLAN = 'docs/test-plan/demo.md';

describe('nova plan check', () => {
  let project: TempProject | undefined;
  afterEach(async () => {
    await project?.remove();
    project = undefined;
  });

  it('passes a clean plan', async () => {
    project = await createTempProject();

    const result = await runNova(['plan', 'check'], project.dir);

    expect(result.stdout).toBe(
      'Plan check passed: 1 plan(s), 3 cases (1 automated, 1 both, 1 manual), 3 tests, 1 of them tagged with no case.\n',
    );
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it('fails on a tag naming no case', async () => {
    const spec = SPEC + `\ntest('refunds the order', { tag: '@DEMO-009' }, async () => {});\n`;
    project = await createTempProject({ 'specs/shop.spec.ts': spec });

    const result = await runNova(['plan', 'check'], project.dir);

    const line = lineOf(spec, "test('refunds the order'");
    expect(result.stdout).toBe(
      `specs/shop.spec.ts:${line}: test "refunds the order" is tagged @DEMO-009, but no test plan has case DEMO-009; fix the tag, or add case DEMO-009 to a test plan.\n`,
    );
    expect(result.stderr).toBe(
      'nova: plan check found 1 problem(s) in docs/test-plan and the tests of playwright.config.ts.\n',
    );
    expect(result.exitCode).toBe(1);
  });

  it('suggests the spelling of a miscased tag', async () => {
    const spec = SPEC.replace("'@DEMO-002'", "'@demo-002'");
    project = await createTempProject({ 'specs/shop.spec.ts': spec });

    const result = await runNova(['plan', 'check'], project.dir);

    const testLine = lineOf(spec, "test('shows the receipt'");
    const caseLine = lineOf(cleanPlan(), '## DEMO-002');
    expect(result.stdout.split('\n')).toEqual([
      `${PLAN}:${caseLine}: case DEMO-002 has type both, but no running test is tagged @DEMO-002; add { tag: '@DEMO-002' } to the test that covers it, or change its type to manual.`,
      `specs/shop.spec.ts:${testLine}: test "shows the receipt" is tagged @demo-002, but no test plan has case demo-002; write it as @DEMO-002; tags are case-sensitive.`,
      '',
    ]);
    expect(result.exitCode).toBe(1);
  });

  it('fails on an automated case without a test', async () => {
    const plan = cleanPlan() + '\n' + caseSection('DEMO-004', 'Card declined');
    project = await createTempProject({ [PLAN]: plan });

    const result = await runNova(['plan', 'check'], project.dir);

    const line = lineOf(plan, '## DEMO-004');
    expect(result.stdout).toBe(
      `${PLAN}:${line}: case DEMO-004 has type automated, but no running test is tagged @DEMO-004; add { tag: '@DEMO-004' } to the test that covers it, or change its type to manual.\n`,
    );
    expect(result.exitCode).toBe(1);
  });

  it('fixme test covers no case', async () => {
    const plan = cleanPlan() + '\n' + caseSection('DEMO-004', 'Card declined');
    const spec = `import { test } from '@playwright/test';
test.fixme('declines the card', { tag: '@DEMO-004' }, async () => {});
test.skip('retries the card', { tag: '@DEMO-004' }, async () => {});
`;
    project = await createTempProject({ [PLAN]: plan, 'specs/declined.spec.ts': spec });

    const result = await runNova(['plan', 'check'], project.dir);

    const line = lineOf(plan, '## DEMO-004');
    expect(result.stdout).toBe(
      `${PLAN}:${line}: case DEMO-004 has type automated, but no running test is tagged @DEMO-004; add { tag: '@DEMO-004' } to the test that covers it, or change its type to manual.\n`,
    );
    expect(result.exitCode).toBe(1);
  });

  it('fails on a duplicate case id', async () => {
    const plan = cleanPlan() + '\n' + caseSection('DEMO-002', 'Receipt by email');
    project = await createTempProject({ [PLAN]: plan });

    const result = await runNova(['plan', 'check'], project.dir);

    const first = lineOf(plan, '## DEMO-002');
    const second = lineOf(plan, '## DEMO-002', first);
    expect(result.stdout).toBe(
      `${PLAN}:${second}: case id DEMO-002 is used twice, here and at ${PLAN}:${first}; give each case its own id.\n`,
    );
    expect(result.exitCode).toBe(1);
  });

  it('fails on an id of another system', async () => {
    const plan = cleanPlan() + '\n' + caseSection('SHOP-001', 'Basket');
    project = await createTempProject({ [PLAN]: plan });

    const result = await runNova(['plan', 'check'], project.dir);

    expect(result.stdout).toBe(
      `${PLAN}:${lineOf(plan, '## SHOP-001')}: case id "SHOP-001" must start with "DEMO-", the system of this plan; move the case to the plan of shop or renumber it.\n`,
    );
    expect(result.exitCode).toBe(1);
  });

  it('fails on a missing field', async () => {
    const plan = cleanPlan().replace('| Priority | P1 |\n', '');
    project = await createTempProject({ [PLAN]: plan });

    const result = await runNova(['plan', 'check'], project.dir);

    const header = lineOf(plan, '| Field | Value |');
    expect(result.stdout).toBe(
      `${PLAN}:${header}: case DEMO-001 has no Priority row; add "| Priority | P2 |" with one of P1, P2, P3.\n`,
    );
    expect(result.exitCode).toBe(1);
  });

  it('fails on an invalid type and priority', async () => {
    const plan = cleanPlan()
      .replace('| Type | automated |', '| Type | automatic |')
      .replace('| Priority | P1 |', '| Priority | P0 |');
    project = await createTempProject({ [PLAN]: plan });

    const result = await runNova(['plan', 'check'], project.dir);

    expect(result.stdout.split('\n')).toEqual([
      `${PLAN}:${lineOf(plan, '| Priority | P0 |')}: case DEMO-001 has Priority "P0", which is invalid; allowed values: P1, P2, P3.`,
      `${PLAN}:${lineOf(plan, '| Type | automatic |')}: case DEMO-001 has Type "automatic", which is invalid; allowed values: automated, manual, both.`,
      '',
    ]);
    expect(result.exitCode).toBe(1);
  });

  it('fails on malformed front matter', async () => {
    const plan = cleanPlan().replace('owner: QA team', 'owner: QA: team');
    project = await createTempProject({ [PLAN]: plan });

    const result = await runNova(['plan', 'check'], project.dir);

    // The cases are still read, with the file name as their system, so the tags still match.
    expect(result.stdout).toBe(
      `${PLAN}:${lineOf(plan, 'owner:')}: front matter: invalid YAML: Nested mappings are not allowed in compact mappings; put a value that contains ": " in quotes, and start each key at the beginning of its line.\n`,
    );
    expect(result.exitCode).toBe(1);
  });

  it('fails on front matter without closing fence', async () => {
    const plan = cleanPlan().replace('endpoints:\n  - POST /orders\n---\n', 'endpoints: []\n');
    project = await createTempProject({ [PLAN]: plan });

    const result = await runNova(['plan', 'check'], project.dir);

    expect(result.stdout.split('\n')[0]).toBe(
      `${PLAN}:1: front matter opens with "---" but has no closing "---" line; add one after the last YAML line.`,
    );
    expect(result.exitCode).toBe(1);
  });

  it('prints problems as JSON', async () => {
    const plan = cleanPlan().replace('| Type | automated |', '| Type | automatic |');
    project = await createTempProject({ [PLAN]: plan });

    const result = await runNova(['plan', 'check', '--json'], project.dir);

    const line = lineOf(plan, '| Type | automatic |');
    const body = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(body).toEqual({
      ok: false,
      plans: [{ file: PLAN, system: 'demo', cases: 3 }],
      tests: 3,
      untaggedTests: 1,
      problems: [
        {
          kind: 'invalid-field',
          file: PLAN,
          line,
          message:
            'case DEMO-001 has Type "automatic", which is invalid; allowed values: automated, manual, both.',
          text: `${PLAN}:${line}: case DEMO-001 has Type "automatic", which is invalid; allowed values: automated, manual, both.`,
        },
      ],
    });
    expect(result.exitCode).toBe(1);
  });

  it('reports a spec that cannot load', async () => {
    project = await createTempProject({ 'specs/broken.spec.ts': 'test(\n' });

    const result = await runNova(['plan', 'check'], project.dir);

    expect(result.stdout).toMatch(
      /^specs\/broken\.spec\.ts:\d+: Playwright cannot load the tests: .+\n/m,
    );
    // The cases of the spec that failed to load are not reported as untested.
    expect(result.stdout).not.toContain('no running test is tagged');
    expect(result.exitCode).toBe(1);
  });

  it('names a missing plan folder', async () => {
    project = await createTempProject();

    const result = await runNova(['plan', 'check', '--plans', 'no-such-dir'], project.dir);

    expect(result.stderr).toMatch(
      /^nova: cannot read the test plan folder no-such-dir: ENOENT.*Pass the folder with --plans <dir>\.\n$/,
    );
    expect(result.exitCode).toBe(1);
  });

  it('passes on this repository', async () => {
    const result = await runNova(['plan', 'check'], REPO_DIR);

    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Plan check passed: /);
    expect(result.exitCode).toBe(0);
  });
});
