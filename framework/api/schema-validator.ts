import { isDeepStrictEqual } from 'node:util';

import { Ajv, type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';

import { createLogger } from '../logging/index.ts';

const log = createLogger('api');

/** One way in which a value breaks a schema, in the terms of JSON Schema. */
export interface SchemaViolation {
  /** JSON pointer to the offending value; "" is the root. */
  path: string;
  /** The JSON Schema keyword that failed, for example `type` or `maximum`. */
  rule: string;
  /** The schema's requirement, for example `<= 30` or `type number`. */
  expected: string;
  /** The value found there, or `undefined` for a missing property. */
  received: unknown;
  /** Whether the value was missing rather than wrong. */
  missing: boolean;
}

export interface SchemaCheck {
  valid: boolean;
  violations: SchemaViolation[];
}

/**
 * ajv-formats is CommonJS with `exports.default`, so Node's ESM loader hands
 * over the module object and the plugin sits on its `default` property.
 */
const addFormats = formatsModule.default;

/**
 * Creates the Ajv instance behind the matcher. `allErrors` reports every
 * violation at once and `verbose` adds the failing value to each error.
 * Ajv's default strict mode stays on, so a schema with an unknown keyword
 * (a typo such as `maximun`) is an error instead of a check that never runs.
 */
export function createAjv(): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    logger: { log: log, warn: log, error: log },
  });
  addFormats(ajv);
  return ajv;
}

const sharedAjv = createAjv();
const compiled = new WeakMap<object, ValidateFunction>();

/** Compiles each schema object once per process, since compilation costs far more than validation. */
function compile(ajv: Ajv, schema: AnySchema): ValidateFunction {
  if (typeof schema === 'boolean') return ajv.compile(schema);

  const cached = compiled.get(schema);
  if (cached) return cached;

  // Ajv registers every schema under its $id. An equal copy, such as a schema
  // module loaded twice, reuses that validator. A different schema under the
  // same $id is an error, because validating against the old one would pass silently.
  const { $id } = schema as { $id?: unknown };
  if (typeof $id === 'string') {
    const known = ajv.getSchema($id);
    if (known) {
      if (!isDeepStrictEqual(known.schema, schema)) {
        throw new Error(
          `Two different schemas have $id "${$id}". Give each schema its own $id, ` +
            'or remove $id from one of them; the value was not checked.',
        );
      }
      compiled.set(schema, known);
      return known;
    }
  }

  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    const name = describeSchema(schema) ?? 'the schema';
    throw new Error(
      `Cannot compile ${name}: ${(error as Error).message}. Fix the schema; the value was not checked.`,
      { cause: error },
    );
  }
  compiled.set(schema, validate);
  return validate;
}

function childPointer(parent: string, key: string): string {
  return `${parent}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

function formatList(values: unknown): string {
  return Array.isArray(values) ? values.map((value) => JSON.stringify(value)).join(', ') : '';
}

/** Turns one Ajv error into a violation that names the real path and the demanded value. */
function toViolation(error: ErrorObject): SchemaViolation {
  const params = error.params as Record<string, unknown>;
  const base = { path: error.instancePath, rule: error.keyword, missing: false };

  switch (error.keyword) {
    case 'required':
      return {
        ...base,
        path: childPointer(error.instancePath, String(params.missingProperty)),
        expected: 'a value (required property)',
        received: undefined,
        missing: true,
      };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const parent = error.data as Record<string, unknown> | undefined;
      return {
        ...base,
        path: childPointer(error.instancePath, key),
        expected: 'no such property (additionalProperties: false)',
        received: parent?.[key],
      };
    }
    case 'type':
      return { ...base, expected: `type ${String(params.type)}`, received: error.data };
    case 'enum':
      return {
        ...base,
        expected: `one of ${formatList(params.allowedValues)}`,
        received: error.data,
      };
    case 'const':
      return { ...base, expected: JSON.stringify(params.allowedValue), received: error.data };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        ...base,
        expected: `${String(params.comparison)} ${String(params.limit)}`,
        received: error.data,
      };
    case 'minItems':
    case 'minLength':
    case 'minProperties':
    case 'maxItems':
    case 'maxLength':
    case 'maxProperties':
      return {
        ...base,
        expected: `${error.keyword} ${String(params.limit)}`,
        received: error.data,
      };
    case 'pattern':
      return { ...base, expected: `matching /${String(params.pattern)}/`, received: error.data };
    case 'format':
      return { ...base, expected: `format "${String(params.format)}"`, received: error.data };
    default:
      return { ...base, expected: error.message ?? error.keyword, received: error.data };
  }
}

/** Validates `value` against `schema` and lists every violation. */
export function checkSchema(schema: AnySchema, value: unknown, ajv: Ajv = sharedAjv): SchemaCheck {
  const validate = compile(ajv, schema);
  const valid = validate(value);
  if (valid) return { valid: true, violations: [] };

  const violations = (validate.errors ?? [])
    // An `if`/`then` failure repeats the errors of its own sub-schemas.
    .filter((error) => error.keyword !== 'if')
    .map(toViolation);
  return { valid: false, violations };
}

/** Returns a short name for a schema in messages: its `$id` or `title`, if any. */
export function describeSchema(schema: AnySchema): string | undefined {
  if (typeof schema === 'boolean') return undefined;
  const { $id, title } = schema as { $id?: unknown; title?: unknown };
  if (typeof $id === 'string') return $id;
  if (typeof title === 'string') return title;
  return undefined;
}
