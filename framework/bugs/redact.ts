/**
 * Removes secrets from text before it leaves the run: issue bodies, comments,
 * drafts, stored messages and logs. Three kinds of secret are found:
 *
 * - the values of environment variables whose names look like secrets
 *   (`GITHUB_TOKEN`, `DB_PASSWORD`, `STRIPE_API_KEY`, ...), wherever they occur;
 * - the values of `Authorization`, `Proxy-Authorization`, `Cookie`,
 *   `Set-Cookie` and API-key headers, and of password, token and secret
 *   fields, in header lines, JSON, query strings and printed objects;
 * - tokens with a known shape (GitHub, JWT, AWS access key ids, Slack,
 *   private key blocks) and the password in `scheme://user:password@host`.
 */

/** Replacement text of every redacted value. */
export const REDACTED = '[REDACTED]';

/**
 * Names of variables whose values are secrets: any name that contains one of
 * these words, such as `GITHUB_TOKEN`, `NPM_AUTH_TOKEN`, `DB_PASSWORD`, `SESSION_SECRET`.
 */
const SECRET_NAME =
  /TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH|COOKIE|SESSION|DATABASE_URL|_DSN$|^DSN$/i;

/**
 * Values too short or too common to redact everywhere: replacing every `true`
 * or `1` in a message would destroy it, and such values are no secret.
 */
const MIN_SECRET_VALUE_LENGTH = 6;
const HARMLESS_VALUES = new Set(['true', 'false', 'enabled', 'disabled', 'undefined', 'null']);

/** Header and field names whose values are secrets. */
const SECRET_FIELD =
  '(?:proxy-)?authorization|cookie|set-cookie|x-api-key|api[-_]?key|x-auth-token|auth[-_]?token|access[-_]?token|refresh[-_]?token|id[-_]?token|client[-_]?secret|secret|password|passwd|pwd|passphrase|token|private[-_]?key|session[-_]?id';

/** A key whose value is a secret, such as `authorization` in a headers object. */
const SECRET_FIELD_NAME = new RegExp(`^(?:${SECRET_FIELD})$`, 'i');

/** Shapes of tokens, each replaced as a whole. */
const TOKEN_SHAPES: readonly RegExp[] = [
  // GitHub personal, OAuth, user-to-server, server-to-server and refresh tokens, and fine-grained tokens.
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
  // JSON Web Tokens: three base64url parts, the first two starting with `{"` encoded.
  /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
  // AWS access key ids.
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  // Slack tokens.
  /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g,
  // PEM private keys, the whole block.
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  // Bearer credentials, and Basic credentials (base64, so with a digit, `+`, `/` or `=`), wherever they appear.
  /(?<=\bBearer\s+)[A-Za-z0-9._~+/=-]{8,}/g,
  /(?<=\bBasic\s+)(?=[A-Za-z0-9+/]*[0-9+/=])[A-Za-z0-9+/]{8,}={0,2}/g,
];

/** `scheme://user:password@host`: the password. */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:@/\s]*):[^@/\s]+@/gi;

/** `Authorization: Bearer x`, `cookie=a=b; c=d` and similar header or field lines up to the line end. */
const HEADER_LINE = new RegExp(
  `(^|[\\s{,;(])((?:${SECRET_FIELD}))(\\s*[:=]\\s*)(?!\\s*["'\`])([^\\n]+)`,
  'gim',
);

/** `"authorization": "x"`, `password: 'x'`, `token=\`x\``: the quoted value. */
const QUOTED_FIELD = new RegExp(
  `(["'\`]?(?:${SECRET_FIELD})["'\`]?\\s*[:=]\\s*)(["'\`])((?:(?!\\2)[^\\\\\\n]|\\\\.)*)\\2`,
  'gi',
);

/** `?token=x&` and `;password=x` in URLs and form bodies: the value. */
const QUERY_FIELD = new RegExp(`([?&;](?:${SECRET_FIELD})=)([^&#\\s"'<>]+)`, 'gi');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Returns the values of the variables in `env` whose names look like secrets, longest first. */
export function secretValuesOf(env: NodeJS.ProcessEnv): string[] {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !SECRET_NAME.test(name)) continue;
    const trimmed = value.trim();
    if (trimmed.length < MIN_SECRET_VALUE_LENGTH || HARMLESS_VALUES.has(trimmed.toLowerCase())) {
      continue;
    }
    values.add(trimmed);
    // The value may appear percent-encoded in a URL or base64-encoded in a Basic header.
    values.add(encodeURIComponent(trimmed));
    values.add(Buffer.from(trimmed).toString('base64'));
  }
  return [...values].sort((a, b) => b.length - a.length);
}

/** Redacts secrets from text; see the file comment for what counts as one. */
export class Redactor {
  readonly #valuePattern: RegExp | undefined;

  /**
   * @param secretValues exact values to redact wherever they occur, such as those of `secretValuesOf(process.env)`
   */
  constructor(secretValues: readonly string[] = []) {
    const usable = secretValues.filter((value) => value.length >= MIN_SECRET_VALUE_LENGTH);
    this.#valuePattern =
      usable.length > 0 ? new RegExp(usable.map(escapeRegExp).join('|'), 'g') : undefined;
  }

  /** Builds a redactor for the secret values of `env` (default `process.env`). */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): Redactor {
    return new Redactor(secretValuesOf(env));
  }

  /** Returns `text` with every secret replaced by `[REDACTED]`. */
  redact(text: string): string {
    let result = text;
    if (this.#valuePattern) result = result.replace(this.#valuePattern, REDACTED);
    for (const shape of TOKEN_SHAPES) result = result.replace(shape, REDACTED);
    result = result.replace(URL_PASSWORD, `$1:${REDACTED}@`);
    result = result.replace(
      QUOTED_FIELD,
      (_match, prefix: string, quote: string) => `${prefix}${quote}${REDACTED}${quote}`,
    );
    result = result.replace(QUERY_FIELD, `$1${REDACTED}`);
    result = result.replace(
      HEADER_LINE,
      (match, lead: string, name: string, separator: string, value: string) =>
        value.trim() === REDACTED ? match : `${lead}${name}${separator}${REDACTED}`,
    );
    return result;
  }

  /** Returns a copy of a JSON-like value with every string in it, keys included, redacted. */
  redactValue<T>(value: T): T {
    return this.#walk(value) as T;
  }

  #walk(value: unknown): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (Array.isArray(value)) return value.map((item) => this.#walk(item));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [
          this.redact(key),
          SECRET_FIELD_NAME.test(key) && typeof item === 'string' ? REDACTED : this.#walk(item),
        ]),
      );
    }
    return value;
  }
}
