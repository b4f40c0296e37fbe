import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Stage, Status } from 'allure-js-commons';
import type { TestResult } from 'allure-js-commons';
import { FileSystemWriter } from 'allure-js-commons/sdk/reporter';

/** Names of the tests that {@link writeAllureResults} writes, one result each. */
export const FIXTURE_TEST_NAMES = [
  'returns the health status',
  'rejects a sepal length below zero',
  'predicts the iris species',
] as const;

/** Creates an empty temporary folder for one test case. */
export async function createTempFolder(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'nova-reporting-'));
}

/**
 * Writes one passed, one failed and one skipped test result into `resultsDir` with the
 * FileSystemWriter of allure-js-commons, the writer that allure-playwright uses, so the
 * files have the format of a real Playwright run.
 */
export function writeAllureResults(resultsDir: string): void {
  const writer = new FileSystemWriter({ resultsDir });
  const [passed, failed, skipped] = FIXTURE_TEST_NAMES;

  writer.writeResult(createTestResult(passed, Status.PASSED, 0));
  writer.writeResult(createTestResult(failed, Status.FAILED, 10));
  writer.writeResult(createTestResult(skipped, Status.SKIPPED, 20));
}

/**
 * Writes a passed retry of the failed fixture test. It has the same `historyId`, which is
 * how Allure recognizes a retry of the same test.
 */
export function writeRetryOfFailedTest(resultsDir: string): void {
  const writer = new FileSystemWriter({ resultsDir });
  writer.writeResult(createTestResult(FIXTURE_TEST_NAMES[1], Status.PASSED, 30));
}

function createTestResult(name: string, status: Status, startOffsetMs: number): TestResult {
  const testCaseId = createHash('md5').update(`iris.spec.ts#${name}`).digest('hex');
  const start = Date.now() + startOffsetMs;

  return {
    uuid: randomUUID(),
    name,
    fullName: `iris.spec.ts › ${name}`,
    // allure-playwright appends the MD5 of the test parameters, here of none.
    historyId: `${testCaseId}:d41d8cd98f00b204e9800998ecf8427e`,
    testCaseId,
    titlePath: ['iris.spec.ts'],
    status,
    statusDetails:
      status === Status.FAILED
        ? { message: 'Expected: 400\nReceived: 200', trace: 'Error: expected 400' }
        : {},
    stage: Stage.FINISHED,
    steps: [],
    attachments: [],
    parameters: [],
    labels: [
      { name: 'language', value: 'javascript' },
      { name: 'framework', value: 'playwright' },
      { name: 'suite', value: 'iris.spec.ts' },
    ],
    links: [],
    start,
    stop: start + 5,
  };
}
