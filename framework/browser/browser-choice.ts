/** Origin of the chosen Chromium; the values are listed in the order they are tried. */
export type BrowserSource =
  'playwright' | 'env' | 'system' | 'provisioned-playwright' | 'provisioned-apt';

/** The Chromium that Playwright will launch, as written to `.nova/browser.json`. */
export interface BrowserChoice {
  source: BrowserSource;
  /** Absolute path of the browser binary. */
  executablePath: string;
  /** First line of `<binary> --version`, for example "Chromium 156.0.8078.73". */
  version: string;
  /** Human-readable origin, for example "Debian package" or "NOVA_CHROMIUM". */
  description: string;
  /** ISO time of the choice. */
  chosenAt: string;
}

/** Thrown when no usable Chromium exists and none could be provisioned. */
export class BrowserNotFoundError extends Error {
  override readonly name = 'BrowserNotFoundError';
}
