/**
 * Compares a run with the history of the same scenario on the same machine:
 * the median p95 and rps of the last N reliable runs. A median resists one odd
 * run in the history better than a mean does.
 */

/** Runs of the history that the comparison uses, by default. */
export const DEFAULT_HISTORY_RUNS = 5;

/** Worsening, in percent of the median, beyond which a change counts as a regression. */
export const DEFAULT_REGRESSION_MARGIN_PERCENT = 20;

/** The figures of one earlier run that the comparison needs. */
export interface HistoricalRun {
  p95Us: number;
  rps: number;
}

export interface HistoryFinding {
  metric: 'p95' | 'rps';
  current: number;
  baseline: number;
  /** Change relative to the baseline, in percent; positive is worse. */
  worsePercent: number;
  regression: boolean;
  message: string;
}

export interface HistoryComparison {
  machine: string;
  baselineRuns: number;
  marginPercent: number;
  baseline: HistoricalRun;
  findings: HistoryFinding[];
  regression: boolean;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Compares `current` with the median of `previous`, newest first, of which the first `runs` count. */
export function compareWithHistory(
  current: HistoricalRun,
  previous: readonly HistoricalRun[],
  options: { machine: string; runs?: number; marginPercent?: number },
): HistoryComparison {
  const marginPercent = options.marginPercent ?? DEFAULT_REGRESSION_MARGIN_PERCENT;
  const window = previous.slice(0, options.runs ?? DEFAULT_HISTORY_RUNS);
  const baseline = {
    p95Us: median(window.map((run) => run.p95Us)),
    rps: median(window.map((run) => run.rps)),
  };
  if (window.length === 0) {
    return {
      machine: options.machine,
      baselineRuns: 0,
      marginPercent,
      baseline,
      findings: [],
      regression: false,
    };
  }

  // p95 worsens when it rises, rps when it falls.
  const p95Worse =
    baseline.p95Us > 0 ? ((current.p95Us - baseline.p95Us) / baseline.p95Us) * 100 : 0;
  const rpsWorse = baseline.rps > 0 ? ((baseline.rps - current.rps) / baseline.rps) * 100 : 0;

  const findings: HistoryFinding[] = [
    {
      metric: 'p95',
      current: current.p95Us,
      baseline: baseline.p95Us,
      worsePercent: p95Worse,
      regression: p95Worse > marginPercent,
      message: `p95 ${(current.p95Us / 1_000).toFixed(3)} ms vs ${(baseline.p95Us / 1_000).toFixed(3)} ms, ${signed(p95Worse)} % ${p95Worse > 0 ? 'slower' : 'faster'}`,
    },
    {
      metric: 'rps',
      current: current.rps,
      baseline: baseline.rps,
      worsePercent: rpsWorse,
      regression: rpsWorse > marginPercent,
      message: `rps ${current.rps.toFixed(1)} vs ${baseline.rps.toFixed(1)}, ${signed(-rpsWorse)} %`,
    },
  ];
  return {
    machine: options.machine,
    baselineRuns: window.length,
    marginPercent,
    baseline,
    findings,
    regression: findings.some((finding) => finding.regression),
  };
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
}
