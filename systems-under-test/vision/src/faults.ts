import { loadFaults, readCatalogue } from '../../shared/faults.ts';
import type { Faults } from '../../shared/faults.ts';

/** The vision service's seeded faults, read once from faults.json and NOVA_FAULTS. */
export const FAULT_CATALOGUE = readCatalogue(new URL('../faults.json', import.meta.url));

export function loadVisionFaults(env: NodeJS.ProcessEnv = process.env): Faults {
  return loadFaults('vision', FAULT_CATALOGUE, env);
}
