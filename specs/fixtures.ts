/**
 * The project's test object: the framework's fixtures plus the page objects
 * and API clients of this repository's systems under test. Specs import
 * `test` and `expect` from here.
 */
import type { ApiClient } from '../framework/api/index.ts';
import { expect, test as novaTest } from '../framework/fixtures/index.ts';
import { IrisPredictionPage } from '../pages/iris/index.ts';
import { SentimentPage } from '../pages/sentiment/index.ts';
import { VisionUploadPage } from '../pages/vision/index.ts';

interface ProjectFixtures {
  /** supertest client for the Iris ML API. */
  irisApi: ApiClient;
  /** Page object of the Iris prediction page. */
  irisPage: IrisPredictionPage;
  /** supertest client for the pipeline's status API. */
  pipelineApi: ApiClient;
  /** supertest client for the pipeline's source service (open-data API and HTML site). */
  pipelineSourceApi: ApiClient;
  /** supertest client for the sentiment app. */
  sentimentApi: ApiClient;
  /** Page object of the sentiment page. */
  sentimentPage: SentimentPage;
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
  pipelineApi: async ({ api }, use) => {
    await use(api('pipeline'));
  },
  pipelineSourceApi: async ({ api }, use) => {
    await use(api('pipeline-source'));
  },
  sentimentApi: async ({ api }, use) => {
    await use(api('sentiment'));
  },
  sentimentPage: async ({ page, systemURL }, use) => {
    await use(new SentimentPage(page, systemURL('sentiment')));
  },
  visionApi: async ({ api }, use) => {
    await use(api('vision'));
  },
  visionPage: async ({ page, systemURL }, use) => {
    await use(new VisionUploadPage(page, systemURL('vision')));
  },
});

export { expect };
