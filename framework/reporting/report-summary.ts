import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Reads the number of tests in a generated report from the `summary.json` that
 * Allure 3 writes into the output root (`stats.total`, counted after retries are merged).
 *
 * @throws Error when the file is missing or has no numeric `stats.total`.
 */
export async function readReportTestCount(outputDir: string): Promise<number> {
  const summaryPath = join(outputDir, 'summary.json');
  let summary: unknown;
  try {
    summary = JSON.parse(await readFile(summaryPath, 'utf8'));
  } catch (error) {
    throw new Error(
      `Cannot read the report summary "${summaryPath}": ${String(error)}. ` +
        'Expected Allure 3 to write it next to index.html; check the Allure output with DEBUG=nova:reporting.',
      { cause: error },
    );
  }

  const total = (summary as { stats?: { total?: unknown } } | null)?.stats?.total;
  if (typeof total !== 'number' || !Number.isInteger(total) || total < 0) {
    throw new Error(
      `Invalid report summary "${summaryPath}": expected a non-negative integer in stats.total, ` +
        `received ${JSON.stringify(total)}. The summary format of the installed Allure version may have changed.`,
    );
  }
  return total;
}
