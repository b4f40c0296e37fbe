/**
 * Validates responses of the GitHub stand-in against GitHub's published
 * OpenAPI description: the `api.github.com.json` file of `@octokit/openapi`,
 * read directly (not through the package's index). OpenAPI 3.0 marks null
 * with `nullable: true`, which JSON Schema does not know, so every schema is
 * converted first: `type: x` becomes `type: [x, 'null']`, and a nullable
 * schema without a type becomes `anyOf: [schema, { type: 'null' }]`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const DESCRIPTION_FILE = join(
  import.meta.dirname,
  '..',
  '..',
  'node_modules',
  '@octokit',
  'openapi',
  'generated',
  'api.github.com.json',
);

/** `$id` under which the converted components are registered with Ajv. */
const DOCUMENT_ID = 'https://api.github.com/openapi.json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, Json> }>>;
  components: { schemas: Record<string, Json>; responses?: Record<string, Json> };
}

/** Converts one OpenAPI 3.0 schema to JSON Schema: `nullable` to null types, and `$ref`s to the registered document. */
export function toJsonSchema(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;

  const converted: Record<string, Json> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable' || key === 'example' || key === 'examples' || key === 'discriminator')
      continue;
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) {
      converted.$ref = `${DOCUMENT_ID}${value}`;
    } else if (
      key === 'properties' &&
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value)
    ) {
      // Property names are data, not keywords: `nullable` or `example` may be one.
      converted.properties = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, toJsonSchema(sub)]),
      );
    } else {
      converted[key] = toJsonSchema(value);
    }
  }

  if (schema.nullable !== true) return converted;
  if (typeof converted.type === 'string') {
    converted.type = [converted.type, 'null'];
    if (Array.isArray(converted.enum)) converted.enum = [...converted.enum, null];
    return converted;
  }
  return { anyOf: [converted, { type: 'null' }] };
}

export interface ResponseValidator {
  /**
   * Validates a response body for an operation. Returns the list of
   * problems, empty when the body matches; throws when the description has no
   * JSON schema for that operation and status.
   */
  validate(method: string, pathTemplate: string, status: number, body: unknown): string[];
}

let cached: ResponseValidator | undefined;

/** Loads the description once per process and returns a validator with compiled schemas cached. */
export function githubResponseValidator(): ResponseValidator {
  if (cached) return cached;
  const document = JSON.parse(readFileSync(DESCRIPTION_FILE, 'utf8')) as OpenApiDocument;

  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  (addFormatsModule as unknown as (ajv: Ajv) => void)(ajv);
  ajv.addSchema({
    $id: DOCUMENT_ID,
    components: toJsonSchema(document.components),
  });

  const compiled = new Map<string, ValidateFunction>();

  function responseSchema(method: string, pathTemplate: string, status: number): Json {
    const operation = document.paths[pathTemplate]?.[method.toLowerCase()];
    if (!operation)
      throw new Error(`The GitHub description has no operation ${method} ${pathTemplate}.`);
    let response = operation.responses?.[String(status)];
    if (
      response &&
      typeof response === 'object' &&
      !Array.isArray(response) &&
      typeof response.$ref === 'string'
    ) {
      const name = response.$ref.split('/').pop() ?? '';
      response = document.components.responses?.[name];
    }
    const schema = (response as { content?: Record<string, { schema?: Json }> } | undefined)
      ?.content?.['application/json']?.schema;
    if (schema === undefined) {
      throw new Error(
        `The GitHub description has no JSON response for ${method} ${pathTemplate} with status ${status}.`,
      );
    }
    return schema;
  }

  cached = {
    validate(method, pathTemplate, status, body) {
      const key = `${method} ${pathTemplate} ${status}`;
      let validateFn = compiled.get(key);
      if (!validateFn) {
        validateFn = ajv.compile(
          toJsonSchema(responseSchema(method, pathTemplate, status)) as object,
        );
        compiled.set(key, validateFn);
      }
      if (validateFn(body)) return [];
      return (validateFn.errors ?? []).map(
        (error) =>
          `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
      );
    },
  };
  return cached;
}
