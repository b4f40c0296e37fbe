import { STATUS_CODES } from 'node:http';

import type { FastifySchemaValidationError } from 'fastify';

import { MAX_ERROR_DETAILS } from './schemas.ts';

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
export function escapePointerSegment(name: string): string {
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

/** The first MAX_ERROR_DETAILS details of a validation error and the number of all problems. */
export interface ValidationDetails {
  details: ErrorDetail[];
  total: number;
}

/** Converts ajv errors into details, keeping the first MAX_ERROR_DETAILS. */
export function toValidationDetails(
  errors: readonly FastifySchemaValidationError[],
): ValidationDetails {
  // Only the kept errors are converted, because building 60,000 pointers costs more than ajv.
  const details = errors.slice(0, MAX_ERROR_DETAILS).map((error) => toErrorDetail(error));
  return { details, total: errors.length };
}

function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/**
 * Writes the summary sentence of a validation error: the first problem and how many follow,
 * including those left out of details.
 */
export function describeValidationDetails({ details, total }: ValidationDetails): string {
  const first = details[0];
  if (first === undefined) {
    return 'Request body is invalid. Check it against the OpenAPI document at /openapi.json.';
  }

  const summary = `Request body is invalid: ${first.field} ${first.message} (rule "${first.rule}").`;
  if (total === 1) {
    return summary;
  }

  if (total <= details.length) {
    const more = total - 1;
    return `${summary} ${more} more problem${more === 1 ? ' is' : 's are'} listed in details.`;
  }

  const omitted = total - details.length;
  return (
    `${summary} details lists the first ${details.length} of ${formatCount(total)} problems, ` +
    `and ${formatCount(omitted)} more ${omitted === 1 ? 'is' : 'are'} not shown. ` +
    'Fix these and resend to see the rest.'
  );
}
