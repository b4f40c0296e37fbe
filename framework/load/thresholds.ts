/**
 * Thresholds in the form of k6 (https://grafana.com/docs/k6/latest/using-k6/thresholds/):
 * a metric, optionally filtered by one tag, mapped to expressions such as
 * `p(95)<50`. Durations are in milliseconds, as in k6.
 *
 * ```ts
 * thresholds: {
 *   http_req_duration: ['p(95)<50', { threshold: 'p(99)<100', abortOnFail: true }],
 *   'http_req_duration{endpoint:batch}': ['avg<20'],
 *   http_req_failed: ['rate<0.01'],
 *   http_reqs: ['rps>1000'],
 *   checks: ['rate>0.99'],
 * }
 * ```
 */
import { parseDuration } from './duration.ts';
import { latencyStats, type LatencyHistogram } from './histogram.ts';

/** Metrics that thresholds can name, with the k6 names that k6 users know. */
export const THRESHOLD_METRICS = {
  /** Time from sending a request to the end of its response, in ms. */
  http_req_duration: ['p', 'avg', 'min', 'max', 'med'],
  /** Share of requests that failed: a network error, a timeout, or a status outside the expected ones. */
  http_req_failed: ['rate'],
  /** Requests completed: `count`, or per second as `rate` or `rps`. */
  http_reqs: ['count', 'rate', 'rps'],
  /** Share of checks that passed. */
  checks: ['rate'],
  /** Arrivals of `constant-arrival-rate` that found no free virtual user, as `count` or per second as `rate`. */
  dropped_iterations: ['count', 'rate'],
} as const;

export type ThresholdMetric = keyof typeof THRESHOLD_METRICS;
export type Aggregation = 'p' | 'avg' | 'min' | 'max' | 'med' | 'rate' | 'rps' | 'count';
export type Operator = '<' | '<=' | '>' | '>=' | '==' | '===' | '!=';

/** One threshold as a scenario declares it: the expression, or the expression with abort options. */
export type ThresholdDefinition =
  string | { threshold: string; abortOnFail?: boolean; delayAbortEval?: string };

export interface ParsedThreshold {
  /** The expression as written, for example `p(95)<50`. */
  expression: string;
  metric: ThresholdMetric;
  /** `endpoint:predict` for `http_req_duration{endpoint:predict}`; undefined for the whole scenario. */
  tag?: string;
  aggregation: Aggregation;
  /** Percentile for `p(N)`, from 0 (exclusive) to 100. */
  percentile?: number;
  operator: Operator;
  limit: number;
  abortOnFail: boolean;
  /** Time from the start before `abortOnFail` is evaluated, in ms. */
  delayAbortEvalMs: number;
}

/** The outcome of one threshold, in the shape of the `nova-load` attachment. */
export interface ThresholdResult {
  expression: string;
  metric: ThresholdMetric;
  tag?: string;
  pass: boolean;
  actual: number;
  limit: number;
  /** `ms` for durations, `/s` for rates per second, empty for shares and counts. */
  unit: string;
  abortOnFail: boolean;
}

/** Figures of a run, or of one tag in it, that thresholds are evaluated on. */
export interface ThresholdSource {
  histogram: LatencyHistogram;
  requests: number;
  failed: number;
  checksPassed: number;
  checksFailed: number;
  droppedIterations: number;
  elapsedMs: number;
}

const EXPRESSION =
  /^\s*(p\(\s*(\d+(?:\.\d+)?)\s*\)|avg|min|max|med|rate|rps|count)\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*$/i;
const KEY = /^([a-z_]+)(?:\{([^{}]*)\})?$/;
const TAG = /^\s*([A-Za-z_][\w.-]*)\s*:\s*([^,]+?)\s*$/;

