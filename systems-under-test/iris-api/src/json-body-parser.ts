import type { FastifyBodyParser, FastifyInstance, FastifyRequest } from 'fastify';

import { ApiError } from './api-error.ts';
import { escapePointerSegment } from './error-responses.ts';
import { NO_FAULTS } from './faults.ts';
import type { Faults } from './faults.ts';

const EXAMPLE_SAMPLE = '{"sepalLength":5.1,"sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2}';

/** Decoder that throws on invalid UTF-8 instead of inserting U+FFFD, and drops a leading BOM. */
const UTF8_DECODER = new TextDecoder('utf-8', { fatal: true });

function isObjectLike(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Returns the JSON pointer of the first `__proto__` property, or of the `prototype` property of
 * an object under a `constructor` key, in a value from JSON.parse. JSON.parse stores these as own
 * properties, but code that later merges the object (Object.assign, a deep merge) could change a
 * prototype. The walk is iterative so that deeply nested arrays cannot overflow the stack.
 */
function findForbiddenProperty(root: unknown): string | undefined {
  const pending: { value: unknown; pointer: string }[] = [{ value: root, pointer: '' }];

  for (let entry = pending.pop(); entry !== undefined; entry = pending.pop()) {
    const { value, pointer } = entry;
    if (!isObjectLike(value)) {
      continue;
    }

    if (Object.hasOwn(value, '__proto__')) {
      return `${pointer}/__proto__`;
    }

    const constructorValue = value.constructor;
    if (
      Object.hasOwn(value, 'constructor') &&
      isObjectLike(constructorValue) &&
      Object.hasOwn(constructorValue, 'prototype')
    ) {
      return `${pointer}/constructor/prototype`;
    }

    // Pushed in reverse so that the first property in the body is reported first.
    const keys = Object.keys(value);
    for (let index = keys.length - 1; index >= 0; index--) {
      const key = keys[index] as string;
      pending.push({ value: value[key], pointer: `${pointer}/${escapePointerSegment(key)}` });
    }
  }

  return undefined;
}

/**
 * Returns whether the JSON text may contain a "__proto__" or "constructor" key. A key can only
 * decode to these names if the text contains them literally or uses a \u escape, so most bodies
 * skip the walk over the parsed value.
 */
function mayContainForbiddenProperty(text: string): boolean {
  return text.includes('__proto__') || text.includes('constructor') || text.includes('\\u');
}

/**
 * Parses a JSON request body. Rejects an empty body (EMPTY_BODY), bytes that are not UTF-8 or
 * text that is not JSON (INVALID_JSON), and `__proto__` or `constructor.prototype` keys
 * (FORBIDDEN_PROPERTY), so that no route receives an object that could pollute a prototype.
 */
export function parseJsonBody(body: Buffer, faults: Faults = NO_FAULTS): unknown {
  if (body.length === 0) {
    throw new ApiError(
      400,
      'EMPTY_BODY',
      'Request body is empty but Content-Type is application/json. Send a JSON object with the four measurements.',
    );
  }

  let text: string;
  try {
    text = UTF8_DECODER.decode(body);
  } catch {
    throw new ApiError(
      400,
      'INVALID_JSON',
      `Request body is not valid UTF-8. Encode the JSON text as UTF-8, for example ${EXAMPLE_SAMPLE}.`,
    );
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof SyntaxError ? ` (${error.message})` : '';
    // Seeded fault iris.truncated-json-crash: counts brackets to hint at a body cut short, but
    // match() returns null for a body without a closing bracket, and reading .length throws.
    if (faults.on('iris.truncated-json-crash')) {
      const unclosed = text.match(/[{[]/g)!.length - text.match(/[}\]]/g)!.length;
      if (unclosed > 0) {
        throw new ApiError(
          400,
          'INVALID_JSON',
          `Request body has ${unclosed} unclosed bracket(s).`,
        );
      }
    }
    throw new ApiError(
      400,
      'INVALID_JSON',
      `Request body is not valid JSON${reason}. Send a JSON object such as ${EXAMPLE_SAMPLE}.`,
    );
  }

  const forbidden = mayContainForbiddenProperty(text) ? findForbiddenProperty(value) : undefined;
  if (forbidden !== undefined) {
    throw new ApiError(
      400,
      'FORBIDDEN_PROPERTY',
      `Request body contains the property ${forbidden}, which is forbidden because it ` +
        'could change object prototypes. Remove it and send only the four measurements.',
      [{ field: forbidden, rule: 'forbidden', message: 'is a forbidden property name' }],
    );
  }

  return value;
}

/**
 * Replaces Fastify's application/json parser. Fastify's parser (secure-json-parse) rejects
 * `__proto__` keys too, but returns the same error as for malformed JSON.
 */
export function registerJsonBodyParser(app: FastifyInstance, faults: Faults = NO_FAULTS): void {
  app.removeContentTypeParser('application/json');
  const parser: FastifyBodyParser<Buffer> = (_request: FastifyRequest, body: Buffer, done) => {
    let value: unknown;
    try {
      value = parseJsonBody(body, faults);
    } catch (error) {
      done(error as Error, undefined);
      return;
    }
    done(null, value);
  };
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, parser);
}
