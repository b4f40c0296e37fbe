/**
 * Validation of the POST /sentiment body: `{ "text": "..." }` or `{ "texts": ["...", ...] }`.
 * Every problem is collected, each with the JSON pointer of the value, the rule it breaks and a
 * message that tells what to send instead.
 */
import type { Faults } from './faults.ts';
import type { ErrorDetail } from './http/api-error.ts';
import { MAX_BATCH_SIZE, MAX_TEXT_LENGTH } from './limits.ts';

export type SentimentRequest =
  { kind: 'single'; text: string } | { kind: 'batch'; texts: string[] };

export type ValidationResult =
  { valid: true; request: SentimentRequest } | { valid: false; problems: ErrorDetail[] };

const EXAMPLE = 'for example {"text":"I loved it"} or {"texts":["I loved it","Too slow"]}';

/** Whitespace, control and invisible format characters (such as U+200B): nothing to score. */
const BLANK_TEXT = /^[\p{White_Space}\p{Cc}\p{Cf}]*$/u;

/** In a `u` regex, a surrogate code unit matches only when it is not part of a pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function checkText(value: unknown, field: string, faults: Faults): ErrorDetail[] {
  if (typeof value !== 'string') {
    return [{ field, rule: 'type', message: `must be a string, received ${describeType(value)}` }];
  }

  // Seeded fault sentiment.empty-text-accepted: blank texts pass and are scored as neutral.
  if (BLANK_TEXT.test(value) && !faults.on('sentiment.empty-text-accepted')) {
    return [
      {
        field,
        rule: 'notBlank',
        message: 'is empty or contains only whitespace; send at least one word',
      },
    ];
  }

  const surrogate = LONE_SURROGATE.exec(value);
  if (surrogate !== null) {
    const unit = value.charCodeAt(surrogate.index).toString(16).toUpperCase();
    return [
      {
        field,
        rule: 'wellFormed',
        message:
          `contains the unpaired UTF-16 surrogate \\u${unit} at index ${surrogate.index}, which is not a character; ` +
          'send well-formed Unicode text',
      },
    ];
  }

  // Code points, not UTF-16 units, so that an emoji counts once (or twice with a skin tone).
  // The text has no lone surrogate here, so each high surrogate starts a pair.
  let length = value.length;
  for (let index = 0; index < value.length; index++) {
    const unit = value.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff) length -= 1;
  }
  if (length > MAX_TEXT_LENGTH) {
    return [
      {
        field,
        rule: 'maxLength',
        message:
          `is ${length.toLocaleString('en-US')} characters long, above the limit of ` +
          `${MAX_TEXT_LENGTH.toLocaleString('en-US')} (Unicode code points); split it into shorter texts`,
      },
    ];
  }

  return [];
}

function checkBatch(value: unknown, faults: Faults): ErrorDetail[] {
  if (!Array.isArray(value)) {
    return [
      {
        field: '/texts',
        rule: 'type',
        message: `must be an array of strings, received ${describeType(value)}`,
      },
    ];
  }
  if (value.length === 0) {
    return [
      {
        field: '/texts',
        rule: 'minItems',
        message: `is empty; send 1 to ${MAX_BATCH_SIZE} texts`,
      },
    ];
  }
  if (value.length > MAX_BATCH_SIZE) {
    return [
      {
        field: '/texts',
        rule: 'maxItems',
        message: `has ${value.length.toLocaleString('en-US')} texts, above the limit of ${MAX_BATCH_SIZE}; split the batch into several requests`,
      },
    ];
  }
  return value.flatMap((text: unknown, index) => checkText(text, `/texts/${index}`, faults));
}

/** Checks a parsed body and returns the request or every problem found. */
export function validateSentimentBody(body: unknown, faults: Faults): ValidationResult {
  if (body === undefined) {
    return {
      valid: false,
      problems: [
        {
          field: '/',
          rule: 'required',
          message: `is missing; send a JSON object, ${EXAMPLE}`,
        },
      ],
    };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return {
      valid: false,
      problems: [
        {
          field: '/',
          rule: 'type',
          message: `must be a JSON object, received ${describeType(body)}; send ${EXAMPLE}`,
        },
      ],
    };
  }

  const problems: ErrorDetail[] = [];
  const record = body as Record<string, unknown>;
  const hasText = Object.hasOwn(record, 'text');
  const hasTexts = Object.hasOwn(record, 'texts');

  for (const key of Object.keys(record)) {
    if (key !== 'text' && key !== 'texts') {
      const pointer = `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      problems.push({
        field: pointer,
        rule: 'additionalProperties',
        message: 'is not an allowed property; the body has "text" or "texts" only',
      });
    }
  }

  if (hasText && hasTexts) {
    problems.push({
      field: '/',
      rule: 'oneOf',
      message: 'has both "text" and "texts"; send one text as "text" or a batch as "texts"',
    });
  } else if (!hasText && !hasTexts) {
    problems.push({
      field: '/text',
      rule: 'required',
      message: `is required (or "texts" for a batch), ${EXAMPLE}`,
    });
  } else if (hasText) {
    problems.push(...checkText(record.text, '/text', faults));
  } else {
    problems.push(...checkBatch(record.texts, faults));
  }

  if (problems.length > 0) return { valid: false, problems };
  return hasText
    ? { valid: true, request: { kind: 'single', text: record.text as string } }
    : { valid: true, request: { kind: 'batch', texts: record.texts as string[] } };
}

/**
 * Writes the message of a rejected body: the first problem, and how many others there are.
 * `shown` is the number of problems the response lists in details.
 */
export function describeProblems(problems: readonly ErrorDetail[], shown: number): string {
  const first = problems[0]!;
  const subject = first.field === '/' ? 'Request body' : `Request body field ${first.field}`;
  const summary = `${subject} ${first.message} (rule "${first.rule}").`;
  const more = problems.length - 1;
  if (more === 0) return summary;

  const hidden = problems.length - shown;
  const listed =
    hidden > 0
      ? ` details lists the first ${shown}; fix these and resend to see the rest.`
      : ' They are listed in details.';
  return `${summary} ${more.toLocaleString('en-US')} more problem${more === 1 ? '' : 's'}.${listed}`;
}
