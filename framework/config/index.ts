export { ConfigError } from './config-error.ts';
export {
  environmentPrefix,
  parseBaseURL,
  parsePort,
  resolveSystems,
  systemEndpoint,
  type SystemDefinition,
  type SystemEndpoint,
} from './systems.ts';
