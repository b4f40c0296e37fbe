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
