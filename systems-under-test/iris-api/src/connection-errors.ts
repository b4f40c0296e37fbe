/**
 * Error responses for requests that never reach a route: HTTP syntax errors found by Node's
 * parser (clientErrorHandler) and URLs that Fastify's router cannot decode (frameworkErrors).
 * Both would otherwise get Fastify's default body without `code` details.
 */
import { STATUS_CODES } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

import type {
  ConnectionError,
  FastifyBaseLogger,
  FastifyError,
  FastifyReply,
  FastifyRequest,
} from 'fastify';

import { buildErrorBody } from './error-responses.ts';
import type { ErrorBody } from './error-responses.ts';

/** Derives an error code from a reason phrase: 400 "Bad Request" becomes BAD_REQUEST. */
function codeForStatus(statusCode: number): string {
  return (STATUS_CODES[statusCode] ?? 'Error').toUpperCase().replaceAll(/[^A-Z]+/g, '_');
}

/**
 * Maps a Node.js HTTP parser error to a response, with the status codes that Node.js 20 sends
 * by default (lib/_http_server.js, socketOnError).
 */
function toConnectionErrorBody(error: ConnectionError): ErrorBody {
  // Node's parser errors carry the llhttp reason, for example "Invalid character in chunk size".
  const reason = (error as ConnectionError & { reason?: string }).reason ?? error.message;

  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return buildErrorBody(
        408,
        codeForStatus(408),
        'The request was not received completely within the server timeout. Send the whole request without pausing.',
      );
    case 'HPE_HEADER_OVERFLOW':
      return buildErrorBody(
        431,
        codeForStatus(431),
        'The request headers exceed the size limit of the server (16 KiB by default in Node.js 20). Send fewer or shorter headers.',
      );
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return buildErrorBody(
        413,
        codeForStatus(413),
        'The chunk extensions of the request body are too large. Send the body without chunk extensions.',
      );
    default:
      return buildErrorBody(
        400,
        codeForStatus(400),
        `Malformed HTTP request (${error.code}: ${reason}). Check Content-Length, ` +
          'Transfer-Encoding and chunk sizes: send one of the two headers, and a Content-Length ' +
          'that equals the body size in bytes.',
      );
  }
}

/**
 * Returns whether a response to an earlier request on this connection has started. Writing an
 * error then would corrupt that response, so Node.js 20 only destroys the socket in that case.
 * `_httpMessage` is the in-flight response that Node's HTTP server stores on the socket.
 */
function hasResponseInFlight(socket: Socket): boolean {
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  return inFlight?.headersSent === true;
}

/**
 * Builds the clientErrorHandler option, which sends an ErrorBody for an HTTP syntax error and
 * closes the connection, because the parser cannot find the start of the next request after it.
 */
export function buildClientErrorHandler(
  getLogger: () => FastifyBaseLogger,
): (error: ConnectionError, socket: Socket) => void {
  return (error, socket) => {
    // A reset connection has no reader left for a response.
    if (error.code === 'ECONNRESET' || socket.destroyed) {
      return;
    }

    const body = toConnectionErrorBody(error);
    getLogger().info(
      { code: body.code, statusCode: body.statusCode, parserCode: error.code },
      `Rejected a malformed HTTP request: ${body.message}`,
    );

    if (socket.writable && !hasResponseInFlight(socket)) {
      const json = JSON.stringify(body);
      socket.write(
        `HTTP/1.1 ${body.statusCode} ${body.error}\r\n` +
          'Connection: close\r\n' +
          'Content-Type: application/json; charset=utf-8\r\n' +
          `Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`,
      );
    }
    socket.destroy();
  };
}

/**
 * Sends the error response for errors that Fastify's router raises before a route is found.
 * FST_ERR_BAD_URL is a path with malformed percent-encoding such as /%zz, and
 * FST_ERR_MAX_PARAM_LENGTH a path parameter over 100 characters. FST_ERR_ASYNC_CONSTRAINT cannot
 * occur, because the service has no route constraints, so it falls to the 500 branch.
 */
export function handleFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const path = request.url.split('?')[0] ?? request.url;
  let body: ErrorBody;
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      body = buildErrorBody(
        400,
        'BAD_URL',
        `URL path "${path}" is not valid: a % must start a percent-encoded byte such as %20. ` +
          'Encode a literal % as %25.',
      );
      break;
    case 'FST_ERR_MAX_PARAM_LENGTH':
      body = buildErrorBody(
        414,
        codeForStatus(414),
        `URL path "${path}" has a path segment over the limit of 100 characters. Send a shorter path.`,
      );
      break;
    default:
      request.log.error({ err: error }, 'Router failed before a route was found');
      body = buildErrorBody(
        500,
        'INTERNAL_ERROR',
        `Internal error while handling the request. The server log has the details under request id ${request.id}.`,
      );
  }

  if (body.statusCode < 500) {
    request.log.info(
      { code: body.code, statusCode: body.statusCode },
      `Rejected request: ${body.message}`,
    );
  }
  void reply.code(body.statusCode).send(body);
}
