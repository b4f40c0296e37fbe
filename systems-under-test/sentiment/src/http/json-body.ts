import type { FastifyBodyParser, FastifyInstance } from 'fastify';

import { ApiError } from './api-error.ts';
import { findInvalidUtf8 } from './utf8.ts';

const EXAMPLE_BODY = '{"text":"I loved this film"}';

/** Returns the charset parameter of a Content-Type header in lower case, or undefined. */
function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

/**
 * Parses a JSON request body. Rejects a charset other than UTF-8 (415), an empty body
 * (EMPTY_BODY), bytes that are not UTF-8 (INVALID_UTF8, with the offset of the first bad byte)
 * and text that is not JSON (INVALID_JSON).
 */
export function parseJsonBody(body: Buffer, contentType: string | undefined): unknown {
  const charset = charsetOf(contentType);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `Content-Type "${contentType}" names charset "${charset}", but the API reads UTF-8 only. ` +
        'Encode the body as UTF-8 and send Content-Type: application/json.',
    );
  }

  if (body.length === 0) {
    throw new ApiError(
      400,
      'EMPTY_BODY',
      `Request body is empty but Content-Type is application/json. Send a JSON object such as ${EXAMPLE_BODY}.`,
    );
  }

  const invalidAt = findInvalidUtf8(body);
  if (invalidAt >= 0) {
    const byte = body[invalidAt]!.toString(16).toUpperCase().padStart(2, '0');
    throw new ApiError(
      400,
      'INVALID_UTF8',
      `Request body is not valid UTF-8: byte 0x${byte} at offset ${invalidAt} does not start or continue a UTF-8 sequence. ` +
        'Encode the text as UTF-8 before sending it.',
    );
  }

  // A byte order mark is valid UTF-8 but not valid JSON, so it is dropped as TextDecoder does.
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof SyntaxError ? ` (${error.message})` : '';
    throw new ApiError(
      400,
      'INVALID_JSON',
      `Request body is not valid JSON${reason}. Send a JSON object such as ${EXAMPLE_BODY}.`,
    );
  }
}

/** Replaces Fastify's JSON parser and removes its text/plain parser, so other types get 415. */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);

  const parser: FastifyBodyParser<Buffer> = (request, body, done) => {
    let value: unknown;
    try {
      value = parseJsonBody(body, request.headers['content-type']);
    } catch (error) {
      done(error as Error, undefined);
      return;
    }
    done(null, value);
  };
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, parser);
}
