/**
 * The seeded faults of the sentiment app, listed in ../faults.json. `NOVA_FAULTS` switches them
 * on when the app starts; they are all off by default.
 */
import { loadFaults, readCatalogue } from '../../shared/faults.ts';
import type { Faults } from '../../shared/faults.ts';

export type { Faults };

/** The fault catalogue of this system. */
export const SENTIMENT_FAULT_CATALOGUE = readCatalogue(new URL('../faults.json', import.meta.url));

/** Reads NOVA_FAULTS from `env` and returns the switch of this system's faults. */
export function loadSentimentFaults(env: NodeJS.ProcessEnv = process.env): Faults {
  return loadFaults('sentiment', SENTIMENT_FAULT_CATALOGUE, env);
}

/** Every fault off, whatever NOVA_FAULTS contains: for the evaluation and for unit tests. */
export const NO_FAULTS: Faults = loadFaults('sentiment', SENTIMENT_FAULT_CATALOGUE, {});
