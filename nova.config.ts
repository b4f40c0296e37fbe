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
  // The data pipeline's status API; it reads the source service below on 3103 (plus NOVA_PORT_OFFSET).
  pipeline: {
    // No schedule here: a cron run could overlap a run that a spec triggers and make it answer 409.
    // --fresh: rows of an earlier run (one with a seeded fault, say) would change the counts specs assert.
    command: 'npm run --silent sut:pipeline -- --port {port} --schedule off --fresh',
    defaultPort: 3102,
    healthPath: '/health',
    needs: ['pipeline-source'],
  },
  'pipeline-source': {
    command: 'npm run --silent sut:pipeline-source -- --port {port}',
    defaultPort: 3103,
    healthPath: '/health',
  },
  dashboard: {
    command: 'npm run --silent sut:dashboard -- --port {port}',
    defaultPort: 3104,
    healthPath: '/health',
  },
  sentiment: {
    command: 'npm run --silent sut:sentiment -- --port {port}',
    defaultPort: 3106,
    healthPath: '/health',
  },
  vision: {
    command: 'npm run --silent sut:vision -- --port {port}',
    defaultPort: 3105,
    healthPath: '/health',
  },
} satisfies Record<string, SystemDefinition>;
