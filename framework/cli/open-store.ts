import { openResultsStore, type ResultsStore } from '../results/index.ts';

/** Options every store command accepts. */
export interface StoreCommandOptions {
  json?: boolean;
}

/**
 * Opens the results store for one command and closes it afterwards, also
 * when the command throws, so that PGlite's folder lock and pg's pool never
 * outlive the command.
 */
export async function withStore<T>(action: (store: ResultsStore) => Promise<T>): Promise<T> {
  const store = await openResultsStore();
  try {
    return await action(store);
  } finally {
    await store.close();
  }
}
