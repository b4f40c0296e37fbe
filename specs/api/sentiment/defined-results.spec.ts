import { expect, test } from '../../fixtures.ts';
import { analysisSchema } from './contract.ts';
import type { Analysis, SentimentLabel } from './contract.ts';

interface DefinedResultCase {
  name: string;
  text: string;
  label: SentimentLabel;
  /** Exactly the words or emoji that must drive the score, in text order. */
  words: string[];
  tag: string;
}

// Input that is valid but unusual: emoji, other languages, other scripts, control characters.
// Each gets 200 and a defined result: emoji are scored from the emoji list, words in other
// languages add nothing unless they are spelled like an English word in the lexicon, as the
// German "war" (was) is.
// prettier-ignore
const CASES: DefinedResultCase[] = [
  { name: 'single emoji', text: '😍', label: 'positive', words: ['😍'], tag: '@SENTIMENT-010' },
  { name: 'emoji glued to a word', text: 'great😡', label: 'positive', words: ['great', '😡'], tag: '@SENTIMENT-010' },
  { name: 'emoji with skin tone', text: 'Thanks 👍🏽', label: 'positive', words: ['thanks', '👍🏽'], tag: '@SENTIMENT-010' },
  { name: 'emoji with presentation selector', text: '❤️', label: 'positive', words: ['❤️'], tag: '@SENTIMENT-010' },
  { name: 'family emoji joined by ZWJ', text: '👨‍👩‍👧 day out', label: 'positive', words: ['👨‍👩‍👧'], tag: '@SENTIMENT-010' },
  { name: 'heart on fire ZWJ sequence', text: 'this song ❤️‍🔥', label: 'positive', words: ['❤️‍🔥'], tag: '@SENTIMENT-010' },
  { name: 'flag emoji', text: '🇫🇷 trip was awful', label: 'negative', words: ['awful'], tag: '@SENTIMENT-010' },
  { name: 'German sentence', text: 'Das Essen ist sehr lecker', label: 'neutral', words: [], tag: '@SENTIMENT-011' },
  { name: 'German false friend', text: 'Das Essen war gut', label: 'negative', words: ['war'], tag: '@SENTIMENT-011' },
  { name: 'English and German', text: 'The food was great, aber der Service ist schlecht', label: 'positive', words: ['great'], tag: '@SENTIMENT-011' },
  { name: 'French and English', text: "C'est magnifique, I love it", label: 'positive', words: ['love'], tag: '@SENTIMENT-011' },
  { name: 'Chinese sentence', text: '这部电影很好', label: 'neutral', words: [], tag: '@SENTIMENT-011' },
  { name: 'Arabic and English', text: 'الخدمة ممتازة but the room was dirty', label: 'negative', words: ['dirty'], tag: '@SENTIMENT-011' },
  { name: 'decomposed accent', text: 'nai\u0308ve', label: 'negative', words: ['naïve'], tag: '@SENTIMENT-011' },
  { name: 'control characters', text: 'good\u0000food\u0007', label: 'positive', words: ['good'], tag: '@SENTIMENT-011' },
  { name: 'punctuation only', text: '?!...', label: 'neutral', words: [], tag: '@SENTIMENT-005' },
];

test.describe('POST /sentiment gives defined results', () => {
  for (const definedCase of CASES) {
    test(
      `${definedCase.name} is ${definedCase.label}`,
      { tag: definedCase.tag },
      async ({ sentimentApi }) => {
        const response = await sentimentApi.post('/sentiment').send({ text: definedCase.text });

        expect(response.status).toBe(200);
        expect(response.body).toMatchSchema(analysisSchema);
        const analysis = response.body as Analysis;
        expect(analysis.words.map((word) => word.word)).toEqual(definedCase.words);
        expect(analysis.label).toBe(definedCase.label);
      },
    );
  }
});
