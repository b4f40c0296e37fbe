import { describe, expect, it } from 'vitest';

import {
  assignBugs,
  fingerprintFailure,
  groupFailures,
  groupOf,
  issueTitleOf,
  systemOfTest,
  type FailureReport,
} from '../../framework/bugs/index.ts';
import { failureOf } from '../support/bug-fixtures.ts';

const ROOT = process.cwd();

/** Builds the failures that swapped class labels give in the Iris suite: one per layer and check. */
function swappedLabels(): FailureReport[] {
  return [
    failureOf({
      title: 'typical versicolor is predicted as versicolor',
      file: 'specs/api/iris/predict.spec.ts',
      message:
        'Error: expect(received).toBe(expected) // Object.is equality\n\nExpected: "versicolor"\nReceived: "virginica"',
    }),
    failureOf({
      title: 'whole data set as one batch is classified',
      file: 'specs/api/iris/predict.spec.ts',
      message:
        'Error: expect(received).toBeGreaterThanOrEqual(expected)\n\nExpected: >= 0.9\nReceived:    0.6666',
    }),
    failureOf({
      title: 'typical versicolor shows versicolor',
      file: 'specs/ui/iris/predict.spec.ts',
      project: 'ui',
      message:
        'Error: expect(locator).toHaveText(expected) failed\n\nLocator: locator(\'#result\')\nExpected: "versicolor"\nReceived: "virginica"',
    }),
  ];
}

describe('systemOfTest', () => {
  it('reads the system from specs/<layer>/<system>/', () => {
    expect(systemOfTest('specs/api/iris/predict.spec.ts')).toBe('iris');
    expect(systemOfTest('specs/visual/dashboard/views/overview.spec.ts')).toBe('dashboard');
    expect(systemOfTest('specs\\ui\\sentiment\\page.spec.ts')).toBe('sentiment');
  });

  it('names no system outside that layout', () => {
    expect(systemOfTest('orders.spec.ts')).toBeUndefined();
    expect(systemOfTest('specs/api/predict.spec.ts')).toBeUndefined();
    expect(systemOfTest('tests/api/iris/predict.spec.ts')).toBeUndefined();
  });
});

describe('groupOf', () => {
  it.each([
    ['an assertion', 'Error: expect(received).toBe(expected)\n\nExpected: 200\nReceived: 500'],
    ['a poll', 'Error: expect.poll(received).toBe(expected)'],
    ['a locator assertion', 'Error: expect(locator).toBeVisible() failed'],
    ['a test timeout', 'Test timeout of 30000ms exceeded.'],
    ['an action timeout', 'Error: locator.click: Timeout 5000ms exceeded.'],
    ['a visual mismatch', 'Error: Visual mismatch "home": 2 regions, 40 pixels differ'],
    ['a broken load threshold', 'Error: Load threshold broken in "smoke": p(95)<250'],
    ['a refused connection', 'Error: connect ECONNREFUSED 127.0.0.1:3100'],
    [
      'a failed fast-check property',
      'Error: Property failed after 16 tests\n{ seed: 1, path: "15:0", endOnFailure: true }\nCounterexample: [{"body":"x"}]\nShrunk 3 time(s)',
    ],
  ])('groups %s by system', (_name, message) => {
    expect(groupOf(failureOf({ title: 't', message }))).toMatch(/^shop(?::network)?$/);
  });

  it.each([
    ['a TypeError', "TypeError: Cannot read properties of undefined (reading 'count')"],
    ['an error the code throws', 'Error: order 1001 has no total'],
    ['a RangeError', 'RangeError: Invalid time value'],
    [
      'a TypeError that names a timeout',
      "TypeError: Cannot read properties of undefined (reading 'timeout')",
    ],
    [
      'a SyntaxError that expects',
      "SyntaxError: Expected property name or '}' in JSON at position 1",
    ],
    ['an error that says Expected', 'Error: Expected options.port to be a number'],
    [
      'a property broken by a TypeError',
      'Error: Property failed after 1 tests\n{ seed: 1, path: "0", endOnFailure: true }\nCounterexample: [1]\nShrunk 0 time(s)\nGot error: TypeError: x is not a function',
    ],
  ])('files %s alone', (_name, message) => {
    expect(groupOf(failureOf({ title: 't', message }))).toBeUndefined();
  });
});

