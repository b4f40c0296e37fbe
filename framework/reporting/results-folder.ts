import { readdir, stat } from 'node:fs/promises';

const RUN_TESTS_FIRST =
  'Run the tests first with "npx playwright test" (or "npm start"), then run "npm run report" again.';

/**
 * Counts the `*-result.json` files in an Allure results folder, the one file that
 * allure-playwright writes per test attempt.
 *
 * @throws Error when the folder is missing, is not a folder, or contains no result files.
 */
export async function countAllureResultFiles(resultsDir: string): Promise<number> {
  let entries: string[];
  try {
    const stats = await stat(resultsDir);
    if (!stats.isDirectory()) {
      throw new Error(
        `Allure results path "${resultsDir}" is a file, expected a folder. ${RUN_TESTS_FIRST}`,
      );
    }
    entries = await readdir(resultsDir);
  } catch (error) {
    if (isNotFoundError(error)) {
      throw new Error(
        `Allure results folder not found: "${resultsDir}". ` +
          `Expected the raw results that allure-playwright writes during a test run. ${RUN_TESTS_FIRST}`,
        { cause: error },
      );
    }
    throw error;
  }

  const resultFiles = entries.filter((name) => name.endsWith('-result.json'));
  if (resultFiles.length === 0) {
    throw new Error(
      `Allure results folder "${resultsDir}" contains no test results: expected *-result.json ` +
        `files, found ${entries.length} other entries. ${RUN_TESTS_FIRST}`,
    );
  }

  return resultFiles.length;
}

function isNotFoundError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
