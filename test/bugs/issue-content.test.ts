import { describe, expect, it } from 'vitest';

import {
  MAX_BODY_LENGTH,
  Redactor,
  fingerprintFromBody,
  fingerprintMarker,
  groupFailures,
  issueTitleOf,
  kindOf,
  layerOf,
  renderIssueBody,
  truncateBody,
} from '../../framework/bugs/index.ts';
import { failureOf } from '../support/bug-fixtures.ts';

describe('issue titles and labels', () => {
  it.each([
    [
      'Error: expect(received).toBe(expected)\n\nExpected: 200\nReceived: 500',
      '[api] toBe failed: expected 200, received 500',
    ],
    [
      'Error: expect(locator).toHaveText(expected) failed\n\nLocator: getByTestId(\'result\')\nExpected: "setosa"\nReceived: "virginica"',
      '[api] toHaveText failed on locator: expected "setosa", received "virginica"',
    ],
    ['TypeError: body.items is not iterable', '[api] TypeError: body.items is not iterable'],
    ['Test timeout of 30000ms exceeded.', '[api] Test timeout of 30000ms exceeded.'],
  ])('names the symptom of %j', (message, title) => {
    expect(issueTitleOf(failureOf({ title: 't', message }))).toBe(title);
  });

  it.each([
    ['Error: connect ECONNREFUSED 127.0.0.1:3101', 'network'],
    ['Error: locator.click: Timeout 5000ms exceeded.', 'timeout'],
    ['Error: expect(received).toBe(expected)', 'assertion'],
    ['RangeError: invalid size', 'exception'],
  ])('classifies %j', (message, kind) => {
    expect(kindOf(failureOf({ title: 't', message }))).toBe(kind);
  });

  it('takes the layer from the project or folder', () => {
    expect(layerOf(failureOf({ title: 't', message: 'x', project: 'ui' }))).toBe('ui');
    expect(
      layerOf(
        failureOf({ title: 't', message: 'x', project: 'chromium', file: 'specs/api/a.spec.ts' }),
      ),
    ).toBe('api');
    expect(
      layerOf(
        failureOf({ title: 't', message: 'x', project: 'chromium', file: 'tests/a.spec.ts' }),
      ),
    ).toBe('other');
  });
});

describe('issue body', () => {
  it('carries the marker and the failed step', () => {
    const [bug] = groupFailures([failureOf({ title: 'pays', message: 'Error: declined' })]);
    const body = renderIssueBody(
      bug!,
      { id: 'run-1', commit: 'abc', branch: 'main', environment: {} },
      new Redactor(),
    );

    expect(fingerprintFromBody(body)).toBe(bug!.fingerprint);
    expect(body.startsWith(fingerprintMarker(bug!.fingerprint))).toBe(true);
    expect(body).toContain('1. check the total **← failed here**');
    expect(body).toContain('| Commit | abc |');
  });

  it('lists each symptom of a bug that holds several', () => {
    const [bug] = groupFailures([
      failureOf({
        title: 'refund succeeds',
        message: 'Error: expect(received).toBe(expected)\n\nExpected: 200\nReceived: 500',
      }),
      failureOf({
        title: 'refund shows on the order',
        message:
          'Error: expect(received).toEqual(expected)\n\nExpected: "refunded"\nReceived: "paid"',
      }),
    ]);
    const body = renderIssueBody(bug!, { id: 'run-1', environment: {} }, new Redactor());

    expect(bug!.symptoms).toHaveLength(2);
    expect(body).toContain(
      'These 2 symptoms first failed together in one run on system `shop`, so they are filed as one bug.',
    );
    for (const symptom of bug!.symptoms) expect(body).toContain(`- \`${symptom}\`: `);
    expect(body).toContain('in `specs/api/shop/orders.spec.ts › orders › refund succeeds`');
  });

  it('has no symptoms section for a bug of one symptom', () => {
    const [bug] = groupFailures([failureOf({ title: 'pays', message: 'Error: declined' })]);
    const body = renderIssueBody(bug!, { id: 'run-1', environment: {} }, new Redactor());

    expect(bug!.symptoms).toEqual([bug!.fingerprint]);
    expect(body).not.toContain('### Symptoms');
  });

  it('truncates at a line end and closes a code block', () => {
    const body = `${fingerprintMarker('ab')}\n\`\`\`text\n${'line\n'.repeat(20_000)}\`\`\`\n`;

    const cut = truncateBody(body, 'cut here');

    expect(cut.length).toBeLessThanOrEqual(MAX_BODY_LENGTH);
    expect(cut.endsWith('_cut here_')).toBe(true);
    expect(cut.match(/^```/gm)).toHaveLength(2);
  });

  it('leaves a short body alone', () => {
    expect(truncateBody('short', 'note')).toBe('short');
  });
});
