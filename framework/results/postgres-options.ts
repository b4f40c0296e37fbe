import { readFileSync } from 'node:fs';

import type { PoolConfig } from 'pg';

import { ConfigError } from '../config/index.ts';

/** TLS modes the store accepts, with libpq's meaning. */
export type SslMode = 'disable' | 'require' | 'verify-full';

const SSL_MODES: readonly SslMode[] = ['disable', 'require', 'verify-full'];

export const DEFAULT_POOL_SIZE = 5;
export const MAX_POOL_SIZE = 100;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

/** Time allowed to open one connection, so that an unreachable server fails fast. */
const CONNECTION_TIMEOUT_MS = 10_000;

/**
 * TLS settings that `pg` would read from the URL on its own. The store sets
 * TLS itself from `sslmode`, so any other of these would silently fight it.
 */
const UNSUPPORTED_URL_PARAMETERS = ['ssl', 'sslcert', 'sslkey', 'sslrootcert', 'sslnegotiation'];

/** Validated settings of the PostgreSQL backend. */
export interface PostgresOptions {
  /** Pool settings for `pg.Pool`; contains the password, so never log it. */
  poolConfig: PoolConfig;
  /** The URL with its password replaced by `***`, safe to log. */
  maskedUrl: string;
  poolSize: number;
  statementTimeoutMs: number;
  sslMode: SslMode;
}

/**
 * Masks the password in a connection URL, both in `user:password@` and in a
 * `password=` query parameter. Works on text that is not a valid URL too,
 * such as `user:password@host` without a scheme,
 * because error messages about an invalid URL must not leak it either.
 */
export function maskDatabaseUrl(url: string): string {
  // The password runs to the LAST "@" before the host, because an unencoded
  // password may itself contain "@", "/", "#" or "?".
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url);
  const userInfo = withScheme
    ? /^([a-z][a-z0-9+.-]*:\/\/[^:@/?#]*):.*@(?=[^@]*$)/i
    : /^([^:@/?#]*):.*@(?=[^@]*$)/;
  return url.replace(userInfo, '$1:***@').replace(/([?&]password=)[^&#]*/i, '$1***');
}

function parseInteger(
  value: string,
  variable: string,
  minimum: number,
  maximum: number,
  example: string,
): number {
  const parsed = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || parsed < minimum || parsed > maximum) {
    throw new ConfigError(
      `${variable} must be an integer from ${minimum} to ${maximum}, received "${value}". ` +
        `Set it, for example ${variable}=${example}, or unset it to use the default.`,
    );
  }
  return parsed;
}

function parseUrl(databaseUrl: string): URL {
  const masked = maskDatabaseUrl(databaseUrl);
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new ConfigError(
      `DATABASE_URL must be a URL such as postgres://user:password@host:5432/database, received "${masked}". ` +
        'Fix the URL, or unset DATABASE_URL to use the embedded PGlite database.',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(
      `DATABASE_URL must start with postgres:// or postgresql://, received "${masked}". ` +
        'Fix the URL, or unset DATABASE_URL to use the embedded PGlite database.',
    );
  }
  return url;
}

function parseSslMode(url: URL, env: NodeJS.ProcessEnv): SslMode {
  // As in libpq, the URL's sslmode wins over the PGSSLMODE environment variable.
  const fromUrl = url.searchParams.get('sslmode');
  const source = fromUrl !== null ? 'sslmode in DATABASE_URL' : 'PGSSLMODE';
  const value = fromUrl ?? env.PGSSLMODE ?? 'disable';
  if (!SSL_MODES.includes(value as SslMode)) {
    throw new ConfigError(
      `${source} must be one of ${SSL_MODES.join(', ')}, received "${value}". ` +
        'Use disable for a server without TLS, require for TLS without certificate checks, ' +
        'or verify-full to check the certificate and host name (with NOVA_DB_CA_FILE for a private CA).',
    );
  }
  return value as SslMode;
}

function tlsSettings(sslMode: SslMode, env: NodeJS.ProcessEnv): PoolConfig['ssl'] {
  if (sslMode === 'disable') return false;
  if (sslMode === 'require') return { rejectUnauthorized: false };

  const caFile = env.NOVA_DB_CA_FILE;
  if (caFile === undefined || caFile === '') {
    // Node.js checks the certificate against its bundled public CAs.
    return { rejectUnauthorized: true };
  }
  try {
    return { rejectUnauthorized: true, ca: readFileSync(caFile, 'utf8') };
  } catch (error) {
    throw new ConfigError(
      `NOVA_DB_CA_FILE must be a readable PEM file with the CA certificate of the PostgreSQL server, ` +
        `received "${caFile}" (${(error as Error).message}). Fix the path, or unset it to use the public CAs bundled with Node.js.`,
      { cause: error },
    );
  }
}

/**
 * Validates `databaseUrl` and the `NOVA_DB_*` and `PGSSLMODE` variables.
 * Throws a `ConfigError` that names the variable, the value and the fix.
 */
export function resolvePostgresOptions(
  databaseUrl: string,
  env: NodeJS.ProcessEnv = process.env,
): PostgresOptions {
  const url = parseUrl(databaseUrl);
  const maskedUrl = maskDatabaseUrl(databaseUrl);

  for (const name of UNSUPPORTED_URL_PARAMETERS) {
    if (url.searchParams.has(name)) {
      throw new ConfigError(
        `DATABASE_URL contains the parameter "${name}", which the results store does not support: "${maskedUrl}". ` +
          'Remove it; set TLS with sslmode (disable, require or verify-full) and a private CA with NOVA_DB_CA_FILE.',
      );
    }
  }

  const poolSize =
    env.NOVA_DB_POOL_SIZE === undefined || env.NOVA_DB_POOL_SIZE === ''
      ? DEFAULT_POOL_SIZE
      : parseInteger(env.NOVA_DB_POOL_SIZE, 'NOVA_DB_POOL_SIZE', 1, MAX_POOL_SIZE, '10');
  const statementTimeoutMs =
    env.NOVA_DB_STATEMENT_TIMEOUT_MS === undefined || env.NOVA_DB_STATEMENT_TIMEOUT_MS === ''
      ? DEFAULT_STATEMENT_TIMEOUT_MS
      : parseInteger(
          env.NOVA_DB_STATEMENT_TIMEOUT_MS,
          'NOVA_DB_STATEMENT_TIMEOUT_MS',
          1,
          86_400_000,
          '60000',
        );
  const sslMode = parseSslMode(url, env);
  const ssl = tlsSettings(sslMode, env);

  // pg would parse sslmode from the URL itself and override `ssl`, so it is removed here.
  url.searchParams.delete('sslmode');

  return {
    poolConfig: {
      connectionString: url.toString(),
      max: poolSize,
      statement_timeout: statementTimeoutMs,
      connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
      ssl,
    },
    maskedUrl,
    poolSize,
    statementTimeoutMs,
    sslMode,
  };
}
