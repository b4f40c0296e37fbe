/**
 * Reads the `nova-visual` attachments of an attempt into the records that
 * the results store writes to `visual_comparisons`.
 */
import { createHash } from 'node:crypto';
import type { TestResult } from '@playwright/test/reporter';

import type { VisualComparisonRecord } from '../results/index.ts';
import { NOVA_VISUAL_ATTACHMENT, NOVA_VISUAL_CONTENT_TYPE } from '../visual/index.ts';

/** Returns one record per `nova-visual` attachment whose body is a JSON object. */
export function visualComparisonsOf(
  result: Pick<TestResult, 'attachments'>,
  ids: { attemptId: string; runId: string; testId: string },
): VisualComparisonRecord[] {
  const records: VisualComparisonRecord[] = [];
  result.attachments.forEach((attachment, position) => {
    if (attachment.name !== NOVA_VISUAL_ATTACHMENT) return;
    if (attachment.contentType !== NOVA_VISUAL_CONTENT_TYPE || !attachment.body) return;
    const body = attachment.body.toString('utf8');
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return;
    } catch {
      return;
    }
    records.push({
      id: createHash('sha256')
        .update(`${ids.attemptId}\u001f${position}`)
        .digest('hex')
        .slice(0, 32),
      attemptId: ids.attemptId,
      runId: ids.runId,
      testId: ids.testId,
      body,
    });
  });
  return records;
}
