import type { Locator, Page } from '@playwright/test';

/** The four measurements of the form, in the order the form lists them. */
export const MEASUREMENTS = ['sepalLength', 'sepalWidth', 'petalLength', 'petalWidth'] as const;
export type Measurement = (typeof MEASUREMENTS)[number];

/** Field labels as the page shows them, which is also how a user finds each input. */
export const MEASUREMENT_LABELS: Record<Measurement, string> = {
  sepalLength: 'Sepal length',
  sepalWidth: 'Sepal width',
  petalLength: 'Petal length',
  petalWidth: 'Petal width',
};

/** Values as typed by a user: text, so that empty and non-numeric input can be tested too. */
export type MeasurementInput = Record<Measurement, string | number>;

/** Page object of the Iris prediction page served at the root of the Iris ML API. */
export class IrisPredictionPage {
  readonly fields: Record<Measurement, Locator>;
  readonly predictButton: Locator;
  readonly result: Locator;
  readonly predictedSpecies: Locator;
  readonly probabilityRows: Locator;
  readonly serverError: Locator;

  constructor(
    readonly page: Page,
    private readonly baseURL: string,
  ) {
    this.fields = {
      sepalLength: page.getByLabel('Sepal length (cm)'),
      sepalWidth: page.getByLabel('Sepal width (cm)'),
      petalLength: page.getByLabel('Petal length (cm)'),
      petalWidth: page.getByLabel('Petal width (cm)'),
    };
    this.predictButton = page.getByRole('button', { name: 'Predict' });
    this.result = page.getByRole('status');
    this.predictedSpecies = this.result.locator('.result-species');
    this.probabilityRows = this.result.getByRole('listitem');
    this.serverError = page.getByRole('alert');
  }

  async open(): Promise<void> {
    await this.page.goto(`${this.baseURL}/`);
  }

  /** Returns the inline message under one field, found through its `aria-describedby` link. */
  async errorFor(measurement: Measurement): Promise<Locator> {
    const describedBy = await this.fields[measurement].getAttribute('aria-describedby');
    if (describedBy === null) {
      throw new Error(
        `The ${MEASUREMENT_LABELS[measurement]} input has no aria-describedby, so its error message cannot be found.`,
      );
    }
    return this.page.locator(`[id="${describedBy}"]`);
  }

  /**
   * Types one value as a user would. Number inputs reject `fill` with text that
   * is not a number, so such text is typed key by key, which is what a person does.
   */
  async enter(measurement: Measurement, value: string | number): Promise<void> {
    const field = this.fields[measurement];
    const text = String(value);
    await field.clear();
    if (text === '') return;
    if (Number.isFinite(Number(text))) {
      await field.fill(text);
    } else {
      await field.pressSequentially(text);
    }
  }

  async enterMeasurements(values: MeasurementInput): Promise<void> {
    for (const measurement of MEASUREMENTS) {
      await this.enter(measurement, values[measurement]);
    }
  }

  /** Fills the form and submits it with the Predict button. */
  async predict(values: MeasurementInput): Promise<void> {
    await this.enterMeasurements(values);
    await this.predictButton.click();
  }

  /** Reads the probability list as numbers in [0, 1], keyed by species. */
  async probabilities(): Promise<Record<string, number>> {
    const rows = await this.probabilityRows.allInnerTexts();
    const entries = rows.map((row) => {
      const match = /^\s*(\w+)\s+([\d.]+)\s*%/.exec(row);
      if (!match) throw new Error(`Probability row "${row}" does not read "<species> <percent>%".`);
      return [match[1]!, Number(match[2]) / 100] as const;
    });
    return Object.fromEntries(entries);
  }
}
