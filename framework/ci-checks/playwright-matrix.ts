import type { CiProblem } from './problem.ts';
import type { YamlSource } from './yaml-source.ts';

type YamlMap = Record<string, unknown>;

function isRecord(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks that the jobs whose matrix has a `project` dimension together run every Playwright
 * project and no unknown one, and that their `shard` values are 1 to `shard-total`.
 * Returns a problem when no job has a `project` matrix at all.
 */
export function checkPlaywrightMatrix(
  workflow: YamlSource,
  projectNames: readonly string[],
): CiProblem[] {
  const problems: CiProblem[] = [];
  const report = (line: number, message: string): void => {
    problems.push({ file: workflow.file, line, message, source: 'playwright-matrix' });
  };

  const root = isRecord(workflow.data) ? workflow.data : {};
  const jobs = isRecord(root.jobs) ? root.jobs : {};
  const covered = new Set<string>();
  let matrixJobs = 0;

  for (const [jobId, job] of Object.entries(jobs)) {
    const strategy = isRecord(job) && isRecord(job.strategy) ? job.strategy : undefined;
    const matrix = strategy && isRecord(strategy.matrix) ? strategy.matrix : undefined;
    if (!matrix || !('project' in matrix)) continue;
    matrixJobs += 1;

    const matrixPath = ['jobs', jobId, 'strategy', 'matrix'];
    const projects = Array.isArray(matrix.project) ? matrix.project.map(String) : [];
    for (const project of projects) {
      covered.add(project);
      if (!projectNames.includes(project)) {
        report(
          workflow.lineOf([...matrixPath, 'project']),
          `job "${jobId}" runs Playwright project "${project}", which playwright.config.ts does not define (projects: ${projectNames.join(', ')}).`,
        );
      }
    }
    problems.push(...checkShards(workflow, jobId, matrix, matrixPath));
  }

  if (matrixJobs === 0) {
    report(
      workflow.lineOf(['jobs']),
      'no job has a `strategy.matrix.project` dimension, so no Playwright project runs.',
    );
    return problems;
  }

  for (const project of projectNames) {
    if (!covered.has(project)) {
      report(
        workflow.lineOf(['jobs']),
        `Playwright project "${project}" from playwright.config.ts is in no job's \`strategy.matrix.project\`: add it there.`,
      );
    }
  }
  return problems;
}

function checkShards(
  workflow: YamlSource,
  jobId: string,
  matrix: YamlMap,
  matrixPath: string[],
): CiProblem[] {
  const shards = Array.isArray(matrix.shard) ? matrix.shard : [];
  const totals = Array.isArray(matrix['shard-total']) ? matrix['shard-total'] : [];
  const total = Number(totals[0]);
  if (shards.length === 0 && totals.length === 0) return [];

  const expected = Array.from({ length: Number.isInteger(total) ? total : 0 }, (_, i) => i + 1);
  const actual = shards.map(Number);
  if (totals.length === 1 && expected.length > 0 && expected.join() === actual.join()) return [];

  return [
    {
      file: workflow.file,
      line: workflow.lineOf([...matrixPath, 'shard']),
      message: `job "${jobId}" has shard ${JSON.stringify(shards)} and shard-total ${JSON.stringify(totals)}: shard must list 1 to N and shard-total must be [N].`,
      source: 'playwright-matrix',
    },
  ];
}
