import { displayPath } from './display-path.ts';
import type { ListedTest } from './playwright-tests.ts';
import { CASE_TAG_PATTERN, type PlanProblem, type TestCase } from './plan-model.ts';

export interface Traceability {
  /** Tests per case id, for every case that at least one test names. */
  testsByCase: Map<string, ListedTest[]>;
  /** Tags that name no case, and `automated` or `both` cases that no test names. */
  problems: PlanProblem[];
  /** Tests without any case tag. */
  untaggedTests: ListedTest[];
}

/**
 * Matches the tests' case tags against the plans' cases: each tag must name
 * a case, and each `automated` or `both` case needs a test.
 */
export function traceTests(
  cases: readonly TestCase[],
  tests: readonly ListedTest[],
  cwd: string,
): Traceability {
  const casesById = new Map(cases.map((testCase) => [testCase.id, testCase]));
  const testsByCase = new Map<string, ListedTest[]>();
  const untaggedTests: ListedTest[] = [];
  // Tests generated in a loop share one line; one problem per line and tag is enough.
  const unknownTags = new Map<string, { test: ListedTest; tag: string; count: number }>();

  for (const test of tests) {
    const caseTags = test.tags.filter((tag) => CASE_TAG_PATTERN.test(tag));
    if (caseTags.length === 0) untaggedTests.push(test);

    for (const tag of new Set(caseTags)) {
      const id = tag.slice(1);
      if (casesById.has(id)) {
        // A skipped or fixme test names its case but checks nothing, so it covers nothing.
        if (test.skipped) continue;
        const covering = testsByCase.get(id) ?? [];
        covering.push(test);
        testsByCase.set(id, covering);
        continue;
      }
      const key = `${test.file}:${test.line}:${tag}`;
      const entry = unknownTags.get(key);
      if (entry === undefined) unknownTags.set(key, { test, tag, count: 1 });
      else entry.count++;
    }
  }

  const problems: PlanProblem[] = [];
  for (const { test, tag, count } of unknownTags.values()) {
    const id = tag.slice(1);
    const sameIdOtherCase = [...casesById.keys()].find(
      (known) => known.toUpperCase() === id.toUpperCase(),
    );
    const who =
      count === 1
        ? `test "${test.title}" is`
        : `test "${test.title}" and ${count - 1} more at this line are`;
    const fix =
      sameIdOtherCase === undefined
        ? `fix the tag, or add case ${id} to a test plan.`
        : `write it as @${sameIdOtherCase}; tags are case-sensitive.`;
    problems.push({
      kind: 'unknown-case',
      file: displayPath(test.file, cwd),
      line: test.line,
      message: `${who} tagged ${tag}, but no test plan has case ${id}; ${fix}`,
    });
  }

  for (const testCase of cases) {
    if (testCase.type !== 'automated' && testCase.type !== 'both') continue;
    if (testsByCase.has(testCase.id)) continue;
    problems.push({
      kind: 'untested-case',
      file: testCase.file,
      line: testCase.line,
      message:
        `case ${testCase.id} has type ${testCase.type}, but no running test is tagged @${testCase.id}; ` +
        `add { tag: '@${testCase.id}' } to the test that covers it, or change its type to manual.`,
    });
  }

  return { testsByCase, problems, untaggedTests };
}
