/** An invalid setting, found at start-up before any test or server runs. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
