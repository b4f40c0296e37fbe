/** One vision app per test file, built with OpenCV loaded and the given seeded faults. */
import type { FastifyInstance } from 'fastify';

import { buildApp } from '../../systems-under-test/vision/src/app.ts';
import { loadVisionFaults } from '../../systems-under-test/vision/src/faults.ts';

export async function buildTestApp(faults: string[] = []): Promise<FastifyInstance> {
  return buildApp({ faults: loadVisionFaults({ NOVA_FAULTS: faults.join(',') }) });
}

export const FIXTURES = new URL('../../systems-under-test/vision/fixtures/', import.meta.url);