describe('assignBugs', () => {
  it('files the observations of one system in one run as one bug', () => {
    const failures = swappedLabels();
    const assignments = assignBugs(failures);
    const symptoms = failures.map((failure) => fingerprintFailure(failure));

    expect(new Set(symptoms).size).toBe(3);
    expect(assignments.map((assignment) => assignment.symptom)).toEqual(symptoms);
    expect(new Set(assignments.map((assignment) => assignment.bug))).toEqual(
      new Set([[...symptoms].sort()[0]]),
    );
  });

  it('gives the same bug whatever order the failures arrive in', () => {
    const forward = assignBugs(swappedLabels());
    const backward = assignBugs(swappedLabels().reverse());
    expect(backward[0]!.bug).toBe(forward[0]!.bug);
  });

  it('keeps the observations of two systems apart', () => {
    const iris = swappedLabels()[0]!;
    const sentiment = failureOf({
      title: 'negation flips the score',
      file: 'specs/api/sentiment/score.spec.ts',
      message:
        'Error: expect(received).toBe(expected)\n\nExpected: "negative"\nReceived: "positive"',
    });
    const [first, second] = assignBugs([iris, sentiment]);
    expect(first!.bug).toBe(first!.symptom);
    expect(second!.bug).toBe(second!.symptom);
  });

  it('keeps an exception apart from the observations of its system', () => {
    const [observation] = swappedLabels();
    const exception = failureOf({
      title: 'lists the orders',
      file: 'specs/ui/iris/orders.spec.ts',
      message: 'Error: order 1001 has no total',
      frame: `OrdersPage.total (${ROOT}/pages/iris/orders-page.ts:40:11)`,
    });
    const typeError = failureOf({
      title: 'reads the batch size',
      file: 'specs/api/iris/predict.spec.ts',
      message: "TypeError: Cannot read properties of undefined (reading 'count')",
    });
    const assignments = assignBugs([observation!, exception, typeError]);
    expect(new Set(assignments.map((assignment) => assignment.bug)).size).toBe(3);
    for (const assignment of assignments) expect(assignment.bug).toBe(assignment.symptom);
  });

  it('keeps every symptom apart outside specs/<layer>/<system>/', () => {
    const failures = swappedLabels().map((failure) => ({
      ...failure,
      file: failure.file.replace(/^specs\/\w+\/iris\//, ''),
    }));
    const assignments = assignBugs(failures);
    expect(new Set(assignments.map((assignment) => assignment.bug)).size).toBe(3);
  });

  it('keeps a known symptom with its bug', () => {
    const [known, ...others] = swappedLabels();
    const knownSymptom = fingerprintFailure(known!);
    const assignments = assignBugs([known!, ...others], {
      symptoms: new Map([[knownSymptom, 'b'.repeat(24)]]),
    });

    expect(assignments[0]!.bug).toBe('b'.repeat(24));
    const newBugs = new Set(assignments.slice(1).map((assignment) => assignment.bug));
    expect(newBugs.size).toBe(1);
    expect(newBugs.has('b'.repeat(24))).toBe(false);
  });

  it('joins the bug of an earlier shard', () => {
    const assignments = assignBugs(swappedLabels(), {
      runGroups: new Map([['iris', 'c'.repeat(24)]]),
    });
    expect(assignments.map((assignment) => assignment.bug)).toEqual([
      'c'.repeat(24),
      'c'.repeat(24),
      'c'.repeat(24),
    ]);
  });
});

describe('assignBugs on shared, network and flaky symptoms', () => {
  const sharedHelper = (file: string) =>
    failureOf({
      title: 'reads the health of the system',
      file,
      message: 'Error: expect(received).toBe(expected)\n\nExpected: "ok"\nReceived: "degraded"',
      frame: `healthOf (${ROOT}/specs/support/health.ts:12:5)`,
    });
  const sentimentFailure = failureOf({
    title: 'negation flips the score',
    file: 'specs/api/sentiment/score.spec.ts',
    message: 'Error: expect(received).toBe(expected)\n\nExpected: "negative"\nReceived: "positive"',
  });

  it('puts a symptom of two systems in the same bug whatever the order', () => {
    const iris = sharedHelper('specs/api/iris/health.spec.ts');
    const sentiment = sharedHelper('specs/api/sentiment/health.spec.ts');
    const forward = assignBugs([iris, sentiment, sentimentFailure]);
    const backward = assignBugs([sentimentFailure, sentiment, iris]);

    expect(fingerprintFailure(iris)).toBe(fingerprintFailure(sentiment));
    expect(forward[0]!.group).toBe('iris');
    expect(backward[2]!.group).toBe('iris');
    expect(backward[2]!.bug).toBe(forward[0]!.bug);
  });

  it('keeps a refused connection apart from the assertions of its system', () => {
    const [assertion] = swappedLabels();
    const outage = failureOf({
      title: 'health answers',
      file: 'specs/api/iris/service.spec.ts',
      message: 'Error: connect ECONNREFUSED 127.0.0.1:3101',
    });
    const [first, second] = assignBugs([assertion!, outage]);

    expect(first!.group).toBe('iris');
    expect(second!.group).toBe('iris:network');
    expect(second!.bug).not.toBe(first!.bug);
  });

  it('keeps a failure that passed on retry apart, and the regression not flaky', () => {
    const failures = swappedLabels();
    const timeout = failureOf({
      title: 'page shows the result',
      file: 'specs/ui/iris/predict.spec.ts',
      project: 'ui',
      message: 'Test timeout of 30000ms exceeded.',
      passedOnRetry: true,
    });
    const bugs = groupFailures([...failures, timeout]);

    expect(bugs).toHaveLength(2);
    expect(bugs[0]!.failures).toHaveLength(3);
    expect(bugs[0]!.flaky).toBe(false);
    expect(bugs[1]!.flaky).toBe(true);
  });

  it('keeps a failure of a test flaky by history apart', () => {
    const failures = swappedLabels();
    const bugs = groupFailures(failures, new Map([[failures[2]!.testId, 'flaky by history']]));

    expect(bugs.map((bug) => bug.failures.length)).toEqual([2, 1]);
    expect(bugs[0]!.flaky).toBe(false);
  });

  it('puts the own symptom first', () => {
    const [bug] = groupFailures(swappedLabels().reverse());
    const first = bug!.failures[0]!;

    expect(fingerprintFailure(first)).toBe(bug!.fingerprint);
    expect(bug!.title).toBe(issueTitleOf(first));
  });

  it('names the system of a stored bug seen again', () => {
    const failures = swappedLabels();
    const symptoms = new Map(
      failures.map((failure) => [fingerprintFailure(failure), 'd'.repeat(24)]),
    );
    const [bug] = groupFailures(failures, new Map(), { symptoms });

    expect(bug!.fingerprint).toBe('d'.repeat(24));
    expect(bug!.system).toBe('iris');
  });

  it('keeps title and labels whatever the order', () => {
    const forward = groupFailures(swappedLabels());
    const backward = groupFailures(swappedLabels().reverse());

    expect(backward[0]!.title).toBe(forward[0]!.title);
    expect(backward[0]!.labels).toEqual(forward[0]!.labels);
  });
});

describe('groupFailures', () => {
  it('reports one bug with its symptoms and system', () => {
    const failures = swappedLabels();
    const bugs = groupFailures(failures);

    expect(bugs).toHaveLength(1);
    expect(bugs[0]!.failures).toHaveLength(3);
    expect(bugs[0]!.system).toBe('iris');
    expect(bugs[0]!.symptoms).toEqual(
      failures.map((failure) => fingerprintFailure(failure)).sort(),
    );
    expect(bugs[0]!.fingerprint).toBe(bugs[0]!.symptoms[0]);
  });
});
