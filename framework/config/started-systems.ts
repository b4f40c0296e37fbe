import { ConfigError } from './config-error.ts';

/**
 * Reads `NOVA_START_SYSTEMS`, the systems under test that a run starts (comma-separated names
 * from nova.config.ts). Unset or blank starts every system. `nova detect` sets it so that each
 * of its runs starts only the systems whose specs it runs.
 */
export function parseStartedSystems(
  value: string | undefined,
  known: readonly string[],
): Set<string> {
  if (value === undefined || value.trim() === '') return new Set(known);

  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new ConfigError(
      `NOVA_START_SYSTEMS names ${unknown.map((name) => `"${name}"`).join(', ')}, which nova.config.ts does not declare. ` +
        `Known systems: ${known.join(', ')}. Unset NOVA_START_SYSTEMS to start them all.`,
    );
  }
  return new Set(names);
}
