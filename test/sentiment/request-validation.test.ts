import { describe, expect, it } from 'vitest';

import { NO_FAULTS } from '../../systems-under-test/sentiment/src/faults.ts';
import {
  describeProblems,
  validateSentimentBody,
} from '../../systems-under-test/sentiment/src/request-validation.ts';

const problemsOf = (body: unknown) => {
  const result = validateSentimentBody(body, NO_FAULTS);
  return result.valid ? [] : result.problems.map((problem) => `${problem.field} ${problem.rule}`);
};

describe('validateSentimentBody', () => {
  it('accepts one text', () => {
    expect(validateSentimentBody({ text: 'good' }, NO_FAULTS)).toEqual({
      valid: true,
      request: { kind: 'single', text: 'good' },
    });
  });

  it('accepts a batch', () => {
    expect(validateSentimentBody({ texts: ['a', 'b'] }, NO_FAULTS)).toEqual({
      valid: true,
      request: { kind: 'batch', texts: ['a', 'b'] },
    });
  });

  it('counts the length in code points', () => {
    expect(problemsOf({ text: '😀'.repeat(2000) })).toEqual([]);
    expect(problemsOf({ text: '😀'.repeat(2001) })).toEqual(['/text maxLength']);
    expect(problemsOf({ text: 'a'.repeat(2001) })).toEqual(['/text maxLength']);
  });

  it('rejects blank and invisible texts', () => {
    expect(problemsOf({ text: '' })).toEqual(['/text notBlank']);
    expect(problemsOf({ text: '\u3000\t' })).toEqual(['/text notBlank']);
    expect(problemsOf({ text: '\u200B\uFEFF\u0000' })).toEqual(['/text notBlank']);
  });

  it('rejects a lone surrogate but not a pair', () => {
    expect(problemsOf({ text: 'a\uD83D' })).toEqual(['/text wellFormed']);
    expect(problemsOf({ text: '\uDE00a' })).toEqual(['/text wellFormed']);
    expect(problemsOf({ text: '\uD83D\uDE00' })).toEqual([]);
  });

  it('lists every problem of a batch', () => {
    expect(problemsOf({ texts: ['', 3, 'ok', null], extra: 1 })).toEqual([
      '/extra additionalProperties',
      '/texts/0 notBlank',
      '/texts/1 type',
      '/texts/3 type',
    ]);
  });

  it('escapes property names as JSON pointers', () => {
    expect(problemsOf({ text: 'ok', 'a/b~c': 1 })).toEqual(['/a~1b~0c additionalProperties']);
  });

  it('rejects the wrong shapes', () => {
    expect(problemsOf(undefined)).toEqual(['/ required']);
    expect(problemsOf(null)).toEqual(['/ type']);
    expect(problemsOf(['good'])).toEqual(['/ type']);
    expect(problemsOf('good')).toEqual(['/ type']);
    expect(problemsOf({})).toEqual(['/text required']);
    expect(problemsOf({ text: 'a', texts: ['b'] })).toEqual(['/ oneOf']);
    expect(problemsOf({ texts: [] })).toEqual(['/texts minItems']);
    expect(problemsOf({ texts: Array(101).fill('a') })).toEqual(['/texts maxItems']);
  });
});

describe('describeProblems', () => {
  it('names the field, rule and count', () => {
    const problems = [
      { field: '/texts/0', rule: 'notBlank', message: 'is empty' },
      { field: '/texts/4', rule: 'type', message: 'must be a string' },
    ];

    expect(describeProblems(problems, 2)).toBe(
      'Request body field /texts/0 is empty (rule "notBlank"). 1 more problem. They are listed in details.',
    );
  });

  it('says when details are cut', () => {
    const problems = Array.from({ length: 25 }, (_, index) => ({
      field: `/texts/${index}`,
      rule: 'type',
      message: 'must be a string',
    }));

    expect(describeProblems(problems, 20)).toContain(
      '24 more problems. details lists the first 20; fix these and resend to see the rest.',
    );
  });
});
