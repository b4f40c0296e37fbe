// Allure 3 report configuration. `npm run report` (framework/reporting/build-report.ts) passes this
// file to `allure generate --config`, and Allure's readConfig (@allurereport/core, dist/config.js)
// also finds it when `npx allure generate` runs in the repository root. That direct command skips
// the post-processing of build-report.ts, so its index.html still loads Google Analytics.
import process from 'node:process';
import { defineConfig } from 'allure';

export default defineConfig({
  name: 'Elysium Nova',
  output: './reports/allure',

  // `allure generate` has no command-line option for historyPath (allure 3.18,
  // dist/commands/generate.js), so build-report.ts passes it through this environment variable.
  historyPath: process.env.NOVA_ALLURE_HISTORY_PATH ?? './.nova/allure-history.jsonl',

  plugins: {
    awesome: {
      options: {
        // Single-file mode inlines the app script and all report data into index.html. The default
        // multi-file mode loads widgets/*.json with fetch(), which Chromium blocks on file:// pages,
        // so that report stays on its loading screen unless an HTTP server serves it.
        singleFile: true,
        // Tree by Playwright project, then spec file, then describe block: the labels allure-playwright writes.
        groupBy: ['parentSuite', 'suite', 'subSuite'],
      },
    },
  },
});
