import { STATUS_CODES } from 'node:http';

import type { FastifySchemaValidationError } from 'fastify';

import { PREDICT_BODY_BRANCH } from './schemas.ts';

/** One failed validation rule, located by a JSON pointer into the request body. */
export interface ErrorDetail {
  field: string;
  rule: string;
  message: string;
}

/** Body of every error response, as described by errorResponseSchema. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  details: ErrorDetail[];
}

/** Builds an error body with the reason phrase that matches the status code. */
export function buildErrorBody(
  statusCode: number,
  code: string,
  message: string,
  details: ErrorDetail[] = [],
): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', code, message, details };
}

/** Escapes a property name for use as a JSON pointer segment (RFC 6901). */
function escapePointerSegment(name: string): string {
  return name.replaceAll('~', '~0').replaceAll('/', '~1');
}

function joinPointer(parent: string, property: unknown): string {
  return `${parent}/${escapePointerSegment(String(property))}`;
}

/**
 * Converts one ajv error into a detail. For `required` and `additionalProperties`, ajv points at
 * the parent object, so the property name from `params` is appended to name the field itself.
 */
function toErrorDetail(error: FastifySchemaValidationError): ErrorDetail {
  const { keyword, instancePath, params } = error;

  if (keyword === 'required') {
    return {
      field: joinPointer(instancePath, params.missingProperty),
      rule: keyword,
      message: 'is required',
    };
  }

  if (keyword === 'additionalProperties') {
    return {
      field: joinPointer(instancePath, params.additionalProperty),
      rule: keyword,
      message: 'is not an allowed property',
    };
  }

  return {
    field: instancePath === '' ? '/' : instancePath,
    rule: keyword,
    message: error.message ?? 'is invalid',
  };
}

function isBatchBody(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    Object.hasOwn(body, 'instances')
  );
}

/**
 * Converts ajv errors of a POST /predict body into details.
 *
 * The body schema is `oneOf: [sample, batch]`, and with allErrors ajv reports the failures of
 * both branches plus a `oneOf` summary. A body with an `instances` property is meant as a batch,
 * any other as a single sample, so only the errors of that branch are kept.
 */
export function toPredictBodyDetails(
  errors: readonly FastifySchemaValidationError[],
  body: unknown,
): ErrorDetail[] {
  const branch = isBatchBody(body) ? PREDICT_BODY_BRANCH.batch : PREDICT_BODY_BRANCH.sample;
  const branchPrefix = `#/oneOf/${branch}/`;
  const branchErrors = errors.filter((error) => error.schemaPath.startsWith(branchPrefix));

  // Other route schemas have no oneOf, so their errors are all kept.
  const relevant =
    branchErrors.length > 0 ? branchErrors : errors.filter((error) => error.keyword !== 'oneOf');
  return (relevant.length > 0 ? relevant : errors).map((error) => toErrorDetail(error));
}

/** Writes the summary sentence of a validation error: the first problem and how many follow. */
export function describeValidationDetails(details: readonly ErrorDetail[]): string {
  const first = details[0];
  if (first === undefined) {
    return 'Request body is invalid. Check it against the OpenAPI document at /openapi.json.';
  }

  const more =
    details.length === 1
      ? ''
      : ` ${details.length - 1} more problem${details.length === 2 ? ' is' : 's are'} listed in details.`;
  return `Request body is invalid: ${first.field} ${first.message} (rule "${first.rule}").${more}`;
}
