/**
 * Seeded faults: realistic bugs that a test run switches on to measure what
 * the suite catches. A system lists its faults in its own `faults.json`
 * (id, kind, description, the layer expected to catch it) and asks
 * `faults.on('<system>.<name>')` in the few lines where the real bug would sit.
 *
 * `NOVA_FAULTS=<id>,<id>` switches faults on when the system starts. The list
 * is shared by every system of a run, so ids of other systems are ignored;
 * an unknown id of this system is an error, because a typo would otherwise
 * measure a clean run. `NODE_ENV=production` refuses any fault at all.
 */
import { readFileSync } from 'node:fs';

export type FaultKind =
  'visual' | 'functional' | 'contract' | 'data' | 'model' | 'performance' | 'robustness';

export type FaultLayer = 'ui' | 'api' | 'visual' | 'load' | 'data' | 'unit';

export interface FaultEntry {
  /** `<system>.<name>`, for example `iris.swapped-labels`. */
  id: string;
  kind: FaultKind;
  description: string;
  /** The test layer expected to catch it. */
  layer: FaultLayer;
}

export class FaultConfigError extends Error {
  override name = 'FaultConfigError';
}

export interface Faults {
  /** True when this fault is switched on for this process. */
  on(id: string): boolean;
  /** The ids switched on, for the start-up log line. */
  readonly active: readonly string[];
}

export function readCatalogue(path: string | URL): FaultEntry[] {
  return JSON.parse(readFileSync(path, 'utf8')) as FaultEntry[];
}

export function loadFaults(
  system: string,
  catalogue: readonly FaultEntry[],
  env: NodeJS.ProcessEnv = process.env,
): Faults {
  const requested = (env.NOVA_FAULTS ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');

  const own = requested.filter((id) => id.startsWith(`${system}.`));
  if (own.length > 0 && env.NODE_ENV === 'production') {
    throw new FaultConfigError(
      `NOVA_FAULTS=${own.join(',')} is refused because NODE_ENV=production. ` +
        `Seeded faults exist for test runs only: unset NOVA_FAULTS or NODE_ENV.`,
    );
  }

  const known = new Set(catalogue.map((fault) => fault.id));
  const unknown = own.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new FaultConfigError(
      `NOVA_FAULTS names ${unknown.map((id) => `"${id}"`).join(', ')}, which ${system}'s faults.json does not list. ` +
        `Known faults of ${system}: ${[...known].join(', ') || 'none'}.`,
    );
  }

  const active = new Set(own);
  return {
    on: (id: string) => {
      if (!known.has(id)) {
        throw new FaultConfigError(
          `Fault "${id}" is not in ${system}'s faults.json: add it there first.`,
        );
      }
      return active.has(id);
    },
    active: [...active],
  };
}
