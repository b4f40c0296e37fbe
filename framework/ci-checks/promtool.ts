import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Outcome of one promtool check. */
export type PromtoolResult =
  | { status: 'skipped'; reason: string }
  | { status: 'passed'; output: string }
  | { status: 'failed'; output: string };

/**
 * Runs `promtool check <kind> <file>` when promtool is on PATH. Without it the check is
 * skipped, not failed, because promtool ships with Prometheus and is not an npm package.
 */
export async function runPromtool(kind: 'config' | 'rules', file: string): Promise<PromtoolResult> {
  try {
    const { stdout, stderr } = await run('promtool', ['check', kind, file]);
    return { status: 'passed', output: (stdout + stderr).trim() };
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (failure.code === 'ENOENT') {
      return { status: 'skipped', reason: 'promtool is not on PATH' };
    }
    return {
      status: 'failed',
      output: `${failure.stdout ?? ''}${failure.stderr ?? ''}`.trim() || String(error),
    };
  }
}
