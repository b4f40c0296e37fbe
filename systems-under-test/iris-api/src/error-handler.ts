import { STATUS_CODES } from 'node:http';

import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';

import { ApiError } from './api-error.ts';
import {
  buildErrorBody,
  describeValidationDetails,
  toValidationDetails,
} from './error-responses.ts';
import type { ErrorBody } from './error-responses.ts';
import { NO_FAULTS } from './faults.ts';
import type { Faults } from './faults.ts';
import { BODY_LIMIT_BYTES } from './schemas.ts';

/** Routes listed in the 404 message, so a caller sees what exists. */
const KNOWN_ROUTES =
  'POST /predict, GET /model, GET /health, GET /metrics, GET /openapi.json, GET /docs, GET /';

/** Number of validation details copied into the log line of a rejected request. */
const LOGGED_DETAIL_LIMIT = 5;

/**
 * Maps a Fastify error to a response body. Returns undefined for errors that are not the client's
 * fault. The JSON body errors (INVALID_JSON, EMPTY_BODY, FORBIDDEN_PROPERTY) come from
 * json-body-parser.ts as ApiError.
 */
function toClientErrorBody(
  error: FastifyError,
  request: FastifyRequest,
  faults: Faults,
): ErrorBody | undefined {
  if (error.validation !== undefined) {
    const validationDetails = toValidationDetails(error.validation);
    return buildErrorBody(
      400,
      'VALIDATION_ERROR',
      describeValidationDetails(validationDetails),
      validationDetails.details,
    );
  }

  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': {
      const contentType = request.headers['content-type'];
      const received =
        contentType === undefined
          ? 'The Content-Type header is missing'
          : `Content-Type "${contentType}" is not supported`;
      return buildErrorBody(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `${received}. Send the body as JSON with Content-Type: application/json.`,
      );
    }
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return buildErrorBody(
        // Seeded fault iris.wrong-status: 400 instead of 413 for a body over the limit.
        faults.on('iris.wrong-status') ? 400 : 413,
        'PAYLOAD_TOO_LARGE',
        `Request body exceeds the limit of ${BODY_LIMIT_BYTES} bytes (1 MiB). Send fewer samples per request.`,
      );
    default:
      break;
  }

  // Other client errors, for example a Content-Length that does not match the body, get a
  // code derived from the reason phrase: 400 "Bad Request" becomes BAD_REQUEST.
  const statusCode = error.statusCode ?? 500;
  if (statusCode >= 400 && statusCode < 500) {
    const reason = STATUS_CODES[statusCode] ?? 'Bad Request';
    const code = reason.toUpperCase().replaceAll(/[^A-Z]+/g, '_');
    const message = error.message.endsWith('.') ? error.message : `${error.message}.`;
    return buildErrorBody(statusCode, code, message);
  }

  return undefined;
}

/**
 * Registers the error and 404 handlers so that every failure, including Fastify's own body
 * parser errors, returns the ErrorBody shape. Unexpected errors are logged and return 500.
 */
export function registerErrorHandlers(app: FastifyInstance, faults: Faults = NO_FAULTS): void {
  app.setErrorHandler<FastifyError>(async (error, request, reply) => {
    if (error instanceof ApiError) {
      void reply.headers(error.headers);
    }

    const clientError =
      error instanceof ApiError ? error.body : toClientErrorBody(error, request, faults);
    if (clientError !== undefined) {
      // A batch can fail thousands of rules, so the log keeps the count and the first few.
      request.log.info(
        {
          code: clientError.code,
          statusCode: clientError.statusCode,
          detailCount: clientError.details.length,
          details: clientError.details.slice(0, LOGGED_DETAIL_LIMIT),
        },
        `Rejected request: ${clientError.message}`,
      );
      return reply.code(clientError.statusCode).send(clientError);
    }

    request.log.error({ err: error }, 'Request failed with an unexpected error');
    return reply
      .code(500)
      .send(
        buildErrorBody(
          500,
          'INTERNAL_ERROR',
          `Internal error while handling the request. The server log has the details under request id ${request.id}.`,
        ),
      );
  });

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    return reply
      .code(404)
      .send(
        buildErrorBody(
          404,
          'NOT_FOUND',
          `Route ${request.method} ${path} not found. Available routes: ${KNOWN_ROUTES}.`,
        ),
      );
  });
}
