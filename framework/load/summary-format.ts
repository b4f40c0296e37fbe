/**
 * The end-of-run summary for people, laid out like k6's: thresholds first,
 * then one dotted line per metric.
 */
import type { LatencyStats } from './histogram.ts';
import type { HistoryComparison } from './history.ts';
import type { LoadSummary } from './summary.ts';
import { describeBrokenThreshold, formatThresholdValue } from './thresholds.ts';

/** Formats microseconds: `845µs`, `1.23ms`, `2.41s`. */
export function formatLatency(us: number): string {
  if (us < 1_000) return `${Math.round(us)}µs`;
  if (us < 1_000_000) return `${(us / 1_000).toFixed(2)}ms`;
  return `${(us / 1_000_000).toFixed(2)}s`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1_000) return `${Math.round(bytes)} B`;
  if (bytes < 1_000_000) return `${(bytes / 1_000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(2)}%`;
}

function line(label: string, value: string, indent = 2): string {
  const width = 30;
  const dots = '.'.repeat(Math.max(2, width - label.length - indent));
  return `${' '.repeat(indent)}${label}${dots}: ${value}`;
}

function latencyLine(stats: LatencyStats): string {
  return (
    `avg=${formatLatency(stats.mean)} min=${formatLatency(stats.min)} med=${formatLatency(stats.p50)} ` +
    `p(90)=${formatLatency(stats.p90)} p(95)=${formatLatency(stats.p95)} p(99)=${formatLatency(stats.p99)} ` +
    `p(99.9)=${formatLatency(stats.p999)} max=${formatLatency(stats.max)}`
  );
}

export function formatSummary(summary: LoadSummary, history?: HistoryComparison): string {
  const lines: string[] = [];
  const seconds = summary.durationMs / 1_000;
  lines.push(
    `scenario ${summary.scenario} (${summary.executor}, system ${summary.system}, ${seconds.toFixed(1)} s, machine ${summary.machine}` +
      (summary.generators > 1 ? `, ${summary.generators} generators merged` : '') +
      ')',
  );
  if (summary.aborted) {
    const key = summary.aborted.tag
      ? `${summary.aborted.metric}{${summary.aborted.tag}}`
      : summary.aborted.metric;
    lines.push(
      `  aborted after ${(summary.aborted.atMs / 1_000).toFixed(1)} s: ${key} ${summary.aborted.expression} failed (abortOnFail)`,
    );
  }

  if (summary.thresholds.length > 0) {
    lines.push('', '  thresholds');
    for (const threshold of summary.thresholds) {
      const key = threshold.tag ? `${threshold.metric}{${threshold.tag}}` : threshold.metric;
      lines.push(
        threshold.pass
          ? `    ✓ ${key} ${threshold.expression}: ${formatThresholdValue(threshold.actual, threshold.unit)}`
          : `    ✗ ${describeBrokenThreshold(threshold)}`,
      );
    }
  }

  lines.push('');
  const checkNames = Object.keys(summary.checks);
  if (checkNames.length > 0) {
    let passes = 0;
    let fails = 0;
    for (const counts of Object.values(summary.checks)) {
      passes += counts.passes;
      fails += counts.fails;
    }
    lines.push(
      line('checks', `${percent(passes / Math.max(1, passes + fails))}  ✓ ${passes}  ✗ ${fails}`),
    );
    for (const [name, counts] of Object.entries(summary.checks)) {
      lines.push(
        `    ${counts.fails === 0 ? '✓' : '✗'} ${name}: ${counts.passes} of ${counts.passes + counts.fails} passed`,
      );
    }
  }

  lines.push(line('http_req_duration', latencyLine(summary.latencyUs)));
  for (const [tag, tagSummary] of Object.entries(summary.tags)) {
    lines.push(
      line(`{${tag}}`, `${tagSummary.requests} req, ${latencyLine(tagSummary.latencyUs)}`, 4),
    );
  }
  lines.push(
    line(
      'http_req_failed',
      `${percent(summary.errors / Math.max(1, summary.requests))}  ${summary.errors} of ${summary.requests}`,
    ),
  );
  lines.push(line('http_reqs', `${summary.requests}  ${summary.rps.toFixed(1)}/s`));
  lines.push(
    line(
      'data_received',
      `${formatBytes(summary.bytesReceived)}  ${formatBytes(summary.throughputBytesPerSecond)}/s`,
    ),
  );
  const statuses = Object.entries(summary.statusCodes).map(
    ([status, count]) => `${status}=${count}`,
  );
  lines.push(line('status codes', statuses.join(' ') || '-'));
  const errors = Object.entries(summary.errorsByKind).map(([kind, count]) => `${kind}=${count}`);
  lines.push(line('errors by kind', errors.join(' ') || '-'));
  if (summary.executor === 'constant-arrival-rate')
    lines.push(line('dropped_iterations', String(summary.droppedIterations)));
  lines.push(line('vus_max', String(summary.maxVUs)));
  lines.push(
    line(
      'generator cpu',
      `${summary.generator.cpuPercent.toFixed(0)}% of one core (peak ${summary.generator.peakCpuPercent.toFixed(0)}%, limit ${summary.generator.cpuLimitPercent}%), ` +
        `${summary.generator.cpuUsPerRequest.toFixed(0)}µs per request`,
    ),
  );
  if (!summary.reliable)
    lines.push(`  UNRELIABLE: ${summary.unreliableReason ?? 'generator saturated'}`);

  if (history) lines.push(...formatHistory(history));
  return lines.join('\n') + '\n';
}

/** The history lines of a summary: the baseline and one line per compared figure. */
export function formatHistory(history: HistoryComparison): string[] {
  if (history.baselineRuns === 0) {
    return [
      line(
        'history',
        `no earlier run of this scenario on ${history.machine}; this one is the first`,
      ),
    ];
  }
  const lines = [
    line(
      'history',
      `median of the last ${history.baselineRuns} run(s) on ${history.machine}: p95 ${formatLatency(history.baseline.p95Us)}, ` +
        `${history.baseline.rps.toFixed(1)}/s (margin ${history.marginPercent}%)`,
    ),
  ];
  for (const finding of history.findings) {
    lines.push(`    ${finding.regression ? 'REGRESSION' : 'ok'}: ${finding.message}`);
  }
  return lines;
}
