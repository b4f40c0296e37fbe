/**
 * Normalisation of error messages for fingerprints. Two failures of one bug
 * differ in the values that a run puts into the message: numbers, durations,
 * ports, ids, timestamps, temporary paths and the user data in quotes. These
 * functions replace each with a placeholder, so that the rest of the message,
 * which names the symptom, can be compared.
 */

/** Matches ANSI escape sequences (colours, cursor moves) that Playwright puts in error messages. */
// eslint-disable-next-line no-control-regex
const ANSI_ESCAPE = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*(?:\u0007|\u001b\\)/g;

/** Removes ANSI colour and cursor sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_ESCAPE, '');
}

/**
 * Lines that start the part of a Playwright error which logs what the action
 * tried and how often it retried. Its length changes from run to run, and the
 * symptom is in the lines before it.
 */
const LOG_SECTION_START = /^\s*(?:Call log:|=+ logs =+|Retry #\d+)\s*$/m;

/**
 * Lines whose value comes from the test's code rather than from the system:
 * `Expected: 200`, `Expected string: "setosa"`, `Expected pattern: /x/`. Their
 * quoted text and plain numbers stay, so that `toBe(200)` and `toBe(201)` stay
 * two bugs. Ids, timestamps and paths in them are still replaced.
 */
const EXPECTED_LINE = /^\s*Expected(?: [a-z]+)?:/;

/**
 * Replacements in order. Each placeholder is in angle brackets, which later
 * rules do not touch. The order matters: a UUID contains hex runs and a
 * timestamp contains numbers, so the more specific rules run first.
 */
const VOLATILE_PATTERNS: readonly [RegExp, string][] = [
  // RFC 4122 UUIDs, any version.
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  // ISO 8601 date-times (2026-12-04T22:19:53.123Z, 2026-12-04 22:19:53+01:00) and dates.
  [
    /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g,
    '<time>',
  ],
  // RFC 7231 HTTP dates: Fri, 04 Dec 2026 22:19:53 GMT.
  [
    /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT\b/g,
    '<time>',
  ],
  // Times of day: 22:19:53, 22:19:53.123.
  [/\b\d{1,2}:\d{2}:\d{2}(?:\.\d+)?\b/g, '<time>'],
  // Temporary files and folders on Linux, macOS and Windows, up to the end of the path.
  [
    /(?:\/tmp|\/var\/tmp|\/private\/var\/folders|\/var\/folders|\/dev\/shm)(?:\/[^\s'"`()<>,;]*)?/g,
    '<tmp>',
  ],
  [/[A-Za-z]:\\(?:[^\s'"`()<>,;\\]+\\)*?(?:Temp|tmp)(?:\\[^\s'"`()<>,;]*)?/gi, '<tmp>'],
  // Addresses with ports: 127.0.0.1:3101, [::1]:8080, localhost:5432.
  [/\b(?:\d{1,3}(?:\.\d{1,3}){3}|localhost|\[[0-9a-f:]+\])(?::\d{1,5})?\b/gi, '<host>'],
  // Ports written out: "port 3101", "port=3101", or a URL's ":3101/".
  [/\bport\s*[=:]?\s*\d{1,5}\b/gi, 'port <port>'],
  [/(?<=[a-z0-9\]]):\d{2,5}(?=\/|\b)/gi, ':<port>'],
  // Durations: 30000ms, 1.5s, 250 ms, 2 seconds, 1m30s.
  [
    /\b\d+(?:\.\d+)?\s?(?:ns|µs|us|ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hours?)\b/gi,
    '<duration>',
  ],
  // Hex ids of 8 or more digits with at least one digit in them: git SHAs, ObjectIds, request ids.
  [/\b(?:0x)?(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/gi, '<hex>'],
  // Ids that mix letters and digits with a separator, such as req_8f2K1x9 or order-20417.
  [/\b[a-z]+[-_](?=[a-z0-9]*\d)[a-z0-9]{4,}\b/gi, '<id>'],
];

/** Quoted text: "…", '…' and `…`, with backslash escapes. */
const QUOTED = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\\n]|\\.)*`/g;

/** A number on its own: not part of a word such as `utf8`, `sha256`, `v8` or `h1`. */
const NUMBER = /(?<![A-Za-z0-9_.<])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?(?![A-Za-z0-9_>])/gi;

function replaceVolatile(line: string): string {
  let result = line;
  for (const [pattern, placeholder] of VOLATILE_PATTERNS) {
    result = result.replace(pattern, placeholder);
  }
  return result;
}

/**
 * Normalises an error message for a fingerprint: removes ANSI sequences and
 * the call log, replaces volatile values with placeholders, collapses white
 * space and drops blank lines. Lines that state an assertion's expected value
 * keep their quoted text and plain numbers (see EXPECTED_LINE).
 */
export function normaliseMessage(message: string): string {
  let text = stripAnsi(message).replace(/\r\n?/g, '\n');

  const logStart = LOG_SECTION_START.exec(text);
  if (logStart !== null) text = text.slice(0, logStart.index);

  const lines: string[] = [];
  for (const rawLine of text.split('\n')) {
    const isExpected = EXPECTED_LINE.test(rawLine);
    let line = replaceVolatile(rawLine);
    if (!isExpected) {
      // The quote character is the printer's choice, not the data's, so every kind becomes "<str>".
      line = line.replace(QUOTED, '"<str>"');
      line = line.replace(NUMBER, '<n>');
    }
    line = line.replace(/\s+/g, ' ').trim();
    if (line !== '') lines.push(line);
  }
  return lines.join('\n');
}
