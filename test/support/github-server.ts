/**
 * A local stand-in for the GitHub REST API, for tests only: the issue,
 * comment, label and search endpoints that the bug filer uses, with GitHub's
 * response shapes (checked against GitHub's OpenAPI description by the
 * tests), token authentication, the 65,536-character body limit and
 * injectable faults: secondary rate limits, 429s, 500s and reset connections.
 * It listens on 127.0.0.1 on a free port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FaultKind =
  'secondary-rate-limit' | 'too-many-requests' | 'server-error' | 'reset' | 'reset-after-write';

export interface Fault {
  kind: FaultKind;
  /** Requests it applies to, such as `POST /repos/{owner}/{repo}/issues`; every request when unset. */
  route?: string;
  /** How many matching requests fail (default 1). */
  times?: number;
  /** Seconds in the `retry-after` header of rate limits (default 1). */
  retryAfter?: number;
}

/** One answered request, for assertions and for validation against the OpenAPI description. */
export interface ExchangeRecord {
  method: string;
  route: string;
  path: string;
  status: number;
  body: unknown;
  fault?: FaultKind;
}

interface StoredIssue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: string | null;
  labels: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  comments: number;
}

interface StoredComment {
  id: number;
  issueNumber: number;
  body: string;
  createdAt: string;
  updatedAt: string;
}

/** GitHub's limit on issue and comment bodies. */
const MAX_BODY = 65_536;

const ROUTES: [string, string, RegExp][] = [
  ['GET', '/repos/{owner}/{repo}/issues', /^\/repos\/([^/]+)\/([^/]+)\/issues$/],
  ['POST', '/repos/{owner}/{repo}/issues', /^\/repos\/([^/]+)\/([^/]+)\/issues$/],
  [
    'PATCH',
    '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/,
  ],
  [
    'GET',
    '/repos/{owner}/{repo}/issues/{issue_number}',
    /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/,
  ],
  [
    'PATCH',
    '/repos/{owner}/{repo}/issues/{issue_number}',
    /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/,
  ],
  [
    'POST',
    '/repos/{owner}/{repo}/issues/{issue_number}/labels',
    /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/labels$/,
  ],
  [
    'DELETE',
    '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
    /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/labels\/([^/]+)$/,
  ],
  [
    'GET',
    '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/,
  ],
  [
    'POST',
    '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/,
  ],
  ['GET', '/search/issues', /^\/search\/issues$/],
];

export class GitHubStandIn {
  readonly token: string;
  readonly owner: string;
  readonly repo: string;
  readonly issues: StoredIssue[] = [];
  readonly comments: StoredComment[] = [];
  readonly exchanges: ExchangeRecord[] = [];
  /** Every request body received, raw, to check that no secret was sent. */
  readonly receivedBodies: string[] = [];
  #faults: (Fault & { left: number })[] = [];
  #nextId = 1_000;
  #server: Server | undefined;
  #url = '';
  #clock = Date.UTC(2026, 11, 4, 22, 0, 0);

  /** Milliseconds every write waits before it is applied, to widen the window of races between filers. */
  writeDelayMs = 0;

  constructor(options: { token: string; owner?: string; repo?: string }) {
    this.token = options.token;
    this.owner = options.owner ?? 'octo-org';
    this.repo = options.repo ?? 'shop';
  }

  get url(): string {
    return this.#url;
  }

