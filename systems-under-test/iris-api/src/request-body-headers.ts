import type { IncomingHttpHeaders } from 'node:http';

import type { FastifyInstance } from 'fastify';

import { ApiError } from './api-error.ts';

/** Returns whether the request has a body: it is chunked or has a non-zero Content-Length (RFC 9112 6.3). */
function hasRequestBody(headers: IncomingHttpHeaders): boolean {
  const contentLength = headers['content-length'];
  return (
    headers['transfer-encoding'] !== undefined ||
    (contentLength !== undefined && contentLength.trim() !== '0')
  );
}

/**
 * Rejects a Content-Encoding other than identity. The service does not decompress bodies, so a
 * gzip body would otherwise reach the JSON parser as binary data, or, if it is plain JSON with a
 * wrong header, be accepted although the header says otherwise.
 */
function checkContentEncoding(headerValue: string | undefined): void {
  if (headerValue === undefined) {
    return;
  }

  const encodings = headerValue
    .split(',')
    .map((encoding) => encoding.trim().toLowerCase())
    .filter((encoding) => encoding !== '' && encoding !== 'identity');
  if (encodings.length === 0) {
    return;
  }

  // RFC 7694 recommends that a 415 for a content coding lists the accepted codings in
  // Accept-Encoding, and identity means that the server accepts none.
  throw new ApiError(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    `Content-Encoding "${headerValue}" is not supported: the service does not decompress request ` +
      'bodies. Send the body uncompressed and without a Content-Encoding header.',
    [],
    { 'accept-encoding': 'identity' },
  );
}

/** Returns the charset parameter of a Content-Type header in lower case, without quotes. */
function readCharset(contentType: string): string | undefined {
  for (const parameter of contentType.split(';').slice(1)) {
    const separator = parameter.indexOf('=');
    const name = parameter.slice(0, separator).trim().toLowerCase();
    if (separator !== -1 && name === 'charset') {
      return parameter
        .slice(separator + 1)
        .trim()
        .replace(/^"(.*)"$/s, '$1')
        .toLowerCase();
    }
  }

  return undefined;
}

/**
 * Rejects an application/json body declared in a charset other than UTF-8. JSON text exchanged
 * between systems must be UTF-8 (RFC 8259 8.1), and the parser decodes it as UTF-8 only. Other
 * media types are left to the content type parser, which rejects them with its own message.
 */
function checkJsonCharset(contentType: string | undefined): void {
  if (contentType === undefined) {
    return;
  }

  const mediaType = contentType.split(';')[0]?.trim().toLowerCase();
  const charset = readCharset(contentType);
  if (mediaType !== 'application/json' || charset === undefined || charset === 'utf-8') {
    return;
  }

  throw new ApiError(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    `Charset "${charset}" in Content-Type "${contentType}" is not supported. Send the JSON body ` +
      'encoded as UTF-8 with Content-Type: application/json or application/json; charset=utf-8.',
  );
}

/**
 * Registers a preParsing hook that checks Content-Encoding and the JSON charset before the body
 * is read, so a rejected body is never buffered.
 */
export function registerRequestBodyHeaderChecks(app: FastifyInstance): void {
  app.addHook('preParsing', async (request, _reply, payload) => {
    if (hasRequestBody(request.headers)) {
      checkContentEncoding(request.headers['content-encoding']);
      checkJsonCharset(request.headers['content-type']);
    }

    return payload;
  });
}
