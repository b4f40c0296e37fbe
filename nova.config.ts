/**
 * The systems under test that this project starts and tests. Each entry says
 * how to start the system and how to tell that it is ready; the framework
 * turns them into Playwright `webServer` entries and into the base URLs that
 * fixtures hand to specs. Override per run with `NOVA_<NAME>_URL` (test a
 * deployment that is already running) or `NOVA_<NAME>_PORT` (move the port).
 */
import type { SystemDefinition } from './framework/config/index.ts';

export const systems = {
  iris: {
    command: 'npm run --silent sut:iris -- --port {port}',
    defaultPort: 3101,
    healthPath: '/health',
  },
  vision: {
    command: 'npm run --silent sut:vision -- --port {port}',
    defaultPort: 3105,
    healthPath: '/health',
  },
} satisfies Record<string, SystemDefinition>;
