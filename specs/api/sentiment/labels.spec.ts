import { expect, test } from '../../fixtures.ts';
import { analysisSchema, batchSchema } from './contract.ts';
import type { Analysis } from './contract.ts';
import { LABELLED_SENTENCES } from './sentences.ts';

test.describe('POST /sentiment labels sentences', () => {
  for (const sentence of LABELLED_SENTENCES) {
    test(
      `"${sentence.text}" is ${sentence.label}`,
      { tag: sentence.tag },
      async ({ sentimentApi }) => {
        const response = await sentimentApi.post('/sentiment').send({ text: sentence.text });

        expect(response.status).toBe(200);
        expect(response.body).toMatchSchema(analysisSchema);
        const analysis = response.body as Analysis;
        expect(analysis.label).toBe(sentence.label);

        for (const driver of sentence.drivers) {
          const found = analysis.words.find((word) => word.word === driver.word);
          expect(found, `"${driver.word}" is listed in words`).toBeDefined();
          expect(Math.sign(found!.score), `sign of "${driver.word}"`).toBe(driver.sign);
          if (driver.negated !== undefined) {
            expect(found!.negated, `"${driver.word}" negated`).toBe(driver.negated);
          }
        }
        if (sentence.drivers.length === 0) {
          expect(analysis.words).toEqual([]);
          expect(analysis.score).toBe(0);
        }
      },
    );
  }

  test(
    'batch gives the same labels in order',
    { tag: '@SENTIMENT-002' },
    async ({ sentimentApi }) => {
      const texts = LABELLED_SENTENCES.map((sentence) => sentence.text);

      const response = await sentimentApi.post('/sentiment').send({ texts });

      expect(response.status).toBe(200);
      expect(response.body).toMatchSchema(batchSchema);
      const body = response.body as { results: Analysis[]; count: number };
      expect(body.count).toBe(texts.length);
      expect(body.results.map((result) => result.label)).toEqual(
        LABELLED_SENTENCES.map((sentence) => sentence.label),
      );
    },
  );
});
