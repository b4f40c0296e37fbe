/**
 * The Iris API's seeded faults: the catalogue in ../faults.json and the switch that
 * `NOVA_FAULTS` sets at start-up (systems-under-test/shared/faults.ts).
 */
import { loadFaults, readCatalogue } from '../../shared/faults.ts';
import type { Faults } from '../../shared/faults.ts';

export type { Faults };

export const IRIS_FAULT_CATALOGUE = readCatalogue(new URL('../faults.json', import.meta.url));

/** Reads `NOVA_FAULTS` from `env`; throws FaultConfigError for an unknown id or in production. */
export function loadIrisFaults(env: NodeJS.ProcessEnv): Faults {
  return loadFaults('iris', IRIS_FAULT_CATALOGUE, env);
}

/** Every fault off: the default of buildApp. */
export const NO_FAULTS: Faults = loadIrisFaults({});
