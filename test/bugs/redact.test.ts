/**
 * Secret redaction: a table of texts and what must be left of them, and a
 * canary secret carried by an error message, a header and an attachment
 * through the bug step and the filer, which must reach no issue, comment,
 * draft or database row.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  BugFiler,
  REDACTED,
  Redactor,
  runBugStep,
  secretValuesOf,
  type FailureReport,
} from '../../framework/bugs/index.ts';
import { openResultsDatabase, type Database } from '../../framework/results/index.ts';
import { clientFor, createBugsDatabase, failureOf, startStandIn } from '../support/bug-fixtures.ts';
import type { GitHubStandIn } from '../support/github-server.ts';

describe('Redactor', () => {
  const redactor = Redactor.fromEnv({
    SHOP_API_TOKEN: 'tok-1234567890',
    DB_PASSWORD: 'hunter2hunter2',
    HOME: '/root',
  });

  it.each([
    ['Authorization: Bearer abc.def.ghi', `Authorization: ${REDACTED}`],
    ['proxy-authorization: Basic dXNlcjpwYXNz', `proxy-authorization: ${REDACTED}`],
    ['Cookie: sid=abcdef; theme=dark\nnext', `Cookie: ${REDACTED}\nnext`],
    ['{"authorization":"Bearer x1y2z3w4v5"}', `{"authorization":"${REDACTED}"}`],
    ["headers: { cookie: 'a=b; c=d' }", `headers: { cookie: '${REDACTED}' }`],
    ['postgres://nova:s3cret@127.0.0.1/db', `postgres://nova:${REDACTED}@127.0.0.1/db`],
    ['GET /orders?access_token=abc123&page=2', `GET /orders?access_token=${REDACTED}&page=2`],
    ['password=hunter22 and more', `password=${REDACTED}`],
    ['the value tok-1234567890 leaked', `the value ${REDACTED} leaked`],
    ['encoded tok-1234567890 in a URL', `encoded ${REDACTED} in a URL`],
    ['base64 ' + Buffer.from('hunter2hunter2').toString('base64'), `base64 ${REDACTED}`],
    ['ghp_' + 'a1'.repeat(18), REDACTED],
    ['github_pat_' + 'A'.repeat(30), REDACTED],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-nature', `jwt ${REDACTED}`],
    ['key AKIAABCDEFGHIJKLMNOP used', `key ${REDACTED} used`],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----', REDACTED],
  ])('redacts %j', (text, expected) => {
    expect(redactor.redact(text)).toBe(expected);
  });

  it.each([
    'expect(received).toBe(expected)\n\nExpected: 200\nReceived: 500',
    'Token expired at noon',
    'Timeout 5000ms exceeded waiting for the password field',
    'HOME is /root',
  ])('keeps %j', (text) => {
    expect(redactor.redact(text)).toBe(text);
  });

  it('redacts keys and values of objects', () => {
    const value = {
      headers: { Authorization: 'token abc', 'x-trace': 'tok-1234567890' },
      list: ['hunter2hunter2'],
    };

    expect(redactor.redactValue(value)).toEqual({
      headers: { Authorization: REDACTED, 'x-trace': REDACTED },
      list: [REDACTED],
    });
  });

  it('takes only variables named like secrets', () => {
    const values = secretValuesOf({
      GITHUB_TOKEN: 'ghs_value123',
      PWD: '/home/me',
      NOVA_AUTH_ENABLED: 'true',
      PATH: '/usr/bin',
    });

    expect(values).toContain('ghs_value123');
    expect(values).not.toContain('/home/me');
    expect(values).not.toContain('true');
    expect(values).not.toContain('/usr/bin');
  });
});

describe('canary secret', () => {
  const canary = 'canary-7f3e9a1c5b2d4e6f';
  const redactor = Redactor.fromEnv({ SHOP_SESSION_SECRET: canary });
  let database: { url: string; drop: () => Promise<void> };
  let db: Database;
  let server: GitHubStandIn;
  let folder: string;

  beforeAll(async () => {
    database = await createBugsDatabase();
    db = await openResultsDatabase({ env: {}, databaseUrl: database.url });
    server = await startStandIn();
    folder = await mkdtemp(join(tmpdir(), 'nova-bugs-canary-'));
  });
  afterAll(async () => {
    await server.stop();
    await db.close();
    await database.drop();
    await rm(folder, { recursive: true, force: true });
  });

  it('reaches no issue, comment, draft or row', async () => {
    const failure: FailureReport = failureOf({
      title: 'pays',
      message: `Error: payment refused for session ${canary}`,
      attemptId: 'c1',
    });
    failure.error.stack = `Error: request failed\nAuthorization: Bearer ${canary}\n    at ${process.cwd()}/specs/api/shop/orders.spec.ts:3:4`;
    failure.attachments = [
      {
        name: 'nova-visual',
        contentType: 'application/vnd.nova.visual+json',
        body: JSON.stringify({
          baseline: 'checkout',
          project: 'visual',
          status: 'mismatch',
          width: 100,
          height: 100,
          regions: [
            {
              index: 0,
              kind: 'text',
              x: 1,
              y: 1,
              width: 5,
              height: 5,
              element: { selector: '#session', text: canary },
            },
          ],
        }),
      },
    ];
    const second = { ...failure, attemptId: 'c2' };

    await runBugStep({
      failures: [failure],
      run: { id: 'run-1', environment: { cookie: canary } },
      redactor,
      db,
      draftsDir: folder,
    });
    await new BugFiler({
      db,
      github: clientFor(server, redactor),
      redactor,
      createRetryBaseMs: 5,
    }).sync();
    await runBugStep({
      failures: [second],
      run: { id: 'run-2', environment: {} },
      redactor,
      db,
      draftsDir: folder,
    });
    await new BugFiler({
      db,
      github: clientFor(server, redactor),
      redactor,
      createRetryBaseMs: 5,
    }).sync();

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const rows = await Promise.all(
      ['bugs', 'bug_occurrences', 'bug_runs', 'runs'].map(async (table) =>
        JSON.stringify((await client.query(`SELECT * FROM ${table}`)).rows),
      ),
    );
    await client.end();
    const drafts = await Promise.all(
      (await readdir(folder)).map((file) => readFile(join(folder, file), 'utf8')),
    );
    const everything = [
      ...server.receivedBodies,
      ...server.comments.map((comment) => comment.body),
      ...drafts,
      ...rows,
    ].join('\n');

    expect(server.issues).toHaveLength(1);
    expect(server.comments).toHaveLength(1);
    expect(drafts).toHaveLength(1);
    expect(server.issues[0]!.body).toContain(`Authorization: ${REDACTED}`);
    expect(server.issues[0]!.body).toContain(`| cookie | ${REDACTED} |`);
    expect(everything).not.toContain(canary);
  });
});
