import type { ApiClient } from '../../../framework/api/index.ts';
import { expect, test } from '../../fixtures.ts';
import { analysisSchema, batchSchema } from './contract.ts';
import type { Analysis } from './contract.ts';

/** Sends one text and returns the analysis, after checking status and schema. */
async function analyze(sentimentApi: ApiClient, text: string): Promise<Analysis> {
  const response = await sentimentApi.post('/sentiment').send({ text });
  expect(response.status, `status for ${JSON.stringify(text)}`).toBe(200);
  expect(response.body).toMatchSchema(analysisSchema);
  return response.body as Analysis;
}

test.describe('POST /sentiment contract', () => {
  test('single text matches its schema', { tag: '@SENTIMENT-001' }, async ({ sentimentApi }) => {
    const response = await sentimentApi.post('/sentiment').send({ text: 'I love it 😍' });

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.body).toMatchSchema(analysisSchema);
    const analysis = response.body as Analysis;
    // love (AFINN 3) and 😍 (3), with 4 tokens: I, love, it, 😍.
    expect(analysis.score).toBe(6);
    expect(analysis.tokenCount).toBe(4);
    expect(analysis.comparative).toBe(1.5);
  });

  test('batch matches its schema', { tag: '@SENTIMENT-002' }, async ({ sentimentApi }) => {
    const texts = ['Great value', 'Awful support', 'It is Tuesday'];

    const response = await sentimentApi.post('/sentiment').send({ texts });

    expect(response.status).toBe(200);
    expect(response.body).toMatchSchema(batchSchema);
    const body = response.body as { results: Analysis[]; count: number };
    expect(body.count).toBe(3);
    expect(body.results.map((result) => result.label)).toEqual(['positive', 'negative', 'neutral']);
  });

  test('batch of 100 texts is accepted', { tag: '@SENTIMENT-014' }, async ({ sentimentApi }) => {
    const texts = Array.from({ length: 100 }, (_, index) => `Review ${index}: good`);

    const response = await sentimentApi.post('/sentiment').send({ texts });

    expect(response.status).toBe(200);
    expect(response.body).toMatchSchema(batchSchema);
    expect((response.body as { count: number }).count).toBe(100);
  });

  test('word scores sum to the score', { tag: '@SENTIMENT-009' }, async ({ sentimentApi }) => {
    const analysis = await analyze(sentimentApi, 'Very good food, terrible coffee, nice staff.');

    const sum = analysis.words.reduce((total, word) => total + word.score, 0);
    expect(analysis.score).toBeCloseTo(sum, 3);
    expect(analysis.words.map((word) => word.word)).toEqual(['good', 'terrible', 'nice']);
  });
});

test.describe('POST /sentiment modifiers', () => {
  test('negation flips and dampens', { tag: '@SENTIMENT-006' }, async ({ sentimentApi }) => {
    const plain = await analyze(sentimentApi, 'The hotel was great');
    const negated = await analyze(sentimentApi, 'The hotel was not great');

    expect(plain.words[0]).toMatchObject({
      word: 'great',
      lexiconScore: 3,
      score: 3,
      negated: false,
    });
    // VADER's negation factor -0.74 on AFINN's 3.
    expect(negated.words[0]).toMatchObject({
      word: 'great',
      lexiconScore: 3,
      score: -2.22,
      negated: true,
      modifiers: ['not'],
    });
  });

  test('negation stops at a clause end', { tag: '@SENTIMENT-006' }, async ({ sentimentApi }) => {
    const analysis = await analyze(sentimentApi, 'I would not, it was great');

    expect(analysis.words).toEqual([
      { word: 'great', lexiconScore: 3, score: 3, negated: false, modifiers: [] },
    ]);
    expect(analysis.label).toBe('positive');
  });

  test('intensifier strengthens a word', { tag: '@SENTIMENT-007' }, async ({ sentimentApi }) => {
    const plain = await analyze(sentimentApi, 'The room was good');
    const intensified = await analyze(sentimentApi, 'The room was very good');
    const downtoned = await analyze(sentimentApi, 'The room was slightly good');

    expect(plain.score).toBe(3);
    expect(intensified.score).toBe(3.879);
    expect(intensified.words[0]!.modifiers).toEqual(['very']);
    expect(downtoned.score).toBe(2.121);
    expect(downtoned.words[0]!.modifiers).toEqual(['slightly']);
  });

  test(
    'intensifier word is not scored itself',
    { tag: '@SENTIMENT-007' },
    async ({ sentimentApi }) => {
      // "super" is rated 3 on its own, but here it only strengthens "nice".
      const analysis = await analyze(sentimentApi, 'super nice');

      expect(analysis.words.map((word) => word.word)).toEqual(['nice']);
      expect(analysis.score).toBe(3.879);
    },
  );

  test('"but" shifts weight to the end', { tag: '@SENTIMENT-008' }, async ({ sentimentApi }) => {
    const analysis = await analyze(sentimentApi, 'good but bad');

    expect(analysis.words).toEqual([
      { word: 'good', lexiconScore: 3, score: 1.5, negated: false, modifiers: ['but'] },
      { word: 'bad', lexiconScore: -3, score: -4.5, negated: false, modifiers: ['but'] },
    ]);
    expect(analysis.label).toBe('negative');
  });
});
