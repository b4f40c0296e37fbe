import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Prints one block at the end of a run listing the quarantined tests that
 * failed. Their failures were made expected so that they cannot fail the run,
 * which Playwright's own summary counts as passed; this block keeps them in
 * sight.
 */
export default class QuarantineSummaryReporter implements Reporter {
  private readonly failures = new Map<string, { title: string; reason: string }>();

  printsToStdio(): boolean {
    return false;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const failed = result.annotations.some(
      (annotation) => annotation.type === 'quarantined-failure',
    );
    if (!failed) return;

    const reason =
      result.annotations.find((annotation) => annotation.type === 'quarantined')?.description ?? '';
    const title = test.titlePath().filter(Boolean).join(' › ');
    this.failures.set(test.id, { title, reason });
  }

  onEnd(): void {
    if (this.failures.size === 0) return;

    const lines = [...this.failures.values()].map(
      ({ title, reason }) => `  ${title}${reason === '' ? '' : `: ${reason}`}`,
    );
    process.stdout.write(
      `\nnova: ${this.failures.size} quarantined test(s) failed; quarantine.json keeps them from failing the run:\n` +
        `${lines.join('\n')}\n`,
    );
  }
}