  async start(): Promise<string> {
    this.#server = createServer((request, response) => {
      void this.#handle(request, response);
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.#url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.#url;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.#server ? this.#server.close(() => resolve()) : resolve(),
    );
  }

  /** Makes the next matching requests fail. */
  inject(fault: Fault): void {
    this.#faults.push({ ...fault, left: fault.times ?? 1 });
  }

  /** Drops the faults still waiting: the service has recovered. */
  clearFaults(): void {
    this.#faults = [];
  }

  commentsOf(issueNumber: number): StoredComment[] {
    return this.comments.filter((comment) => comment.issueNumber === issueNumber);
  }

  #now(): string {
    // A clock of its own that moves one second per change, so that timestamps are valid and ordered.
    this.#clock += 1_000;
    return new Date(this.#clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  #user() {
    const base = 'http://127.0.0.1/users/nova-bot';
    return {
      login: 'nova-bot',
      id: 1,
      node_id: 'MDQ6VXNlcjE=',
      avatar_url: 'http://127.0.0.1/avatars/nova-bot',
      gravatar_id: '',
      url: base,
      html_url: 'http://127.0.0.1/nova-bot',
      followers_url: `${base}/followers`,
      following_url: `${base}/following{/other_user}`,
      gists_url: `${base}/gists{/gist_id}`,
      starred_url: `${base}/starred{/owner}{/repo}`,
      subscriptions_url: `${base}/subscriptions`,
      organizations_url: `${base}/orgs`,
      repos_url: `${base}/repos`,
      events_url: `${base}/events{/privacy}`,
      received_events_url: `${base}/received_events`,
      type: 'Bot',
      site_admin: false,
    };
  }

  #label(name: string, index: number) {
    return {
      id: 5_000 + index,
      node_id: `LA_${index}`,
      url: `${this.#apiRepo()}/labels/${encodeURIComponent(name)}`,
      name,
      description: null,
      color: 'ededed',
      default: name === 'bug',
    };
  }

  #apiRepo(): string {
    return `${this.#url}/repos/${this.owner}/${this.repo}`;
  }

  #issueJson(issue: StoredIssue) {
    const api = `${this.#apiRepo()}/issues/${issue.number}`;
    return {
      id: issue.id,
      node_id: `I_${issue.id}`,
      url: api,
      repository_url: this.#apiRepo(),
      labels_url: `${api}/labels{/name}`,
      comments_url: `${api}/comments`,
      events_url: `${api}/events`,
      html_url: `http://127.0.0.1/${this.owner}/${this.repo}/issues/${issue.number}`,
      number: issue.number,
      state: issue.state,
      state_reason: issue.stateReason,
      title: issue.title,
      body: issue.body,
      user: this.#user(),
      labels: issue.labels.map((name, index) => this.#label(name, index)),
      assignee: null,
      assignees: [],
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: issue.comments,
      closed_at: issue.closedAt,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      closed_by: issue.state === 'closed' ? this.#user() : null,
      author_association: 'NONE',
    };
  }

  #commentJson(comment: StoredComment) {
    return {
      id: comment.id,
      node_id: `IC_${comment.id}`,
      url: `${this.#apiRepo()}/issues/comments/${comment.id}`,
      html_url: `http://127.0.0.1/${this.owner}/${this.repo}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
      body: comment.body,
      user: this.#user(),
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      issue_url: `${this.#apiRepo()}/issues/${comment.issueNumber}`,
      author_association: 'NONE',
    };
  }

  #takeFault(method: string, route: string): Fault | undefined {
    const index = this.#faults.findIndex(
      (fault) =>
        fault.left > 0 && (fault.route === undefined || fault.route === `${method} ${route}`),
    );
    if (index < 0) return undefined;
    const fault = this.#faults[index]!;
    fault.left -= 1;
    if (fault.left === 0) this.#faults.splice(index, 1);
    return fault;
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    this.receivedBodies.push(`${method} ${url.pathname}${url.search}\n${raw}`);

    const matched = ROUTES.map(([routeMethod, template, pattern]) => ({
      routeMethod,
      template,
      match: pattern.exec(url.pathname),
    })).find((route) => route.routeMethod === method && route.match !== null);
    const route = matched?.template ?? url.pathname;

    const send = (
      status: number,
      body: unknown,
      headers: Record<string, string> = {},
      fault?: FaultKind,
    ) => {
      this.exchanges.push({
        method,
        route,
        path: url.pathname,
        status,
        body,
        ...(fault ? { fault } : {}),
      });
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      response.end(body === undefined ? '' : JSON.stringify(body));
    };

    const auth = request.headers.authorization ?? '';
    if (auth !== `token ${this.token}` && auth !== `Bearer ${this.token}`) {
      send(401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
      return;
    }
    if (!matched?.match) {
      send(404, {
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest',
        status: '404',
      });
      return;
    }

    const fault = this.#takeFault(method, route);
    if (fault?.kind === 'reset') {
      this.exchanges.push({
        method,
        route,
        path: url.pathname,
        status: 0,
        body: undefined,
        fault: 'reset',
      });
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'secondary-rate-limit') {
      send(
        403,
        {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url:
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          status: '403',
        },
        { 'retry-after': String(fault.retryAfter ?? 1) },
        fault.kind,
      );
      return;
    }
    if (fault?.kind === 'too-many-requests') {
      send(
        429,
        {
          message: 'API rate limit exceeded',
          documentation_url: 'https://docs.github.com/rest',
          status: '429',
        },
        {
          'retry-after': String(fault.retryAfter ?? 1),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)),
        },
        fault.kind,
      );
      return;
    }
    if (fault?.kind === 'server-error') {
      send(500, { message: 'Server Error' }, {}, fault.kind);
      return;
    }

    let input: Record<string, unknown> = {};
    if (raw !== '') {
      try {
        input = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        send(400, {
          message: 'Problems parsing JSON',
          documentation_url: 'https://docs.github.com/rest',
          status: '400',
        });
        return;
      }
    }

    if (this.writeDelayMs > 0 && method !== 'GET') {
      await new Promise((resolve) => setTimeout(resolve, this.writeDelayMs));
    }
    const result = this.#route(method, route, matched.match, url, input);
    if (fault?.kind === 'reset-after-write') {
      // The change is made, but the answer is lost: the client cannot tell whether it happened.
      this.exchanges.push({
        method,
        route,
        path: url.pathname,
        status: 0,
        body: result.body,
        fault: 'reset-after-write',
      });
      request.socket.destroy();
      return;
    }
    send(result.status, result.body, result.headers ?? {});
  }

  #validationFailed(field: string, message: string) {
    return {
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [{ resource: 'Issue', code: 'custom', field, message }],
        documentation_url: 'https://docs.github.com/rest',
        status: '422',
      },
    };
  }

  #route(
    method: string,
    route: string,
    match: RegExpExecArray,
    url: URL,
    input: Record<string, unknown>,
  ): { status: number; body: unknown; headers?: Record<string, string> } {
    if (route.startsWith('/repos/') && (match[1] !== this.owner || match[2] !== this.repo)) {
      return {
        status: 404,
        body: {
          message: 'Not Found',
          documentation_url: 'https://docs.github.com/rest',
          status: '404',
        },
      };
    }
    const notFound = {
      status: 404,
      body: {
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest',
        status: '404',
      },
    };
    const issueOf = () => this.issues.find((issue) => issue.number === Number(match[3]));

    switch (`${method} ${route}`) {
      case 'POST /repos/{owner}/{repo}/issues': {
        const title = input.title;
        const body = typeof input.body === 'string' ? input.body : null;
        if (typeof title !== 'string' || title.trim() === '')
          return this.#validationFailed('title', 'title is missing');
        if (body !== null && body.length > MAX_BODY) {
          return this.#validationFailed(
            'body',
            `body is too long (maximum is ${MAX_BODY} characters)`,
          );
        }
        const now = this.#now();
        const issue: StoredIssue = {
          id: (this.#nextId += 1),
          number: this.issues.length + 1,
          title,
          body,
          state: 'open',
          stateReason: null,
          labels: [...new Set((input.labels as string[] | undefined) ?? [])],
          createdAt: now,
          updatedAt: now,
          closedAt: null,
          comments: 0,
        };
        this.issues.push(issue);
        return {
          status: 201,
          body: this.#issueJson(issue),
          headers: { location: `${this.#apiRepo()}/issues/${issue.number}` },
        };
      }
      case 'GET /repos/{owner}/{repo}/issues': {
        const state = url.searchParams.get('state') ?? 'open';
        const labels = (url.searchParams.get('labels') ?? '')
          .split(',')
          .filter((label) => label !== '');
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        const direction = url.searchParams.get('direction') ?? 'desc';
        const selected = this.issues
          .filter((issue) => state === 'all' || issue.state === state)
          .filter((issue) => labels.every((label) => issue.labels.includes(label)))
          .sort((a, b) => (direction === 'asc' ? a.number - b.number : b.number - a.number));
        return {
          status: 200,
          body: selected
            .slice((page - 1) * perPage, page * perPage)
            .map((issue) => this.#issueJson(issue)),
        };
      }
      case 'GET /repos/{owner}/{repo}/issues/{issue_number}': {
        const issue = issueOf();
        return issue ? { status: 200, body: this.#issueJson(issue) } : notFound;
      }
      case 'PATCH /repos/{owner}/{repo}/issues/{issue_number}': {
        const issue = issueOf();
        if (!issue) return notFound;
        if (input.state === 'open' || input.state === 'closed') {
          if (input.state === 'closed' && issue.state === 'open') {
            issue.closedAt = this.#now();
            issue.stateReason =
              typeof input.state_reason === 'string' ? input.state_reason : 'completed';
          }
          if (input.state === 'open' && issue.state === 'closed') {
            issue.closedAt = null;
            issue.stateReason = 'reopened';
          }
          issue.state = input.state;
        }
        if (typeof input.title === 'string') issue.title = input.title;
        if (typeof input.body === 'string') issue.body = input.body;
        issue.updatedAt = this.#now();
        return { status: 200, body: this.#issueJson(issue) };
      }
      case 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels': {
        const issue = issueOf();
        if (!issue) return notFound;
        for (const label of (input.labels as string[] | undefined) ?? []) {
          if (!issue.labels.includes(label)) issue.labels.push(label);
        }
        return { status: 200, body: issue.labels.map((name, index) => this.#label(name, index)) };
      }
      case 'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}': {
        const issue = issueOf();
        const name = decodeURIComponent(match[4] ?? '');
        if (!issue || !issue.labels.includes(name)) return notFound;
        issue.labels = issue.labels.filter((label) => label !== name);
        return { status: 200, body: issue.labels.map((label, index) => this.#label(label, index)) };
      }
      case 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': {
        const issue = issueOf();
        if (!issue) return notFound;
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        const all = this.commentsOf(issue.number);
        const headers: Record<string, string> = {};
        if (page * perPage < all.length) {
          const next = new URL(url.toString().replace('http://127.0.0.1', this.#url));
          next.searchParams.set('page', String(page + 1));
          headers.link = `<${next.toString()}>; rel="next"`;
        }
        return {
          status: 200,
          body: all
            .slice((page - 1) * perPage, page * perPage)
            .map((comment) => this.#commentJson(comment)),
          headers,
        };
      }
      case 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': {
        const issue = issueOf();
        if (!issue) return notFound;
        if (typeof input.body !== 'string' || input.body === '')
          return this.#validationFailed('body', 'body is missing');
        if (input.body.length > MAX_BODY) {
          return this.#validationFailed(
            'body',
            `body is too long (maximum is ${MAX_BODY} characters)`,
          );
        }
        const now = this.#now();
        const comment: StoredComment = {
          id: (this.#nextId += 1),
          issueNumber: issue.number,
          body: input.body,
          createdAt: now,
          updatedAt: now,
        };
        this.comments.push(comment);
        issue.comments += 1;
        return { status: 201, body: this.#commentJson(comment) };
      }
      case 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': {
        const comment = this.comments.find((item) => item.id === Number(match[3]));
        if (!comment) return notFound;
        if (typeof input.body !== 'string' || input.body.length > MAX_BODY)
          return this.#validationFailed('body', 'body is invalid');
        comment.body = input.body;
        comment.updatedAt = this.#now();
        return { status: 200, body: this.#commentJson(comment) };
      }
      case 'GET /search/issues': {
        const query = url.searchParams.get('q') ?? '';
        const phrases = [...query.matchAll(/"([^"]+)"/g)].map((phrase) => phrase[1] ?? '');
        const items = this.issues
          .filter((issue) => phrases.every((phrase) => (issue.body ?? '').includes(phrase)))
          .map((issue) => ({ ...this.#issueJson(issue), score: 1 }));
        return {
          status: 200,
          body: {
            total_count: items.length,
            incomplete_results: false,
            items,
            search_type: 'lexical',
          },
        };
      }
      default:
        return notFound;
    }
  }
}
