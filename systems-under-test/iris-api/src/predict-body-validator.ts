import { Ajv } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

import { batchRequestSchema, sampleSchema } from './schemas.ts';

/**
 * Ajv settings for request validation. Fastify's defaults coerce "5.1" to 5.1 and silently drop
 * unknown properties, and this API rejects both. strictNumbers is off so that Infinity, which
 * JSON.parse returns for 1e400, fails the `maximum` rule with a clear message instead of `type`.
 */
export const AJV_OPTIONS = {
  coerceTypes: false,
  removeAdditional: false,
  allErrors: true,
  useDefaults: false,
  strictNumbers: false,
} as const;

/** A validation function as Fastify expects it: returns validity and stores ajv errors in `errors`. */
type FastifyValidationResult = ReturnType<FastifySchemaCompiler<unknown>>;

/** Returns whether the body is meant as a batch: an object with an `instances` property. */
function isBatchBody(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    Object.hasOwn(body, 'instances')
  );
}

/**
 * Builds the validator of the POST /predict body.
 *
 * The route schema is `oneOf: [sample, batch]`, which the OpenAPI document shows. With allErrors,
 * ajv checks every branch of a oneOf to the end, so a body with 60,000 unknown keys would produce
 * 60,000 errors per branch. This validator checks only the branch that the body is meant for. It
 * accepts the same bodies as the oneOf, because the branches exclude each other: a sample
 * forbids `instances` and a batch requires it.
 */
function buildPredictBodyValidator(): FastifyValidationResult {
  const ajv = new Ajv(AJV_OPTIONS);
  const validateSample = ajv.compile(sampleSchema);
  const validateBatch = ajv.compile(batchRequestSchema);

  const validate: FastifyValidationResult = (body: unknown) => {
    const validateBranch = isBatchBody(body) ? validateBatch : validateSample;
    const valid = validateBranch(body);
    validate.errors = validateBranch.errors;
    return valid;
  };
  return validate;
}

/** validatorCompiler of the POST /predict route, which validates only its body. */
export const compilePredictBodyValidator: FastifySchemaCompiler<unknown> = ({ httpPart, url }) => {
  if (httpPart !== 'body') {
    throw new Error(
      `Route ${url} has a ${String(httpPart)} schema, but its validator only handles the body. ` +
        'Remove that schema or extend compilePredictBodyValidator.',
    );
  }

  return buildPredictBodyValidator();
};
