/**
 * The GitHub client against the local stand-in, with every response checked
 * against GitHub's OpenAPI description, so that the stand-in cannot drift
 * from the real API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  GitHubClient,
  Redactor,
  fingerprintMarker,
  runMarker,
} from '../../framework/bugs/index.ts';
import { clientFor, openApiProblems, startStandIn } from '../support/bug-fixtures.ts';
import { githubResponseValidator, toJsonSchema } from '../support/github-openapi.ts';
import type { GitHubStandIn } from '../support/github-server.ts';

describe('GitHub client on the stand-in', () => {
  let server: GitHubStandIn;

  beforeAll(async () => {
    server = await startStandIn();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('uses every endpoint with valid responses', async () => {
    const client = clientFor(server);
    const fingerprint = 'abc123abc123abc123abc123';

    const created = await client.createIssue({
      title: '[api] toBe failed',
      body: `${fingerprintMarker(fingerprint)}\nbody`,
      labels: ['nova', 'bug', 'layer:api'],
    });
    const found = await client.findIssueByMarker(fingerprint);
    const commentId = await client.createComment(
      created.number,
      `${runMarker(fingerprint, 'run-1')}\nseen`,
    );
    await client.updateComment(commentId, `${runMarker(fingerprint, 'run-1')}\nseen twice`);
    const commentFound = await client.findRunComment(created.number, fingerprint, 'run-1');
    await client.addLabels(created.number, ['flaky']);
    await client.removeLabel(created.number, 'bug');
    await client.removeLabel(created.number, 'bug');
    const closed = await client.setIssueState(created.number, 'closed');
    const fetched = await client.getIssue(created.number);

    expect(found?.number).toBe(created.number);
    expect(commentFound).toBe(commentId);
    expect(closed.state).toBe('closed');
    expect(fetched.labels).toEqual(['nova', 'layer:api', 'flaky']);
    expect(server.commentsOf(created.number).map((comment) => comment.body)).toEqual([
      `${runMarker(fingerprint, 'run-1')}\nseen twice`,
    ]);
    expect(
      new Set(server.exchanges.map((exchange) => `${exchange.method} ${exchange.route}`)).size,
    ).toBe(9);
    expect(openApiProblems(server)).toEqual([]);
  });

  it('searches through the search endpoint', async () => {
    const client = clientFor(server);
    // An issue without the `nova` label is missed by the listing and found by search.
    server.issues.push({
      id: 77,
      number: server.issues.length + 1,
      title: 'filed by hand',
      body: fingerprintMarker('fff000fff000fff000fff000'),
      state: 'closed',
      stateReason: 'completed',
      labels: [],
      createdAt: '2026-12-01T00:00:00Z',
      updatedAt: '2026-12-01T00:00:00Z',
      closedAt: '2026-12-01T00:00:00Z',
      comments: 0,
    });

    const found = await client.findIssueByMarker('fff000fff000fff000fff000');

    expect(found?.number).toBe(server.issues.length);
    expect(found?.state).toBe('closed');
    expect(server.exchanges.at(-1)?.route).toBe('/search/issues');
    expect(openApiProblems(server)).toEqual([]);
  });

  it('rejects a wrong token', async () => {
    const badClient = new GitHubClient(
      { token: 'ghp_wrong', owner: server.owner, repo: server.repo, apiUrl: server.url },
      new Redactor(),
      { retries: 0 },
    );

    await expect(badClient.getIssue(1)).rejects.toMatchObject({ status: 401 });
  });
});

describe('OpenAPI validation', () => {
  it('finds a missing required field', () => {
    const problems = githubResponseValidator().validate(
      'GET',
      '/repos/{owner}/{repo}/issues/{issue_number}',
      200,
      {
        id: 1,
        number: 1,
      },
    );

    expect(problems.join('\n')).toContain("must have required property 'node_id'");
  });

  it('turns nullable into null types', () => {
    expect(toJsonSchema({ type: 'string', nullable: true })).toEqual({ type: ['string', 'null'] });
    expect(toJsonSchema({ type: 'string', enum: ['a'], nullable: true })).toEqual({
      type: ['string', 'null'],
      enum: ['a', null],
    });
    expect(toJsonSchema({ allOf: [{ $ref: '#/components/schemas/x' }], nullable: true })).toEqual({
      anyOf: [
        { allOf: [{ $ref: 'https://api.github.com/openapi.json#/components/schemas/x' }] },
        { type: 'null' },
      ],
    });
  });

  it('rejects null where the description forbids it', () => {
    const problems = githubResponseValidator().validate(
      'GET',
      '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      200,
      [{ id: 1, node_id: null }],
    );

    expect(problems.join('\n')).toContain('/0/node_id must be string');
  });
});
