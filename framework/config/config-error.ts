/**
 * An invalid setting, found at start-up before any test or server runs. Its
 * message names what to change, so its stack is left out of the output: the
 * frames inside playwright.config.ts would only bury that message.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.stack = `${this.name}: ${message}`;
  }
}
