import { readFileSync } from 'node:fs';

export interface StationPage {
  code: string;
  name: string;
  city: string;
  country: string;
  /** As the site prints it, for example "4,061 m". */
  elevation: string;
  opened_on: string;
}

/** The source service's fixed content, from data/source-seed.json. */
export interface SourceSeed {
  stations: StationPage[];
  /** Records exactly as the open-data API publishes them, malformed ones included. */
  readings: Record<string, unknown>[];
}

export const DEFAULT_SEED_FILE = new URL('../../data/source-seed.json', import.meta.url);

export function readSeed(file: string | URL = DEFAULT_SEED_FILE): SourceSeed {
  return JSON.parse(readFileSync(file, 'utf8')) as SourceSeed;
}
