export { BrowserNotFoundError, type BrowserChoice, type BrowserSource } from './browser-choice.ts';
export {
  CHOICE_FILE,
  choiceFilePath,
  loadBrowserChoice,
  writeBrowserChoice,
} from './choice-file.ts';
export {
  CHROMIUM_ENV,
  findChromium,
  findEnvChromium,
  findOnPath,
  findPlaywrightChromium,
  findSystemChromium,
  readBrowserVersion,
} from './find-chromium.ts';
export { CLOSED_NETWORK_ARGS, chromiumLaunchOptions } from './launch-options.ts';
export {
  provisionChromium,
  type BrowserFinders,
  type CommandRunner,
  type ProvisionOptions,
  type ProvisionResult,
} from './provision.ts';
