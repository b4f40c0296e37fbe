// A minimal system under test for the `nova load` CLI tests: started by nova
// from a temporary nova.config.ts, with `--port N`.
import { createServer } from 'node:http';

const index = process.argv.indexOf('--port');
const port = Number(process.argv[index + 1]);

const server = createServer((request, response) => {
  request.resume();
  response.end(request.url === '/health' ? '{"status":"ok"}' : 'ok');
});
server.listen(port, '127.0.0.1');

process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
