import { ConfigError } from './config-error.ts';
import type { SystemDefinition } from './systems.ts';

/** Reads each system's `needs` from the definitions of nova.config.ts. */
export function systemNeeds(
  definitions: Readonly<Record<string, SystemDefinition>>,
): Record<string, readonly string[] | undefined> {
  return Object.fromEntries(
    Object.entries(definitions).map(([name, definition]) => [name, definition.needs]),
  );
}

/**
 * Reads `NOVA_START_SYSTEMS`, the systems under test that a run starts (comma-separated names
 * from nova.config.ts). Unset or blank starts every system. `nova detect` sets it so that each
 * of its runs starts only the systems whose specs it runs. A named system brings the systems it
 * `needs`, and theirs in turn, because it cannot serve requests without them.
 */
export function parseStartedSystems(
  value: string | undefined,
  known: readonly string[],
  needs: Readonly<Record<string, readonly string[] | undefined>> = {},
): Set<string> {
  // Every system is checked, so that a misspelt name in `needs` stops a run that starts them all too.
  if (value === undefined || value.trim() === '') return withNeeds(known, known, needs);

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
  return withNeeds(names, known, needs);
}

/** Adds to `names` every system they need, directly or through another system. */
export function withNeeds(
  names: readonly string[],
  known: readonly string[],
  needs: Readonly<Record<string, readonly string[] | undefined>>,
): Set<string> {
  const started = new Set<string>();
  const pending = [...names];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (started.has(name)) continue;
    started.add(name);
    for (const needed of needs[name] ?? []) {
      if (!known.includes(needed)) {
        throw new ConfigError(
          `System "${name}" needs "${needed}", which nova.config.ts does not declare. ` +
            `Known systems: ${known.join(', ')}. Fix the \`needs\` list of "${name}" in nova.config.ts.`,
        );
      }
      pending.push(needed);
    }
  }
  return started;
}
