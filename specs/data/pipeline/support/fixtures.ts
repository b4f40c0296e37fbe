/** The data specs' test object: the project's fixtures plus a PGlite template folder per worker. */
import { expect, test as base } from '../../../fixtures.ts';
import { createPgliteTemplate } from './backends.ts';

export const test = base.extend<object, { pgliteTemplate: string }>({
  pgliteTemplate: [
    // Playwright reads a fixture's dependencies from this destructuring pattern, so it must be there.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const template = await createPgliteTemplate();
      await use(template.dataDir);
      await template.dispose();
    },
    // initdb in WebAssembly can take half a minute on a busy machine.
    { scope: 'worker', timeout: 120_000 },
  ],
});

export { expect };
