/**
 * Smoke versions of the Iris load scenarios in perf/iris.ts: a few seconds
 * each, so that their summaries reach the HTML and Allure reports and the
 * results store. `npx nova load iris` runs the full versions.
 */
import { runLoadInTest } from '../../../framework/load/index.ts';
import irisScenarios from '../../../perf/iris.ts';
import { expect, test } from '../../fixtures.ts';

// One scenario at a time: two at once would share the generator's CPU and each other's server.
test.describe.configure({ mode: 'serial' });

for (const name of Object.keys(irisScenarios.scenarios)) {
  test(`iris ${name} holds its smoke thresholds`, async ({ systemURL }, testInfo) => {
    const summary = await runLoadInTest(testInfo, {
      file: irisScenarios,
      fileName: 'iris',
      scenario: name,
      baseURL: systemURL('iris'),
    });

    expect(summary.requests).toBeGreaterThan(0);
    expect(summary.statusCodes['200']).toBe(summary.requests - summary.errors);
    expect(summary.latencyUs.min).toBeGreaterThan(0);
    expect(summary.latencyUs.p99).toBeGreaterThanOrEqual(summary.latencyUs.p50);
  });
}
