import type { CiProblem } from './problem.ts';
import type { YamlSource } from './yaml-source.ts';

/** A full 40-character commit SHA: tags and branches can be moved to other code, a commit cannot. */
const PINNED_ACTION = /^[\w.-]+\/[\w.-]+(?:\/[^@]+)?@[0-9a-f]{40}$/;
const PINNED_DOCKER_ACTION = /^docker:\/\/[^@]+@sha256:[0-9a-f]{64}$/;

type YamlMap = Record<string, unknown>;

function isRecord(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks the repository's rules for a workflow: a `concurrency` group at the top, explicit
 * `permissions` on every job, and every `uses:` pinned to a full commit SHA (or a local path).
 * Runs after actionlint, which already rejects unknown keys and bad expressions.
 */
export function checkWorkflowPolicy(workflow: YamlSource): CiProblem[] {
  const problems: CiProblem[] = [];
  const report = (line: number, message: string): void => {
    problems.push({ file: workflow.file, line, message, source: 'workflow-policy' });
  };

  const root = workflow.data;
  if (!isRecord(root)) {
    report(1, 'a workflow must be a YAML mapping with `on` and `jobs`.');
    return problems;
  }

  if (!isRecord(root.concurrency)) {
    report(
      workflow.lineOf([]),
      'no top-level `concurrency` group: add one with `cancel-in-progress: true` so a new push cancels the run it supersedes.',
    );
  }

  const jobs = isRecord(root.jobs) ? root.jobs : {};
  for (const [jobId, job] of Object.entries(jobs)) {
    if (!isRecord(job)) continue;
    if (!('permissions' in job)) {
      report(
        workflow.lineOf(['jobs', jobId]),
        `job "${jobId}" has no \`permissions\`: list the token scopes it needs, or \`permissions: {}\` for none.`,
      );
    }
    if (typeof job.uses === 'string') {
      checkUses(job.uses, workflow.lineOf(['jobs', jobId, 'uses']), report);
    }
    const steps = Array.isArray(job.steps) ? job.steps : [];
    steps.forEach((step, index) => {
      if (isRecord(step) && typeof step.uses === 'string') {
        checkUses(step.uses, workflow.lineOf(['jobs', jobId, 'steps', index, 'uses']), report);
      }
    });
  }
  return problems;
}

function checkUses(
  uses: string,
  line: number,
  report: (line: number, message: string) => void,
): void {
  if (uses.startsWith('./')) return;
  if (PINNED_ACTION.test(uses) || PINNED_DOCKER_ACTION.test(uses)) return;
  report(
    line,
    `"${uses}" is not pinned: replace the tag or branch with the full 40-character commit SHA and keep the tag as a comment, for example \`owner/action@<sha> # v4.2.2\`.`,
  );
}
