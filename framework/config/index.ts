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
export {
  checkSystems,
  HEALTH_PROBE_TIMEOUT_MS,
  probeHealth,
  type HealthProbe,
  type PreflightOptions,
} from './preflight.ts';
export { parseStartedSystems, systemNeeds, withNeeds } from './started-systems.ts';
