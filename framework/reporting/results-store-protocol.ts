/**
 * Messages between the results reporter, in the Playwright runner's main
 * thread, and the worker thread that owns the results store. Records cross
 * as structured clones, so their `Date` fields stay dates.
 */
import type { WriterStore } from './results-writer.ts';

/** Store methods that the worker runs on request. */
export type StoreMethod = keyof WriterStore;

/** A call of one store method, from the main thread to the worker. */
export type StoreRequest = {
  [Method in StoreMethod]: { id: number; method: Method; args: Parameters<WriterStore[Method]> };
}[StoreMethod];

/** An error as it crosses the thread boundary: structured cloning keeps no subclass or code. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
}

/** A message from the worker to the main thread. */
export type StoreResponse =
  | { kind: 'opened' }
  | { kind: 'open-failed'; error: SerializedError }
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'error'; id: number; error: SerializedError };

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as NodeJS.ErrnoException).code;
  return {
    name: error.name,
    message: error.message,
    stack: error.stack,
    ...(typeof code === 'string' ? { code } : {}),
  };
}

export function deserializeError(serialized: SerializedError): Error {
  const error: NodeJS.ErrnoException = new Error(serialized.message);
  error.name = serialized.name;
  if (serialized.stack !== undefined) error.stack = serialized.stack;
  if (serialized.code !== undefined) error.code = serialized.code;
  return error;
}
