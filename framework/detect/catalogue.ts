/**
 * The fault catalogue: every `systems-under-test/<folder>/faults.json`, read as data. The
 * framework never imports a system under test, so the shapes of the shared fault switch
 * (systems-under-test/shared/faults.ts) are restated here and each file is checked against them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const FAULT_KINDS = [
  'visual',
  'functional',
  'contract',
  'data',
  'model',
  'performance',
  'robustness',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const FAULT_LAYERS = ['ui', 'api', 'visual', 'load', 'data', 'unit'] as const;
export type FaultLayer = (typeof FAULT_LAYERS)[number];

/** One seeded fault, as its system's faults.json lists it. */
export interface CatalogueFault {
  /** `<system>.<name>`, for example `iris.swapped-labels`. */
  id: string;
  /** The part of the id before the dot: the system's name in nova.config.ts and specs/<layer>/. */
  system: string;
  kind: FaultKind;
  description: string;
  /** The test layer expected to catch it. */
  layer: FaultLayer;
  /** The catalogue file, relative to the project folder. */
  file: string;
}

/** A catalogue that cannot be used; the message lists every problem, one per line. */
export class CatalogueError extends Error {
  override readonly name = 'CatalogueError';

  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

const ID_PATTERN = /^([a-z][a-z0-9-]*)\.([a-z0-9][a-z0-9-]*)$/;

/** The folder that contains one folder per system under test. */
export const SYSTEMS_DIR = 'systems-under-test';

/**
 * Reads every faults.json under `<projectDir>/systems-under-test/*`, in folder order. Throws a
 * CatalogueError that names each malformed file and entry, and each id listed twice.
 */
export function loadFaultCatalogue(projectDir: string): CatalogueFault[] {
  const systemsDir = join(projectDir, SYSTEMS_DIR);
  if (!existsSync(systemsDir)) {
    throw new CatalogueError([
      `No ${SYSTEMS_DIR}/ folder in ${projectDir}: run nova detect in the project folder.`,
    ]);
  }

  const problems: string[] = [];
  const faults: CatalogueFault[] = [];
  const folders = readdirSync(systemsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  for (const folder of folders) {
    const path = join(systemsDir, folder, 'faults.json');
    if (!existsSync(path)) continue;
    const file = relative(projectDir, path).replaceAll('\\', '/');
    faults.push(...parseCatalogueFile(readFileSync(path, 'utf8'), file, problems));
  }

  const seen = new Map<string, string>();
  for (const fault of faults) {
    const first = seen.get(fault.id);
    if (first !== undefined) {
      problems.push(
        `${fault.file}: fault id "${fault.id}" is also listed in ${first}; ids must be unique.`,
      );
    }
    seen.set(fault.id, fault.file);
  }

  if (problems.length > 0) throw new CatalogueError(problems);
  return faults;
}

/** Parses one faults.json text; appends a message per problem and returns the valid entries. */
export function parseCatalogueFile(
  text: string,
  file: string,
  problems: string[],
): CatalogueFault[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    problems.push(`${file}: not valid JSON (${(error as Error).message}). Fix the file's syntax.`);
    return [];
  }
  if (!Array.isArray(parsed)) {
    problems.push(
      `${file}: expected an array of faults ({ id, kind, description, layer }), received ${describeType(parsed)}.`,
    );
    return [];
  }

  const faults: CatalogueFault[] = [];
  parsed.forEach((entry: unknown, index) => {
    const fault = parseEntry(entry, `${file} entry ${index}`, file, problems);
    if (fault !== undefined) faults.push(fault);
  });
  return faults;
}

function parseEntry(
  entry: unknown,
  where: string,
  file: string,
  problems: string[],
): CatalogueFault | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    problems.push(
      `${where}: expected an object { id, kind, description, layer }, received ${describeType(entry)}.`,
    );
    return undefined;
  }
  const { id, kind, description, layer } = entry as Record<string, unknown>;
  const before = problems.length;

  const idMatch = typeof id === 'string' ? ID_PATTERN.exec(id) : null;
  if (idMatch === null) {
    problems.push(
      `${where}: id ${JSON.stringify(id)} is not "<system>.<name>" in lower case, for example "iris.swapped-labels".`,
    );
  }
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    problems.push(
      `${where}: kind ${JSON.stringify(kind)} is not one of ${FAULT_KINDS.join(', ')}.`,
    );
  }
  if (typeof layer !== 'string' || !(FAULT_LAYERS as readonly string[]).includes(layer)) {
    problems.push(
      `${where}: layer ${JSON.stringify(layer)} is not one of ${FAULT_LAYERS.join(', ')}.`,
    );
  }
  if (typeof description !== 'string' || description.trim() === '') {
    problems.push(`${where}: description is missing; say in one sentence what the fault breaks.`);
  }
  if (problems.length > before || idMatch === null) return undefined;

  return {
    id: id as string,
    system: idMatch[1]!,
    kind: kind as FaultKind,
    description: description as string,
    layer: layer as FaultLayer,
    file,
  };
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' || typeof value === 'undefined'
    ? `an ${typeof value}`
    : `a ${typeof value}`;
}
