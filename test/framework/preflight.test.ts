import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';

import { checkSystems, probeHealth, resolveSystems } from '../../framework/config/index.ts';

const servers: Array<Server | TcpServer> = [];
const sockets: Socket[] = [];

afterEach(async () => {
  sockets.splice(0).forEach((socket) => socket.destroy());
  await Promise.all(
    servers
      .splice(0)
      .map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
});

/** Starts an HTTP server on 127.0.0.1 that responds to every request with `status`. */
async function httpServer(status: number): Promise<number> {
  const server = createServer((_, response) => response.writeHead(status).end('{}'));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Starts a TCP server that accepts connections and never responds. */
async function silentServer(): Promise<number> {
  const server = createTcpServer((socket) => sockets.push(socket));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Returns a port that was free a moment ago: listens on 0, reads the port, closes. */
async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const definition = (port: number) => ({
  iris: { command: 'start {port}', defaultPort: port, healthPath: '/health' },
});

describe('probeHealth', () => {
  it.each([
    [200, 'healthy'],
    [503, 'unhealthy'],
  ])('status %d is %s', async (status, state) => {
    const port = await httpServer(status);

    expect(await probeHealth(`http://127.0.0.1:${port}/health`)).toEqual({ state, status });
  });

  it('free port is refused', async () => {
    const port = await freePort();

    expect(await probeHealth(`http://127.0.0.1:${port}/health`)).toEqual({ state: 'refused' });
  });

  it('silent server times out', async () => {
    const port = await silentServer();

    expect(await probeHealth(`http://127.0.0.1:${port}/health`, 300)).toEqual({ state: 'timeout' });
  });
});

describe('checkSystems', () => {
  it('passes a free port', async () => {
    const systems = resolveSystems(definition(await freePort()), {});

    await expect(checkSystems(systems, { isCI: true })).resolves.toBeUndefined();
  });

  it('reuses a healthy server outside CI', async () => {
    const port = await httpServer(200);
    const notices: string[] = [];

    await checkSystems(resolveSystems(definition(port), {}), {
      isCI: false,
      notify: (message) => notices.push(message),
    });

    expect(notices).toEqual([
      `nova: reusing the iris server that already answers http://127.0.0.1:${port}/health; ` +
        'stop it or set NOVA_IRIS_PORT to test a fresh one.',
    ]);
  });

  it('rejects a busy port in CI', async () => {
    const port = await httpServer(200);

    await expect(
      checkSystems(resolveSystems(definition(port), {}), { isCI: true }),
    ).rejects.toThrow(
      `Port ${port} for iris is already in use, and in CI the framework starts its own server. ` +
        `Stop the process on port ${port}, or set NOVA_IRIS_PORT to a free port.`,
    );
  });

  it('rejects a port held by another service', async () => {
    const port = await httpServer(404);

    await expect(
      checkSystems(resolveSystems(definition(port), {}), { isCI: false }),
    ).rejects.toThrow(
      `GET http://127.0.0.1:${port}/health answered 404, not 2xx. Stop that process, or set NOVA_IRIS_PORT`,
    );
  });

  it('rejects a hung port within the timeout', async () => {
    const port = await silentServer();
    const started = Date.now();

    await expect(
      checkSystems(resolveSystems(definition(port), {}), { isCI: false, timeoutMs: 300 }),
    ).rejects.toThrow('did not answer within 0.3 s');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('rejects a dead NOVA_IRIS_URL', async () => {
    const port = await freePort();
    const systems = resolveSystems(definition(3101), { NOVA_IRIS_URL: `http://127.0.0.1:${port}` });

    await expect(checkSystems(systems, { isCI: false })).rejects.toThrow(
      `NOVA_IRIS_URL=http://127.0.0.1:${port}: GET http://127.0.0.1:${port}/health was refused ` +
        '(nothing listens there). Start iris there, or unset NOVA_IRIS_URL',
    );
  });

  it('accepts a live NOVA_IRIS_URL', async () => {
    const port = await httpServer(200);
    const systems = resolveSystems(definition(3101), { NOVA_IRIS_URL: `http://127.0.0.1:${port}` });

    await expect(checkSystems(systems, { isCI: true })).resolves.toBeUndefined();
  });
});
