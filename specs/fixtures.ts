/**
 * The project's test object: the framework's fixtures plus the page objects
 * and API clients of this repository's systems under test. Specs import
 * `test` and `expect` from here.
 */
import type { ApiClient } from '../framework/api/index.ts';
import { expect, test as novaTest } from '../framework/fixtures/index.ts';
import { IrisPredictionPage } from '../pages/iris/index.ts';
import { VisionUploadPage } from '../pages/vision/index.ts';

interface ProjectFixtures {
  /** supertest client for the Iris ML API. */
  irisApi: ApiClient;
  /** Page object of the Iris prediction page. */
  irisPage: IrisPredictionPage;
  /** supertest client for the vision service. */
  visionApi: ApiClient;
  /** Page object of the vision service's upload page. */
  visionPage: VisionUploadPage;
}

export const test = novaTest.extend<ProjectFixtures>({
  irisApi: async ({ api }, use) => {
    await use(api('iris'));
  },
  irisPage: async ({ page, systemURL }, use) => {
    await use(new IrisPredictionPage(page, systemURL('iris')));
  },
  visionApi: async ({ api }, use) => {
    await use(api('vision'));
  },
  visionPage: async ({ page, systemURL }, use) => {
    await use(new VisionUploadPage(page, systemURL('vision')));
  },
});

export { expect };
