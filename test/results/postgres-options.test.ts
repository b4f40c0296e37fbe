import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ConfigError } from '../../framework/config/index.ts';
import { openPostgresDatabase } from '../../framework/results/postgres-database.ts';
import {
  maskDatabaseUrl,
  resolvePostgresOptions,
} from '../../framework/results/postgres-options.ts';

const URL_WITH_PASSWORD = 'postgres://nova:s3cret@127.0.0.1:5432/results';

describe('maskDatabaseUrl', () => {
  it('masks the user password', () => {
    expect(maskDatabaseUrl(URL_WITH_PASSWORD)).toBe('postgres://nova:***@127.0.0.1:5432/results');
  });

  it('masks a password parameter', () => {
    expect(maskDatabaseUrl('postgresql://127.0.0.1/db?user=a&password=s3cret&x=1')).toBe(
      'postgresql://127.0.0.1/db?user=a&password=***&x=1',
    );
  });

  it.each([
    ['postgres://postgres:Se/cretB@127.0.0.1:1/x', 'postgres://postgres:***@127.0.0.1:1/x'],
    ['postgres://postgres:p@ssWordL@127.0.0.1:1/x', 'postgres://postgres:***@127.0.0.1:1/x'],
    ['postgres://u:a#b?c@h:5432/db?sslmode=require', 'postgres://u:***@h:5432/db?sslmode=require'],
    ['user:pw@host/db', 'user:***@host/db'],
  ])('masks unencoded characters in %s', (url, masked) => {
    expect(maskDatabaseUrl(url)).toBe(masked);
  });

  it('keeps a URL without password', () => {
    expect(maskDatabaseUrl('postgres://postgres@127.0.0.1:5432/db')).toBe(
      'postgres://postgres@127.0.0.1:5432/db',
    );
  });
});

describe('resolvePostgresOptions', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'nova-pg-options-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('uses the defaults', () => {
    const options = resolvePostgresOptions(URL_WITH_PASSWORD, {});

    expect(options.poolSize).toBe(5);
    expect(options.statementTimeoutMs).toBe(30_000);
    expect(options.sslMode).toBe('disable');
    expect(options.poolConfig.max).toBe(5);
    expect(options.poolConfig.statement_timeout).toBe(30_000);
    expect(options.poolConfig.ssl).toBe(false);
    expect(options.maskedUrl).not.toContain('s3cret');
  });

  it('reads pool size and timeout', () => {
    const options = resolvePostgresOptions(URL_WITH_PASSWORD, {
      NOVA_DB_POOL_SIZE: '12',
      NOVA_DB_STATEMENT_TIMEOUT_MS: '5000',
    });

    expect(options.poolConfig.max).toBe(12);
    expect(options.poolConfig.statement_timeout).toBe(5000);
  });

  it.each([
    ['NOVA_DB_POOL_SIZE', '0'],
    ['NOVA_DB_POOL_SIZE', 'five'],
    ['NOVA_DB_POOL_SIZE', '101'],
    ['NOVA_DB_STATEMENT_TIMEOUT_MS', '-1'],
    ['NOVA_DB_STATEMENT_TIMEOUT_MS', '2.5'],
  ])('rejects %s=%s', (variable, value) => {
    const resolve = () => resolvePostgresOptions(URL_WITH_PASSWORD, { [variable]: value });

    expect(resolve).toThrow(ConfigError);
    expect(resolve).toThrow(`${variable} must be an integer`);
    expect(resolve).toThrow(`received "${value}"`);
  });

  it('maps require to TLS without checks', () => {
    const options = resolvePostgresOptions(URL_WITH_PASSWORD, { PGSSLMODE: 'require' });

    expect(options.sslMode).toBe('require');
    expect(options.poolConfig.ssl).toEqual({ rejectUnauthorized: false });
  });

  it('prefers sslmode in the URL', () => {
    const options = resolvePostgresOptions(
      `${URL_WITH_PASSWORD}?sslmode=require&application_name=nova`,
      {
        PGSSLMODE: 'disable',
      },
    );

    expect(options.sslMode).toBe('require');
    // pg must not see sslmode, or it would replace the TLS settings chosen here.
    expect(options.poolConfig.connectionString).toBe(
      'postgres://nova:s3cret@127.0.0.1:5432/results?application_name=nova',
    );
  });

  it('reads the CA file for verify-full', async () => {
    const caFile = path.join(folder, 'ca.pem');
    await writeFile(caFile, '-----BEGIN CERTIFICATE-----\nfake\n-----END CERTIFICATE-----\n');

    const options = resolvePostgresOptions(`${URL_WITH_PASSWORD}?sslmode=verify-full`, {
      NOVA_DB_CA_FILE: caFile,
    });

    expect(options.poolConfig.ssl).toEqual({
      rejectUnauthorized: true,
      ca: '-----BEGIN CERTIFICATE-----\nfake\n-----END CERTIFICATE-----\n',
    });
  });

  it('rejects a missing CA file', () => {
    const missing = path.join(folder, 'missing.pem');
    const resolve = () =>
      resolvePostgresOptions(URL_WITH_PASSWORD, {
        PGSSLMODE: 'verify-full',
        NOVA_DB_CA_FILE: missing,
      });

    expect(resolve).toThrow(ConfigError);
    expect(resolve).toThrow(`NOVA_DB_CA_FILE must be a readable PEM file`);
    expect(resolve).toThrow(missing);
  });

  it('rejects an unsupported sslmode', () => {
    const resolve = () => resolvePostgresOptions(URL_WITH_PASSWORD, { PGSSLMODE: 'prefer' });

    expect(resolve).toThrow(
      'PGSSLMODE must be one of disable, require, verify-full, received "prefer"',
    );
  });

  it('rejects sslrootcert in the URL', () => {
    const resolve = () => resolvePostgresOptions(`${URL_WITH_PASSWORD}?sslrootcert=/ca.pem`, {});

    expect(resolve).toThrow('DATABASE_URL contains the parameter "sslrootcert"');
    expect(resolve).not.toThrow('s3cret');
  });

  it('rejects a non-PostgreSQL URL without leaking it', () => {
    const resolve = () => resolvePostgresOptions('mysql://nova:s3cret@127.0.0.1/db', {});

    expect(resolve).toThrow('DATABASE_URL must start with postgres:// or postgresql://');
    expect(resolve).toThrow('mysql://nova:***@127.0.0.1/db');
    expect(resolve).not.toThrow('s3cret');
  });

  it('rejects text that is no URL', () => {
    expect(() => resolvePostgresOptions('not a url', {})).toThrow(
      'DATABASE_URL must be a URL such as postgres://user:password@host:5432/database, received "not a url"',
    );
  });

  it('masks a password without scheme', () => {
    const resolve = () => resolvePostgresOptions('nova:s3cret@localhost', {});

    expect(resolve).toThrow('received "nova:***@localhost"');
    expect(resolve).not.toThrow('s3cret');
  });
});

describe('openPostgresDatabase', () => {
  it('names the masked URL on failure', async () => {
    // Port 1 on the loopback address: nothing listens there, so the connection is refused.
    const opening = openPostgresDatabase('postgres://nova:s3cret@127.0.0.1:1/results', {});

    await expect(opening).rejects.toThrow(
      'Failed to connect to PostgreSQL at postgres://nova:***@127.0.0.1:1/results',
    );
    await expect(opening).rejects.not.toThrow('s3cret');
  });
});
