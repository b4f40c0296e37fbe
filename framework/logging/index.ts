import createDebug from 'debug';

/**
 * Layer names used as `nova:<layer>` namespaces. Enable output with
 * `DEBUG=nova:*` (all layers) or `DEBUG=nova:browser,nova:api`.
 */
export type LogLayer =
  | 'config'
  | 'browser'
  | 'api'
  | 'fixtures'
  | 'reporting'
  | 'cli'
  | 'visual'
  | 'load'
  | 'results'
  | 'bugs'
  | 'data';

export interface Logger {
  (formatter: string, ...args: unknown[]): void;
  readonly namespace: string;
}

/** Creates the logger for one layer of the framework. */
export function createLogger(layer: LogLayer): Logger {
  return createDebug(`nova:${layer}`);
}
