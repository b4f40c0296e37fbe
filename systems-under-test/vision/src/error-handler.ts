import { STATUS_CODES } from 'node:http';

import type { FastifyError, FastifyInstance } from 'fastify';

import { ApiError, buildErrorBody } from './error-body.ts';
import type { ErrorBody } from './error-body.ts';
import { ACCEPTED_CONTENT_TYPES } from './image-format.ts';
import { MAX_UPLOAD_BYTES } from './limits.ts';

/** Routes by path and method, for the 404 and 405 messages. */
export const ROUTES: Record<string, string[]> = {
  '/images/resize': ['POST'],
  '/images/grayscale': ['POST'],
  '/images/blur': ['POST'],
  '/images/rotate': ['POST'],
  '/images/crop': ['POST'],
  '/images/convert': ['POST'],
  '/qr': ['POST'],
  '/scan': ['POST'],
  '/health': ['GET'],
  '/': ['GET'],
};

/** Builds the 415 error for a body whose Content-Type is missing or not an image type. */
export function unsupportedMediaType(contentType: string | undefined): ApiError {
  const received =
    contentType === undefined || contentType === ''
      ? 'The Content-Type header is missing'
      : `Content-Type "${contentType}" is not accepted`;
  return new ApiError(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    `${received}. Send the image bytes as the body with Content-Type ${ACCEPTED_CONTENT_TYPES.join(', ')}.`,
    [
      {
        field: 'header.content-type',
        message:
          contentType === undefined || contentType === ''
            ? 'is missing'
            : 'is not an accepted image type',
      },
    ],
  );
}

function toClientError(
  error: FastifyError,
  contentType: string | undefined,
): ErrorBody | undefined {
  if (error instanceof ApiError) return error.body;

  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return unsupportedMediaType(contentType).body;
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return buildErrorBody(
        413,
        'PAYLOAD_TOO_LARGE',
        `The request body is larger than ${MAX_UPLOAD_BYTES} bytes (8 MiB). Compress the image or scale it down first.`,
        [{ field: 'body', message: 'is too large' }],
      );
    default:
      break;
  }

  const statusCode = error.statusCode ?? 500;
  if (statusCode >= 400 && statusCode < 500) {
    const code = (STATUS_CODES[statusCode] ?? 'Bad Request')
      .toUpperCase()
      .replaceAll(/[^A-Z]+/g, '_');
    return buildErrorBody(
      statusCode,
      code,
      error.message.endsWith('.') ? error.message : `${error.message}.`,
    );
  }
  return undefined;
}

/**
 * Every failure is sent as an ErrorBody. Client errors are logged at info level with
 * their code; anything else is a bug of this service, logged in full and sent as a 500.
 */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler<FastifyError>(async (error, request, reply) => {
    const clientError = toClientError(error, request.headers['content-type']);
    if (clientError !== undefined) {
      request.log.info(
        { code: clientError.code, statusCode: clientError.statusCode },
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
    const methods = ROUTES[path];
    if (methods !== undefined) {
      return reply
        .code(405)
        .header('allow', methods.join(', '))
        .send(
          buildErrorBody(
            405,
            'METHOD_NOT_ALLOWED',
            `Method ${request.method} is not allowed on ${path}. Use ${methods.join(', ')}.`,
          ),
        );
    }
    const known = Object.entries(ROUTES)
      .map(([route, routeMethods]) => `${routeMethods.join('|')} ${route}`)
      .join(', ');
    return reply
      .code(404)
      .send(
        buildErrorBody(
          404,
          'NOT_FOUND',
          `Route ${request.method} ${path} not found. Available routes: ${known}.`,
        ),
      );
  });
}
