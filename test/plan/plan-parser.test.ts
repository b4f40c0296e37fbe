/**
 * Reads plans from temporary folders with loadPlans and checks the problems
 * that malformed Markdown and front matter give, line by line.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { formatProblem, loadPlans, PlanSetupError } from '../../framework/plan/index.ts';
import { caseSection, cleanPlan, FRONT_MATTER, lineOf, REPO_DIR } from './temp-project.ts';

const PLAN = 'plans/demo.md';

describe('loadPlans', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nova-plan-parser-'));
    await mkdir(join(dir, 'plans'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Writes the plan and returns its problems as `file:line: message` lines. */
  async function problemsOf(plan: string, name = 'demo.md'): Promise<string[]> {
    await writeFile(join(dir, 'plans', name), plan);
    return loadPlans('plans', dir).problems.map(formatProblem);
  }

  it('reads every field of a case', async () => {
    const plan = cleanPlan().replace(
      '| Requirement | The shop takes payments. |',
      '| Requirement | The shop accepts `a \\| b` in a value. |',
    );
    await writeFile(join(dir, 'plans', 'demo.md'), plan);

    const { plans, problems } = loadPlans('plans', dir);

    expect(problems).toEqual([]);
    expect(plans).toHaveLength(1);
    expect(plans[0]!.frontMatter).toEqual({
      system: 'demo',
      name: 'Demo shop',
      owner: 'QA team',
      version: '1.0.0',
      page: '/',
      endpoints: ['POST /orders'],
    });
    expect(plans[0]!.cases[0]).toEqual({
      id: 'DEMO-001',
      title: 'Card payment',
      file: PLAN,
      line: lineOf(plan, '## DEMO-001'),
      requirement: 'The shop accepts `a | b` in a value.',
      preconditions: 'None',
      priority: 'P1',
      type: 'automated',
      targets: ['POST /orders'],
      steps: ['Open the shop.', 'Pay.'],
      expectedResult: 'The order is paid.',
      notes: '',
    });
    expect(plans[0]!.cases.map((testCase) => testCase.type)).toEqual([
      'automated',
      'both',
      'manual',
    ]);
  });

  it('reads the Iris plan', () => {
    const { plans, problems } = loadPlans('docs/test-plan', REPO_DIR);

    expect(problems.map(formatProblem)).toEqual([]);
    // Other systems add their own plans next to it; this test reads the Iris one.
    const iris = plans.find((plan) => plan.file === 'docs/test-plan/iris.md');
    expect(iris).toBeDefined();
    const types = iris!.cases.map((testCase) => testCase.type);
    expect(types.filter((type) => type === 'automated')).toHaveLength(41);
    expect(types.filter((type) => type === 'both')).toHaveLength(1);
    expect(types.filter((type) => type === 'manual')).toHaveLength(5);
  });

  it('rejects a heading without middle dot', async () => {
    const plan = cleanPlan().replace('## DEMO-003 · Receipt reads well', '## DEMO-003 - Receipt');

    expect(await problemsOf(plan)).toEqual([
      `${PLAN}:${lineOf(plan, '## DEMO-003')}: heading "## DEMO-003 - Receipt" must read "## DEMO-001 · <title>", with a middle dot (·, U+00B7) between the case id and a title.`,
    ]);
  });

  it('rejects a short case id', async () => {
    const plan = cleanPlan().replace('## DEMO-003 ·', '## DEMO-03 ·');

    expect(await problemsOf(plan)).toEqual([
      `${PLAN}:${lineOf(plan, '## DEMO-03')}: case id "DEMO-03" is invalid; write DEMO, a hyphen and three or more digits, such as DEMO-001.`,
    ]);
  });

  it('ignores headings that are not cases', async () => {
    const plan = cleanPlan().replace(
      '# Demo shop test plan',
      '# Demo shop test plan\n\n## Scope\n\nFree text | with a pipe.\n\n```md\n## DEMO-999 · In a code block\n```',
    );

    expect(await problemsOf(plan)).toEqual([]);
  });

  it('rejects unknown, misspelt and duplicate fields', async () => {
    const plan = cleanPlan().replace(
      '| Priority | P1 |',
      '| Priority | P1 |\n| priority | P2 |\n| Owner | Kim |\n| Priority | P3 |',
    );

    expect(await problemsOf(plan)).toEqual([
      `${PLAN}:${lineOf(plan, '| priority |')}: case DEMO-001 has the field "priority"; write it as "Priority".`,
      `${PLAN}:${lineOf(plan, '| Owner |')}: case DEMO-001 has the unknown field "Owner"; the fields are Requirement, Preconditions, Priority, Type, Target.`,
      `${PLAN}:${lineOf(plan, '| Priority | P3 |')}: case DEMO-001 has the field Priority twice, here and at line ${lineOf(plan, '| Priority | P1 |')}; keep one.`,
    ]);
  });

  it('rejects an empty value', async () => {
    const plan = cleanPlan().replace(
      '| Requirement | The shop takes payments. |',
      '| Requirement |  |',
    );

    expect(await problemsOf(plan)).toEqual([
      `${PLAN}:${lineOf(plan, '| Requirement |')}: case DEMO-001 has an empty Requirement; add "| Requirement | <what the system must do, in one sentence> |".`,
    ]);
  });

  it('rejects a row with three cells', async () => {
    const plan = cleanPlan().replace('| Preconditions | None |', '| Preconditions | a | b |');

    expect(await problemsOf(plan)).toEqual([
      `${PLAN}:${lineOf(plan, '| Field | Value |')}: case DEMO-001 has no Preconditions row; add "| Preconditions | <what must hold before step 1, or None> |".`,
      `${PLAN}:${lineOf(plan, '| Preconditions |')}: case DEMO-001: the field table row has 3 cells, expected 2 (field and value); write \\| for a pipe inside a value.`,
    ]);
  });

  it('rejects a target the front matter lacks', async () => {
    const plan = cleanPlan().replace(
      '| Target | `POST /orders` |',
      '| Target | `POST /orders`, GET /orders |',
    );

    expect(await problemsOf(plan)).toEqual([
      `${PLAN}:${lineOf(plan, 'GET /orders')}: case DEMO-001 has Target "GET /orders", which the front matter does not list; allowed values: page /, POST /orders. Add it to the front matter if the system has it.`,
    ]);
  });

  it('rejects a case without field table', async () => {
    const section = caseSection('DEMO-004', 'Refund', { Type: 'manual' });
    const plan = cleanPlan() + '\n' + section.replace(/\| .*\n/g, '');

    expect(await problemsOf(plan)).toEqual([
      `${PLAN}:${lineOf(plan, '## DEMO-004')}: case DEMO-004 has no field table; add "| Field | Value |", "| --- | --- |" and one row for each of Requirement, Preconditions, Priority, Type, Target under the heading.`,
    ]);
  });

  it('rejects misnumbered and unnumbered steps', async () => {
    const plan = cleanPlan()
      .replace('2. Pay.', '3. Pay.')
      .replace(
        '1. Open the shop.\n2. Pay.\n\n**Expected result**\n\nThe order is paid.\n\n## DEMO-003',
        'Open the shop.\n\n**Expected result**\n\nThe order is paid.\n\n## DEMO-003',
      );
    const second = lineOf(plan, '## DEMO-002');

    expect(await problemsOf(plan)).toEqual([
      `${PLAN}:${lineOf(plan, '3. Pay.')}: case DEMO-001: step numbered 3 should be 2; number the steps 1, 2, 3, … in order.`,
      `${PLAN}:${lineOf(plan, 'Open the shop.', second)}: case DEMO-002: "Open the shop." under **Steps** is not a numbered step; start each step with "1. ", "2. ", … and indent the lines that continue it.`,
    ]);
  });

  it('accepts indented and lazy step continuations', async () => {
    const plan = cleanPlan().replace(
      '1. Open the shop.\n2. Pay.',
      '1. Open the shop\n   at the front page.\n\n   ```sh\n   curl -s /orders\n   ```\n\n2. Pay with `a long\ncode span`.',
    );
    await writeFile(join(dir, 'plans', 'demo.md'), plan);

    const { plans, problems } = loadPlans('plans', dir);

    expect(problems).toEqual([]);
    expect(plans[0]!.cases[0]!.steps).toEqual([
      'Open the shop\nat the front page.\n```sh\ncurl -s /orders\n```',
      'Pay with `a long\ncode span`.',
    ]);
  });

  it('rejects missing steps and expected result', async () => {
    const plan = cleanPlan().replace(
      '**Steps**\n\n1. Open the shop.\n2. Pay.\n\n**Expected result**\n\nThe order is paid.\n',
      '',
    );

    expect(await problemsOf(plan)).toEqual([
      `${PLAN}:${lineOf(plan, '## DEMO-001')}: case DEMO-001 has no steps; add "**Steps**" followed by a numbered list "1. …", "2. …".`,
      `${PLAN}:${lineOf(plan, '## DEMO-001')}: case DEMO-001 has no expected result; add "**Expected result**" followed by what the tester must observe.`,
    ]);
  });

  it('rejects stray text and unknown labels', async () => {
    const plan = cleanPlan()
      .replace('| Target | `POST /orders` |\n', '| Target | `POST /orders` |\n\nSee the wiki.\n')
      .replace('**Expected result**', '**Result**');
    const result = lineOf(plan, '**Result**');

    expect(await problemsOf(plan)).toEqual([
      `${PLAN}:${lineOf(plan, '## DEMO-001')}: case DEMO-001 has no expected result; add "**Expected result**" followed by what the tester must observe.`,
      `${PLAN}:${lineOf(plan, 'See the wiki.')}: case DEMO-001 has text outside its field table before **Steps**: "See the wiki."; move it under **Notes** or into a field.`,
      `${PLAN}:${result}: case DEMO-001 has the unknown label "**Result**"; a case has **Steps**, **Expected result** and, optionally, **Notes**.`,
    ]);
  });

  it('rejects invalid front matter values', async () => {
    const plan = cleanPlan().replace(
      FRONT_MATTER,
      '---\nsystem: shop\nname: Demo shop\nversion: 1.0\ncolour: blue\nendpoints:\n  - post /orders\n---\n',
    );

    expect(await problemsOf(plan)).toEqual([
      `${PLAN}:1: front matter: missing key "owner"; add a line such as "owner: QA team".`,
      `${PLAN}:2: front matter: system "shop" does not match the file name demo.md; rename the file to shop.md or set "system: demo".`,
      `${PLAN}:4: front matter: "version" is the number 1, but must be text; write it in quotes, such as version: "1.0.0", so that YAML keeps it as written.`,
      `${PLAN}:5: front matter: unknown key "colour"; the keys are system, name, owner, version, page, endpoints.`,
      `${PLAN}:7: front matter: endpoint "post /orders" is invalid; write an HTTP method in upper case, a space and a path, such as "POST /predict".`,
    ]);
  });

  it('rejects front matter that is no mapping', async () => {
    const plan = cleanPlan().replace(FRONT_MATTER, '---\n- system\n---\n');

    expect(await problemsOf(plan)).toEqual([
      `${PLAN}:1: front matter: expected a YAML mapping with the keys system, name, owner, version, page, endpoints, but found a list.`,
    ]);
  });

  it('rejects case headings without front matter', async () => {
    const plan = cleanPlan().replace(FRONT_MATTER, '');

    expect(await problemsOf(plan)).toEqual([
      `${PLAN}:1: the file has case headings (line ${lineOf(plan, '## DEMO-001')}) but no front matter; start it with "---", the keys system, name, owner, version, page and endpoints, and "---".`,
    ]);
  });

  it('skips documents without front matter', async () => {
    await writeFile(
      join(dir, 'plans', 'README.md'),
      '# Plans\n\n```md\n## DEMO-001 · Example\n```\n',
    );

    expect(await problemsOf(cleanPlan())).toEqual([]);
    expect(loadPlans('plans', dir).plans).toHaveLength(1);
  });

  it('fails when no plan exists', async () => {
    await writeFile(join(dir, 'plans', 'README.md'), '# Plans\n');

    expect(() => loadPlans('plans', dir)).toThrow(PlanSetupError);
    expect(() => loadPlans('plans', dir)).toThrow(
      /^found no test plan in plans: no \.md file there starts with YAML front matter/,
    );
  });
});
