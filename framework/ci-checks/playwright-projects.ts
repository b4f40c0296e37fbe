import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Lists the project names of playwright.config.ts by running `playwright test --list`, which
 * loads the configuration as a real run would but starts no server and runs no test.
 */
export async function listPlaywrightProjects(rootDir: string): Promise<string[]> {
  const cli = join(rootDir, 'node_modules', '@playwright', 'test', 'cli.js');
  const { stdout } = await run(process.execPath, [cli, 'test', '--list', '--reporter=json'], {
    cwd: rootDir,
    maxBuffer: 64 * 1024 * 1024,
  });
  let report: { config?: { projects?: { name?: string }[] } };
  try {
    report = JSON.parse(stdout) as typeof report;
  } catch (error) {
    throw new Error(
      `playwright test --list --reporter=json printed output that is not JSON (${String(error)}); run it by hand to see why.`,
      { cause: error },
    );
  }
  const names = (report.config?.projects ?? []).map((project) => project.name ?? '');
  if (names.length === 0) {
    throw new Error('playwright test --list found no project in playwright.config.ts.');
  }
  return names;
}
