import type { FastifyInstance } from 'fastify';

import { buildApp } from '../../systems-under-test/iris-api/src/app.ts';
import { removeTempDir, trainIntoTempDir } from './temp-artifacts.ts';

/** An app built on a freshly trained model, and the cleanup that closes it and removes the model. */
export interface TestApp {
  app: FastifyInstance;
  close: () => Promise<void>;
}

/** Trains seed 42 into a temporary folder and builds the app on it, for tests that use app.inject. */
export async function buildTestApp(): Promise<TestApp> {
  const { dir } = await trainIntoTempDir(42);
  const app = await buildApp({ artifactsDir: dir });
  return {
    app,
    close: async () => {
      await app.close();
      await removeTempDir(dir);
    },
  };
}

/** Body of every error response. */
export interface ErrorResponse {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  details: { field: string; rule: string; message: string }[];
}

/** Row 1 of Fisher's Iris data: a typical setosa. */
export const SETOSA = { sepalLength: 5.1, sepalWidth: 3.5, petalLength: 1.4, petalWidth: 0.2 };
