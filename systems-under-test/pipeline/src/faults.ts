import { loadFaults, readCatalogue } from '../../shared/faults.ts';

/** The pipeline's seeded faults, read once per process from NOVA_FAULTS. */
export const faults = loadFaults(
  'pipeline',
  readCatalogue(new URL('../faults.json', import.meta.url)),
);
