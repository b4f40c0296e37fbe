import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';

import { BODY_LIMIT_BYTES } from '../limits.ts';
import { ApiError, buildErrorBody } from './api-error.ts';
import type { ErrorBody } from './api-error.ts';

/** Methods of each route, for 405 responses and their Allow header. */
export const ROUTE_METHODS: Readonly<Record<string, string>> = {
  '/sentiment': 'POST',
  '/health': 'GET, HEAD',
  '/': 'GET, HEAD',
  '/app.js': 'GET, HEAD',
  '/styles.css': 'GET, HEAD',
};

const KNOWN_ROUTES = 'POST /sentiment, GET /health, GET /';

/** Maps Fastify's own client errors to the API's error body; undefined for server faults. */
function toClientError(error: FastifyError, request: FastifyRequest): ErrorBody | undefined {
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
        413,
        'PAYLOAD_TOO_LARGE',
        `Request body exceeds the limit of ${BODY_LIMIT_BYTES.toLocaleString('en-US')} bytes (3 MiB). Send fewer texts per request.`,
      );
    default:
      break;
  }

  // Other client errors, such as a Content-Length that does not match the body, keep their
  // status and get a code from the reason phrase: "Bad Request" becomes BAD_REQUEST.
  const statusCode = error.statusCode ?? 500;
  if (statusCode >= 400 && statusCode < 500) {
    const reason = STATUS_CODES[statusCode] ?? 'Bad Request';
    const code = reason.toUpperCase().replaceAll(/[^A-Z]+/g, '_');
    return buildErrorBody(
      statusCode,
      code,
      error.message.endsWith('.') ? error.message : `${error.message}.`,
    );
  }
  return undefined;
}

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}

/**
 * Handles errors of Fastify's router, which come before any route or error handler: a malformed
 * percent-encoding such as /%zz, or a path segment over the router's 100-character limit.
 */
export function handleFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const path = pathOf(request);
  let body: ErrorBody;
  if (error.code === 'FST_ERR_BAD_URL') {
    body = buildErrorBody(
      400,
      'BAD_URL',
      `The request path "${path}" is not valid: a % must start a percent-encoded byte such as %20. Encode a literal % as %25.`,
    );
  } else if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    body = buildErrorBody(
      414,
      'URI_TOO_LONG',
      `The request path "${path}" has a segment over 100 characters. Send a shorter path.`,
    );
  } else {
    request.log.error({ err: error }, 'Router failed before a route was found');
    body = buildErrorBody(
      500,
      'INTERNAL_ERROR',
      `Internal error while handling the request. The server log has the details under request id ${request.id}.`,
    );
  }
  void reply.code(body.statusCode).send(body);
}

/** Sends 405 for a known path with another method, 404 otherwise. */
async function handleNotFound(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const path = pathOf(request);
  const allowed = ROUTE_METHODS[path];
  if (allowed !== undefined) {
    await reply
      .code(405)
      .header('allow', allowed)
      .send(
        buildErrorBody(
          405,
          'METHOD_NOT_ALLOWED',
          `Method ${request.method} is not allowed on ${path}. Use ${allowed}.`,
        ),
      );
    return;
  }

  await reply
    .code(404)
    .send(
      buildErrorBody(
        404,
        'NOT_FOUND',
        `Route ${request.method} ${path} not found. Available routes: ${KNOWN_ROUTES}.`,
      ),
    );
}

/**
 * Registers the error and 404 handlers, so that every failure returns the ErrorBody shape.
 * Client errors are logged at info level; anything else is logged with its stack and gets 500.
 */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler<FastifyError>(async (error, request, reply) => {
    if (error instanceof ApiError) void reply.headers(error.headers);

    const clientError = error instanceof ApiError ? error.body : toClientError(error, request);
    if (clientError !== undefined) {
      request.log.info(
        {
          code: clientError.code,
          statusCode: clientError.statusCode,
          details: clientError.details.slice(0, 5),
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

  app.setNotFoundHandler(handleNotFound);
}
