import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { validateComposeFile } from './compose-validate.ts';
import { lintDockerfile } from './dockerfile-lint.ts';
import { checkPlaywrightMatrix } from './playwright-matrix.ts';
import { listPlaywrightProjects } from './playwright-projects.ts';
import type { CiProblem } from './problem.ts';
import { runPromtool } from './promtool.ts';
import { lintWorkflow } from './workflow-lint.ts';
import { checkWorkflowPolicy } from './workflow-policy.ts';
import { parseYamlSource } from './yaml-source.ts';

/** The files `npm run lint:ci` checks, relative to the repository root. */
export const CI_FILES = {
  workflowsDir: '.github/workflows',
  /** The workflow whose matrix must run every Playwright project. */
  testWorkflow: '.github/workflows/ci.yml',
  dockerfiles: ['Dockerfile', 'systems-under-test/iris-api/Dockerfile'],
  compose: 'compose.yaml',
  prometheusConfig: 'monitoring/prometheus.yml',
  prometheusRules: 'monitoring/alerts.yml',
} as const;

/** Result of checking the repository: problems, plus one line per check that ran or was skipped. */
export interface RepositoryCheck {
  problems: CiProblem[];
  notes: string[];
}

/** Runs every CI check on the repository at `rootDir`. */
export async function checkRepository(rootDir: string): Promise<RepositoryCheck> {
  const problems: CiProblem[] = [];
  const notes: string[] = [];
  const read = (file: string): string | undefined => {
    const path = join(rootDir, file);
    if (existsSync(path)) return readFileSync(path, 'utf8');
    problems.push({ file, line: 0, message: 'file not found.', source: 'ci-checks' });
    return undefined;
  };

  const workflowFiles = readdirSync(join(rootDir, CI_FILES.workflowsDir))
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => `${CI_FILES.workflowsDir}/${name}`);
  const projects = await listPlaywrightProjects(rootDir);
  for (const file of workflowFiles) {
    const text = read(file) ?? '';
    problems.push(...(await lintWorkflow(file, text)));
    const source = parseYamlSource(file, text);
    if (source.errors.length > 0) continue;
    problems.push(...checkWorkflowPolicy(source));
    if (file === CI_FILES.testWorkflow) problems.push(...checkPlaywrightMatrix(source, projects));
  }
  notes.push(
    `workflows: actionlint and policy on ${workflowFiles.length} files; Playwright projects ${projects.join(', ')}`,
  );

  for (const file of CI_FILES.dockerfiles) {
    const text = read(file);
    if (text !== undefined) problems.push(...lintDockerfile(file, text));
  }
  notes.push(`Dockerfiles: dockerfile-utils on ${CI_FILES.dockerfiles.join(', ')}`);

  const compose = read(CI_FILES.compose);
  if (compose !== undefined) problems.push(...validateComposeFile(CI_FILES.compose, compose));
  notes.push(`Compose: ${CI_FILES.compose} against the Compose Specification schema`);

  for (const [kind, file] of [
    ['config', CI_FILES.prometheusConfig],
    ['rules', CI_FILES.prometheusRules],
  ] as const) {
    const text = read(file);
    if (text === undefined) continue;
    problems.push(...parseYamlSource(file, text).errors);
    const result = await runPromtool(kind, join(rootDir, file));
    if (result.status === 'skipped') {
      notes.push(
        `promtool check ${kind} ${file}: skipped, ${result.reason} (YAML syntax checked only)`,
      );
    } else if (result.status === 'passed') {
      notes.push(`promtool check ${kind} ${file}: passed`);
    } else {
      problems.push({ file, line: 0, message: result.output, source: `promtool check ${kind}` });
    }
  }

  return { problems, notes };
}
