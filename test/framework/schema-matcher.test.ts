import { stripVTControlCharacters } from 'node:util';

import { expect as playwrightExpect } from '@playwright/test';
import { describe, expect, it } from 'vitest';

import { checkSchema, toMatchSchema } from '../../framework/api/index.ts';

const matcherExpect = playwrightExpect.extend({ toMatchSchema });

const predictionSchema = {
  $id: 'test/prediction',
  type: 'object',
  required: ['species', 'probability'],
  additionalProperties: false,
  properties: {
    species: { enum: ['setosa', 'versicolor', 'virginica'] },
    probability: { type: 'number', minimum: 0, maximum: 1 },
    scores: { type: 'array', maxItems: 3, items: { type: 'number' } },
    trainedAt: { type: 'string', format: 'date-time' },
  },
};

/** Runs the matcher and returns its failure message without colour codes, or '' when it passes. */
function failureMessage(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return stripVTControlCharacters((error as Error).message);
  }
  return '';
}

describe('toMatchSchema', () => {
  it('passes a valid value', () => {
    const message = failureMessage(() =>
      matcherExpect({ species: 'setosa', probability: 0.98 }).toMatchSchema(predictionSchema),
    );

    expect(message).toBe('');
  });

  it('lists path, rule, expected and received', () => {
    const message = failureMessage(() =>
      matcherExpect({ species: 'rose', probability: 1.5, colour: 'red' }).toMatchSchema(
        predictionSchema,
      ),
    );

    expect(message).toContain('expect(received).toMatchSchema(schema)');
    expect(message).toContain('Schema: test/prediction');
    expect(message).toContain('3 schema violations:');
    expect(message).toContain(
      '  at /colour  (rule: additionalProperties)\n' +
        '    Expected: no such property (additionalProperties: false)\n' +
        '    Received: "red"',
    );
    expect(message).toContain(
      '  at /species  (rule: enum)\n' +
        '    Expected: one of "setosa", "versicolor", "virginica"\n' +
        '    Received: "rose"',
    );
    expect(message).toContain(
      '  at /probability  (rule: maximum)\n    Expected: <= 1\n    Received: 1.5',
    );
    expect(message).toContain(
      'Received value: {"species":"rose","probability":1.5,"colour":"red"}',
    );
  });

  it('names a missing property by its own path', () => {
    const message = failureMessage(() =>
      matcherExpect({ species: 'setosa' }).toMatchSchema(predictionSchema),
    );

    expect(message).toContain('1 schema violation:');
    expect(message).toContain(
      '  at /probability  (rule: required)\n' +
        '    Expected: a value (required property)\n' +
        '    Received: missing',
    );
  });

  it('reports nested array items and formats', () => {
    const message = failureMessage(() =>
      matcherExpect({
        species: 'setosa',
        probability: 0.5,
        scores: [0.1, 'high', 0.3, 0.4],
        trainedAt: 'yesterday',
      }).toMatchSchema(predictionSchema),
    );

    expect(message).toContain('  at /scores/1  (rule: type)\n    Expected: type number');
    expect(message).toContain('  at /scores  (rule: maxItems)\n    Expected: maxItems 3');
    expect(message).toContain('  at /trainedAt  (rule: format)\n    Expected: format "date-time"');
  });

  it('names the root as (root)', () => {
    const message = failureMessage(() => matcherExpect(null).toMatchSchema(predictionSchema));

    expect(message).toContain(
      '  at (root)  (rule: type)\n    Expected: type object\n    Received: null',
    );
  });

  it('fails .not when the value matches', () => {
    const message = failureMessage(() =>
      matcherExpect({ species: 'setosa', probability: 0.1 }).not.toMatchSchema(predictionSchema),
    );

    expect(message).toContain('expect(received).not.toMatchSchema(schema)');
    expect(message).toContain('Expected the value not to match the schema, but it does.');
  });

  it('lists at most ten violations', () => {
    const wide = {
      type: 'object',
      properties: Object.fromEntries(
        Array.from({ length: 12 }, (_, index) => [`f${index}`, { type: 'number' }]),
      ),
    };
    const value = Object.fromEntries(Array.from({ length: 12 }, (_, index) => [`f${index}`, 'x']));

    const message = failureMessage(() => matcherExpect(value).toMatchSchema(wide));

    expect(message).toContain('12 schema violations:');
    expect(message.match(/^ {2}at /gm)).toHaveLength(10);
    expect(message).toContain('  … and 2 more');
  });

  it('rejects an invalid schema clearly', () => {
    const broken = { $id: 'test/broken', type: 'object', properties: { a: { type: 'numbr' } } };

    expect(() => checkSchema(broken, {})).toThrow(
      /Cannot compile test\/broken: .*Fix the schema; the value was not checked\./,
    );
  });

  it('rejects a misspelled keyword', () => {
    // Ajv's strict mode turns a typo into an error instead of a check that silently never runs.
    expect(() => checkSchema({ type: 'number', maximun: 3 }, 5)).toThrow(
      /unknown keyword: "maximun"/,
    );
  });
});

describe('schemas sharing an $id', () => {
  it('reuses an equal copy', () => {
    const first = { $id: 'test/shared-equal', type: 'number' };
    const copy = { $id: 'test/shared-equal', type: 'number' };

    expect(checkSchema(first, 5).valid).toBe(true);
    expect(checkSchema(copy, 'five').valid).toBe(false);
  });

  it('rejects a different schema', () => {
    expect(checkSchema({ $id: 'test/shared-different', type: 'number' }, 5).valid).toBe(true);

    expect(() => checkSchema({ $id: 'test/shared-different', type: 'string' }, 5)).toThrow(
      'Two different schemas have $id "test/shared-different".',
    );
  });
});
