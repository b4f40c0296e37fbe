/**
 * The layer data that visual and load tests attach to their results
 * (`nova-visual` and `nova-load`), read back for fingerprints and issue bodies.
 * Bodies that do not parse, or lack the fields used here, are ignored: the
 * failure is then treated like any other.
 */

export const VISUAL_ATTACHMENT = 'nova-visual';
export const VISUAL_CONTENT_TYPE = 'application/vnd.nova.visual+json';
export const LOAD_ATTACHMENT = 'nova-load';
export const LOAD_CONTENT_TYPE = 'application/vnd.nova.load+json';

export interface AttachmentInput {
  name: string;
  contentType: string;
  body?: Buffer | string;
  /** File of an attachment stored on disk; read by the caller, never here. */
  path?: string;
}

export type VisualRegionKind = 'added' | 'removed' | 'colour' | 'shift' | 'text' | 'size';

export interface VisualRegion {
  index: number;
  kind: string;
  x: number;
  y: number;
  width: number;
  height: number;
  pixels?: number;
  share?: number;
  dx?: number;
  dy?: number;
  element?: { selector?: string; text?: string };
}

export interface VisualComparison {
  baseline: string;
  project: string;
  status: 'match' | 'mismatch' | 'missing' | 'size-changed';
  width: number;
  height: number;
  baselineWidth?: number;
  baselineHeight?: number;
  diffPixels?: number;
  diffRatio?: number;
  threshold?: number;
  regions: VisualRegion[];
  actualPath?: string;
  expectedPath?: string;
  diffPath?: string;
  annotatedPath?: string;
}

export interface LoadThreshold {
  expression: string;
  metric: string;
  tag?: string;
  pass: boolean;
  actual: number;
  limit: number;
}

export interface LoadSummary {
  scenario: string;
  system: string;
  executor?: string;
  requests?: number;
  errors?: number;
  rps?: number;
  latencyUs?: Record<string, number>;
  thresholds: LoadThreshold[];
  reliable?: boolean;
}

function parseJsonBody(body: Buffer | string | undefined): unknown {
  if (body === undefined) return undefined;
  try {
    return JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function toRegion(value: unknown, position: number): VisualRegion | undefined {
  if (!isRecord(value) || typeof value.kind !== 'string') return undefined;
  if (!isNumber(value.x) || !isNumber(value.y)) return undefined;
  if (!isNumber(value.width) || !isNumber(value.height)) return undefined;
  return {
    ...(value as unknown as VisualRegion),
    index: isNumber(value.index) ? value.index : position,
  };
}

/** Reads one `nova-visual` body; undefined when it is not a comparison. */
export function parseVisualComparison(
  body: Buffer | string | undefined,
): VisualComparison | undefined {
  const value = parseJsonBody(body);
  if (!isRecord(value) || typeof value.baseline !== 'string' || typeof value.status !== 'string') {
    return undefined;
  }
  const regions = Array.isArray(value.regions)
    ? value.regions.map(toRegion).filter((region) => region !== undefined)
    : [];
  return {
    ...(value as unknown as VisualComparison),
    project: typeof value.project === 'string' ? value.project : '',
    width: isNumber(value.width) ? value.width : 0,
    height: isNumber(value.height) ? value.height : 0,
    regions,
  };
}

/** Reads one `nova-load` body; undefined when it is not a load summary. */
export function parseLoadSummary(body: Buffer | string | undefined): LoadSummary | undefined {
  const value = parseJsonBody(body);
  if (!isRecord(value) || typeof value.scenario !== 'string') return undefined;
  const thresholds = Array.isArray(value.thresholds)
    ? value.thresholds.filter(
        (threshold): threshold is LoadThreshold =>
          isRecord(threshold) &&
          typeof threshold.expression === 'string' &&
          typeof threshold.pass === 'boolean',
      )
    : [];
  return {
    ...(value as unknown as LoadSummary),
    system: typeof value.system === 'string' ? value.system : '',
    thresholds,
  };
}

/** Returns the failed comparisons among a failure's `nova-visual` attachments. */
export function failedVisualComparisons(
  attachments: readonly AttachmentInput[] | undefined,
): VisualComparison[] {
  return (attachments ?? [])
    .filter((attachment) => attachment.name === VISUAL_ATTACHMENT)
    .map((attachment) => parseVisualComparison(attachment.body))
    .filter(
      (comparison) => comparison !== undefined && comparison.status !== 'match',
    ) as VisualComparison[];
}

/** Returns the load summaries with a broken threshold among a failure's `nova-load` attachments. */
export function brokenLoadSummaries(
  attachments: readonly AttachmentInput[] | undefined,
): LoadSummary[] {
  return (attachments ?? [])
    .filter((attachment) => attachment.name === LOAD_ATTACHMENT)
    .map((attachment) => parseLoadSummary(attachment.body))
    .filter(
      (summary) => summary !== undefined && summary.thresholds.some((threshold) => !threshold.pass),
    ) as LoadSummary[];
}
