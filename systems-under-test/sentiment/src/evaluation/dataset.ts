/**
 * The labelled sentences that ship in the `sentiment` package's test fixtures: 1,000 each from
 * IMDB, Amazon and Yelp reviews (the UCI "Sentiment Labelled Sentences" set), with class 1 for
 * positive and 0 for negative. Each file ends with one entry with empty text and class null,
 * which is skipped and counted.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import type { SentimentLabel } from '../model/label.ts';

export const SOURCES = ['imdb', 'amazon', 'yelp'] as const;
export type DatasetSource = (typeof SOURCES)[number];

export interface LabelledSentence {
  source: DatasetSource;
  text: string;
  label: Extract<SentimentLabel, 'positive' | 'negative'>;
}

export interface LabelledDataset {
  /** Folder the fixture files were read from. */
  folder: string;
  sentences: LabelledSentence[];
  /** Entries without a 0 or 1 class, per file. */
  skipped: Record<DatasetSource, number>;
}

/** Folder of the fixtures inside the installed `sentiment` package. */
export function fixturesFolder(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('sentiment/package.json')), 'test', 'fixtures');
}

/** Reads the three fixture files. Throws naming the file when one is missing or malformed. */
export function loadLabelledSentences(folder: string = fixturesFolder()): LabelledDataset {
  const sentences: LabelledSentence[] = [];
  const skipped = { imdb: 0, amazon: 0, yelp: 0 };

  for (const source of SOURCES) {
    const path = join(folder, `${source}.json`);
    let entries: unknown;
    try {
      entries = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(
        `Cannot read the labelled sentences in ${path}: ${error instanceof Error ? error.message : String(error)}. ` +
          'Run npm install so that the sentiment package and its test fixtures are present.',
        { cause: error },
      );
    }
    if (!Array.isArray(entries)) {
      throw new Error(`${path} must contain a JSON array of { text, class } entries.`);
    }

    for (const entry of entries as { text?: unknown; class?: unknown }[]) {
      const isLabelled =
        typeof entry.text === 'string' &&
        entry.text.trim() !== '' &&
        (entry.class === 0 || entry.class === 1);
      if (!isLabelled) {
        skipped[source] += 1;
        continue;
      }
      sentences.push({
        source,
        text: entry.text as string,
        label: entry.class === 1 ? 'positive' : 'negative',
      });
    }
  }

  return { folder, sentences, skipped };
}
