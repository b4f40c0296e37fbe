/**
 * The dashboard's seeded faults, read once when the server starts. `NOVA_FAULTS` switches them
 * on (see systems-under-test/shared/faults.ts); every fault is off by default.
 */
import { loadFaults, readCatalogue } from '../../shared/faults.ts';

export const faults = loadFaults(
  'dashboard',
  readCatalogue(new URL('../faults.json', import.meta.url)),
);
