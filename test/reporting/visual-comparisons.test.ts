import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { visualComparisonsOf } from '../../framework/reporting/visual-comparisons.ts';
import { parseSpoolLine } from '../../framework/reporting/spool-parser.ts';
import type { Database } from '../../framework/results/database.ts';
import { migrate } from '../../framework/results/migrations.ts';
import { openDatabase } from '../../framework/results/open-database.ts';
import { insertAttempts, upsertRun, upsertTests } from '../../framework/results/writes.ts';
import type { VisualAttachment } from '../../framework/visual/index.ts';
import { backends } from '../results/backends.ts';
import { makeAttempt, makeRun, makeTest } from '../results/records-fixture.ts';

const COMPARISON: VisualAttachment = {
  baseline: 'visual/iris/prediction-page/empty-form',
  project: 'visual',
  status: 'mismatch',
  width: 1280,
  height: 720,
  baselineWidth: 1280,
  baselineHeight: 720,
  diffPixels: 10236,
  diffRatio: 0.0111,
  threshold: 0.1,
  regions: [
    {
      index: 1,
      kind: 'colour',
      x: 387,
      y: 64,
      width: 282,
      height: 24,
      pixels: 1490,
      share: 0.0016,
      element: { selector: 'body > main > h1', text: 'Iris species predictor' },
    },
    {
      index: 2,
      kind: 'shift',
      x: 384,
      y: 517,
      width: 273,
      height: 43,
      pixels: 8746,
      share: 0.0095,
      dx: 160,
      dy: 0,
    },
  ],
  actualPath: 'test-results/x/empty-form-actual.png',
  expectedPath: 'test-results/x/empty-form-expected.png',
  diffPath: 'test-results/x/empty-form-diff.png',
  annotatedPath: 'test-results/x/empty-form-annotated.png',
};

function attachment(body: unknown, contentType = 'application/vnd.nova.visual+json') {
  return {
    name: 'nova-visual',
    contentType,
    body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  };
}

describe('visualComparisonsOf', () => {
  it('reads each nova-visual attachment and skips others, wrong types and broken JSON', () => {
    const records = visualComparisonsOf(
      {
        attachments: [
          attachment(COMPARISON),
          { name: 'screenshot', contentType: 'image/png', path: '/tmp/x.png' },
          attachment(COMPARISON, 'application/json'),
          attachment('{not json'),
          attachment({ ...COMPARISON, status: 'match' }),
        ],
      },
      { attemptId: 'a1', runId: 'r1', testId: 't1' },
    );
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ attemptId: 'a1', runId: 'r1', testId: 't1' });
    expect(JSON.parse(records[0]!.body)).toEqual(COMPARISON);
    expect(records[0]!.id).not.toBe(records[1]!.id);
    // The id depends only on the attempt and the attachment's position, so a replay reuses it.
    const again = visualComparisonsOf(
      { attachments: [attachment(COMPARISON)] },
      { attemptId: 'a1', runId: 'r1', testId: 't1' },
    );
    expect(again[0]!.id).toBe(records[0]!.id);
  });
});

describe.each(backends())('visual_comparisons on $name', (backend) => {
  let db: Database;

  // PGlite starts in seconds on a busy machine: the hook gets the test timeout, not the 10 s default.
  beforeAll(async () => {
    db = await openDatabase(await backend.createDatabase());
    await migrate(db);
  }, 60_000);

  afterAll(async () => {
    await db?.close();
    await backend.cleanup();
  });

  it('stores the comparisons of an attempt once, through a spool line as well', async () => {
    await upsertRun(db, makeRun({ id: 'run-v' }));
    await upsertTests(db, [makeTest('test-v', ['broken page'], 'visual/iris/broken-page.spec.ts')]);
    const ids = { attemptId: 'attempt-v', runId: 'run-v', testId: 'test-v' };
    const attempt = makeAttempt({
      id: 'attempt-v',
      runId: 'run-v',
      testId: 'test-v',
      status: 'failed',
      visualComparisons: visualComparisonsOf({ attachments: [attachment(COMPARISON)] }, ids),
    });

    // Written to a spool file and read back, as `nova results replay` does.
    const line = JSON.stringify({ kind: 'attempts', records: [attempt] });
    const spooled = parseSpoolLine(line);
    expect(spooled.kind === 'attempts' && spooled.records[0]).toEqual(attempt);

    expect(await insertAttempts(db, [attempt])).toBe(1);
    expect(await insertAttempts(db, [attempt])).toBe(0);

    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT attempt_id, run_id, test_id, baseline_name, project, status, width, height, baseline_width,
              baseline_height, diff_pixels, diff_ratio, threshold, regions, actual_path, expected_path,
              diff_path, annotated_path
       FROM visual_comparisons`,
    );
    expect(rows).toEqual([
      {
        attempt_id: 'attempt-v',
        run_id: 'run-v',
        test_id: 'test-v',
        baseline_name: COMPARISON.baseline,
        project: 'visual',
        status: 'mismatch',
        width: 1280,
        height: 720,
        baseline_width: 1280,
        baseline_height: 720,
        diff_pixels: 10236,
        diff_ratio: 0.0111,
        threshold: 0.1,
        regions: COMPARISON.regions,
        actual_path: COMPARISON.actualPath,
        expected_path: COMPARISON.expectedPath,
        diff_path: COMPARISON.diffPath,
        annotated_path: COMPARISON.annotatedPath,
      },
    ]);
  });
});