/** Raised with every problem of a scenario's thresholds, one per line. */
export class ThresholdError extends Error {
  override readonly name = 'ThresholdError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/**
 * Parses every threshold of a scenario. `knownTags` lists the `key:value`
 * pairs that the scenario's requests carry, so that a filter on a tag that no
 * request has is reported instead of passing on no data.
 */
export function parseThresholds(
  thresholds: Record<string, readonly ThresholdDefinition[]> | undefined,
  knownTags: ReadonlySet<string>,
  where: string,
): ParsedThreshold[] {
  const parsed: ParsedThreshold[] = [];
  const problems: string[] = [];
  if (thresholds === undefined) return parsed;

  for (const [key, definitions] of Object.entries(thresholds)) {
    const target = parseKey(key, knownTags, where, problems);
    if (!Array.isArray(definitions)) {
      problems.push(
        `${where}: thresholds["${key}"] must be an array of expressions, received ${JSON.stringify(definitions)}. ` +
          `Example: ${key}: ['p(95)<50'].`,
      );
      continue;
    }
    for (const definition of definitions) {
      const threshold = parseDefinition(definition, key, where, problems);
      if (threshold === undefined || target === undefined) continue;

      const allowed: readonly string[] = THRESHOLD_METRICS[target.metric];
      if (!allowed.includes(threshold.aggregation)) {
        problems.push(
          `${where}: "${threshold.expression}" on ${key} is invalid: ${target.metric} takes ` +
            `${allowed.map((name) => (name === 'p' ? 'p(N)' : name)).join(', ')}, not ${threshold.aggregation === 'p' ? 'p(N)' : threshold.aggregation}.`,
        );
        continue;
      }
      parsed.push({
        ...threshold,
        metric: target.metric,
        ...(target.tag ? { tag: target.tag } : {}),
      });
    }
  }

  if (problems.length > 0) throw new ThresholdError(problems);
  return parsed;
}

function parseKey(
  key: string,
  knownTags: ReadonlySet<string>,
  where: string,
  problems: string[],
): { metric: ThresholdMetric; tag?: string } | undefined {
  const match = KEY.exec(key.trim());
  const metric = match?.[1];
  if (match === null || metric === undefined || !(metric in THRESHOLD_METRICS)) {
    problems.push(
      `${where}: unknown threshold metric "${key}". Use one of ${Object.keys(THRESHOLD_METRICS).join(', ')}, ` +
        'optionally with one tag filter, for example http_req_duration{endpoint:predict}.',
    );
    return undefined;
  }

  const filter = match[2];
  if (filter === undefined) return { metric: metric as ThresholdMetric };

  const tag = TAG.exec(filter);
  if (tag === null || filter.includes(',')) {
    problems.push(
      `${where}: invalid tag filter in "${key}": expected one key:value pair, for example {endpoint:predict}.`,
    );
    return undefined;
  }
  const pair = `${tag[1]}:${tag[2]}`;
  if (!knownTags.has(pair)) {
    const known = [...knownTags].sort().join(', ') || '(none)';
    problems.push(
      `${where}: the threshold "${key}" filters on tag ${pair}, which no request of the scenario carries. ` +
        `Tags of its requests: ${known}.`,
    );
    return undefined;
  }
  return { metric: metric as ThresholdMetric, tag: pair };
}

function parseDefinition(
  definition: unknown,
  key: string,
  where: string,
  problems: string[],
): Omit<ParsedThreshold, 'metric' | 'tag'> | undefined {
  let expression: unknown = definition;
  let abortOnFail = false;
  let delayAbortEvalMs = 0;

  if (typeof definition === 'object' && definition !== null) {
    const record = definition as Record<string, unknown>;
    expression = record.threshold;
    const unknownKeys = Object.keys(record).filter(
      (name) => !['threshold', 'abortOnFail', 'delayAbortEval'].includes(name),
    );
    if (unknownKeys.length > 0) {
      problems.push(
        `${where}: threshold of ${key} has unknown option(s) ${unknownKeys.join(', ')}; ` +
          'allowed: threshold, abortOnFail, delayAbortEval.',
      );
    }
    if (record.abortOnFail !== undefined && typeof record.abortOnFail !== 'boolean') {
      problems.push(
        `${where}: abortOnFail of ${key} must be true or false, received ${JSON.stringify(record.abortOnFail)}.`,
      );
    }
    abortOnFail = record.abortOnFail === true;
    if (record.delayAbortEval !== undefined) {
      const delay =
        typeof record.delayAbortEval === 'string'
          ? parseDuration(record.delayAbortEval)
          : undefined;
      if (delay === undefined) {
        problems.push(
          `${where}: delayAbortEval of ${key} must be a duration such as "5s", received ${JSON.stringify(record.delayAbortEval)}.`,
        );
      } else {
        delayAbortEvalMs = delay;
      }
    }
  }

  if (typeof expression !== 'string') {
    problems.push(
      `${where}: threshold of ${key} must be a string such as 'p(95)<50' or { threshold: 'p(95)<50', abortOnFail: true }, ` +
        `received ${JSON.stringify(definition)}.`,
    );
    return undefined;
  }

  const match = EXPRESSION.exec(expression);
  if (match === null) {
    problems.push(
      `${where}: invalid threshold "${expression}" on ${key}: expected <aggregation><operator><number>, ` +
        'for example p(95)<50, avg<20, rate<0.01, rps>1000 or count>100.',
    );
    return undefined;
  }

  const head = match[1]!.toLowerCase();
  const aggregation = (head.startsWith('p(') ? 'p' : head) as Aggregation;
  const percentile = match[2] === undefined ? undefined : Number(match[2]);
  if (percentile !== undefined && (percentile <= 0 || percentile > 100)) {
    problems.push(
      `${where}: invalid percentile in "${expression}" on ${key}: expected p(N) with N above 0 and at most 100.`,
    );
    return undefined;
  }

  return {
    expression: expression.trim(),
    aggregation,
    ...(percentile === undefined ? {} : { percentile }),
    operator: match[3] as Operator,
    limit: Number(match[4]),
    abortOnFail,
    delayAbortEvalMs,
  };
}

/** Computes the value that a threshold compares with its limit, in the threshold's unit. */
export function thresholdActual(threshold: ParsedThreshold, source: ThresholdSource): number {
  const seconds = Math.max(source.elapsedMs, 1) / 1_000;
  const histogram = source.histogram;
  const empty = histogram.totalCount === 0;

  switch (threshold.metric) {
    case 'http_req_duration':
      // Microseconds in the histogram, milliseconds in thresholds as in k6.
      if (empty) return 0;
      switch (threshold.aggregation) {
        case 'p':
          return histogram.getValueAtPercentile(threshold.percentile ?? 50) / 1_000;
        case 'med':
          return histogram.getValueAtPercentile(50) / 1_000;
        case 'avg':
          return histogram.mean / 1_000;
        case 'min':
          return latencyStats(histogram).min / 1_000;
        default:
          return latencyStats(histogram).max / 1_000;
      }
    case 'http_req_failed':
      return source.requests === 0 ? 0 : source.failed / source.requests;
    case 'http_reqs':
      return threshold.aggregation === 'count' ? source.requests : source.requests / seconds;
    case 'checks': {
      const total = source.checksPassed + source.checksFailed;
      return total === 0 ? 1 : source.checksPassed / total;
    }
    case 'dropped_iterations':
      return threshold.aggregation === 'count'
        ? source.droppedIterations
        : source.droppedIterations / seconds;
  }
}

export function compare(actual: number, operator: Operator, limit: number): boolean {
  switch (operator) {
    case '<':
      return actual < limit;
    case '<=':
      return actual <= limit;
    case '>':
      return actual > limit;
    case '>=':
      return actual >= limit;
    case '==':
    case '===':
      return actual === limit;
    case '!=':
      return actual !== limit;
  }
}

export function unitOf(threshold: ParsedThreshold): string {
  if (threshold.metric === 'http_req_duration') return 'ms';
  if (threshold.aggregation === 'rate' || threshold.aggregation === 'rps') {
    return threshold.metric === 'http_reqs' || threshold.metric === 'dropped_iterations'
      ? '/s'
      : '';
  }
  return '';
}

export function evaluateThreshold(
  threshold: ParsedThreshold,
  source: ThresholdSource,
): ThresholdResult {
  const actual = thresholdActual(threshold, source);
  return {
    expression: threshold.expression,
    metric: threshold.metric,
    ...(threshold.tag ? { tag: threshold.tag } : {}),
    pass: compare(actual, threshold.operator, threshold.limit),
    actual,
    limit: threshold.limit,
    unit: unitOf(threshold),
    abortOnFail: threshold.abortOnFail,
  };
}

/** Formats a number of a threshold for people: at most 3 decimals, and no trailing zeros. */
export function formatThresholdValue(value: number, unit: string): string {
  const text =
    Math.abs(value) >= 100
      ? Number(value.toFixed(1)).toString()
      : Number(value.toPrecision(4)).toString();
  return unit === '' ? text : unit === 'ms' ? `${text} ms` : `${text}${unit}`;
}

/** Describes a broken threshold, with how far the actual value is from the limit. */
export function describeBrokenThreshold(result: ThresholdResult): string {
  const key = result.tag ? `${result.metric}{${result.tag}}` : result.metric;
  const difference = Math.abs(result.actual - result.limit);
  const relative =
    result.limit === 0
      ? ''
      : ` (${formatThresholdValue((difference / Math.abs(result.limit)) * 100, '')} % of the limit)`;
  return (
    `${key} ${result.expression}: actual ${formatThresholdValue(result.actual, result.unit)}, ` +
    `limit ${formatThresholdValue(result.limit, result.unit)}, off by ${formatThresholdValue(difference, result.unit)}${relative}`
  );
}
