import type { Locator, Page } from '@playwright/test';

/** One line of the "Words that drove it" list, read back into its parts. */
export interface ShownWord {
  word: string;
  score: number;
  modifiers: string[];
}

/** Page object of the sentiment page served at the root of the sentiment app. */
export class SentimentPage {
  readonly sentenceField: Locator;
  readonly analyzeButton: Locator;
  readonly characterCount: Locator;
  readonly fieldError: Locator;
  readonly result: Locator;
  readonly label: Locator;
  readonly score: Locator;
  readonly wordItems: Locator;
  readonly serverError: Locator;

  constructor(
    readonly page: Page,
    private readonly baseURL: string,
  ) {
    this.sentenceField = page.getByLabel('Sentence');
    this.analyzeButton = page.getByRole('button', { name: 'Analyze' });
    this.characterCount = page.locator('#text-count');
    this.fieldError = page.locator('#text-error');
    this.result = page.getByRole('status', { name: 'Result' });
    this.label = this.result.locator('#result-label');
    this.score = this.result.locator('#result-score');
    this.wordItems = this.result.getByRole('listitem');
    this.serverError = page.getByRole('alert');
  }

  async open(): Promise<void> {
    await this.page.goto(`${this.baseURL}/`);
  }

  /** Replaces the sentence with `text`, as a paste would. */
  async enterSentence(text: string): Promise<void> {
    await this.sentenceField.fill(text);
  }

  /** Enters the sentence and presses the Analyze button. */
  async analyze(text: string): Promise<void> {
    await this.enterSentence(text);
    await this.analyzeButton.click();
  }

  /** Reads the shown score as a number; "+3" reads as 3. */
  async shownScore(): Promise<number> {
    const text = (await this.score.innerText()).trim();
    const value = Number(text);
    if (text === '' || !Number.isFinite(value)) {
      throw new Error(`The score reads "${text}", which is not a number.`);
    }
    return value;
  }

  /** Reads the word list, where each line is "<word> <signed score>" and optional "(modifiers)". */
  async shownWords(): Promise<ShownWord[]> {
    const lines = await this.wordItems.allInnerTexts();
    return lines.map((line) => {
      const match = /^(.+?) ([+-]?\d+(?:\.\d+)?)(?: \((.+)\))?$/u.exec(line.trim());
      if (match === null) {
        throw new Error(`Word line "${line}" does not read "<word> <score> (<modifiers>)".`);
      }
      return {
        word: match[1]!,
        score: Number(match[2]),
        modifiers: match[3] === undefined ? [] : match[3].split(', '),
      };
    });
  }
}
