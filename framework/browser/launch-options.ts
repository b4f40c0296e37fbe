import type { LaunchOptions } from '@playwright/test';

import type { BrowserChoice } from './browser-choice.ts';

/**
 * Flags for a closed network. Without them Chromium keeps trying to reach
 * Google's update, sync and field-trial hosts at start-up, and each refused
 * connection adds noise and delay. QUIC is off so that no UDP leaves the host.
 */
export const CLOSED_NETWORK_ARGS: readonly string[] = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-domain-reliability',
  '--no-first-run',
  '--no-default-browser-check',
];

/**
 * Builds Playwright launch options for the chosen browser. Chromium refuses to
 * start its sandbox as root, so the sandbox is off only for root; Playwright's
 * `chromiumSandbox: false` is what adds `--no-sandbox`.
 */
export function chromiumLaunchOptions(
  choice: BrowserChoice,
  isRoot: boolean = process.getuid?.() === 0,
): LaunchOptions {
  const usesPlaywrightBuild =
    choice.source === 'playwright' || choice.source === 'provisioned-playwright';

  return {
    // Playwright picks its own build (and its headless shell) when executablePath is unset.
    ...(usesPlaywrightBuild ? {} : { executablePath: choice.executablePath }),
    args: [...CLOSED_NETWORK_ARGS],
    chromiumSandbox: !isRoot,
  };
}
