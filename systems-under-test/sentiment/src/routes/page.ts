import { readFileSync } from 'node:fs';

import type { FastifyInstance } from 'fastify';

import type { Faults } from '../faults.ts';

const PUBLIC_DIR = new URL('../../public/', import.meta.url);

/**
 * Content-Security-Policy of the page: the browser blocks any script, style or request that
 * does not come from this origin.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Page faults, passed to the browser script in a meta tag because they act in the page. */
const PAGE_FAULTS = ['sentiment.page-label-hidden', 'sentiment.label-colours-swapped'];

function readPublicFile(name: string): string {
  return readFileSync(new URL(name, PUBLIC_DIR), 'utf8');
}

/** Registers GET / (the page), GET /app.js and GET /styles.css, read once at start. */
export function registerPageRoutes(app: FastifyInstance, faults: Faults): void {
  const activePageFaults = PAGE_FAULTS.filter((id) => faults.on(id));
  const faultsMeta =
    activePageFaults.length === 0
      ? ''
      : `<meta name="nova-faults" content="${activePageFaults.join(',')}" />\n    `;
  const page = readPublicFile('index.html').replace('<title>', `${faultsMeta}<title>`);

  const files = [
    { path: '/', body: page, type: 'text/html; charset=utf-8' },
    { path: '/app.js', body: readPublicFile('app.js'), type: 'text/javascript; charset=utf-8' },
    { path: '/styles.css', body: readPublicFile('styles.css'), type: 'text/css; charset=utf-8' },
  ];

  for (const file of files) {
    app.get(file.path, async (_request, reply) => {
      await reply
        .header('content-type', file.type)
        .header('content-security-policy', CONTENT_SECURITY_POLICY)
        .header('x-content-type-options', 'nosniff')
        .send(file.body);
    });
  }
}
