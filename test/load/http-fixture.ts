/**
 * A small node:http server for the load tests, on a free port of 127.0.0.1:
 * `/fast` responds at once, `/fail` with 500, `/json` with a JSON body, and
 * `/slow` after 30 ms. It counts the requests of each path.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestServer {
  baseURL: string;
  counts: Map<string, number>;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const counts = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    counts.set(path, (counts.get(path) ?? 0) + 1);
    request.resume();
    request.on('end', () => {
      switch (path) {
        case '/fast':
          response.end('ok');
          return;
        case '/fail':
          response.statusCode = 500;
          response.end('failed on purpose');
          return;
        case '/json':
          response.setHeader('content-type', 'application/json');
          response.setHeader('x-served-by', 'fixture');
          response.end(JSON.stringify({ species: 'setosa' }));
          return;
        case '/slow':
          setTimeout(() => response.end('slow'), 30);
          return;
        default:
          response.statusCode = 404;
          response.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
