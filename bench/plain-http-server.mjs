// The plain node:http server that bench/load-generator.ts loads: one short
// response per request, keep-alive, and its port on stdout.
import { createServer } from 'node:http';

const server = createServer((request, response) => {
  request.resume();
  response.setHeader('content-type', 'text/plain');
  response.end('hello');
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
