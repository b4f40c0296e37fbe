import type { Locator, Page } from '@playwright/test';

/** A sortable data table with its "Export CSV" button. */
export class DataTable {
  readonly table: Locator;
  readonly headers: Locator;
  readonly bodyRows: Locator;
  readonly exportButton: Locator;

  constructor(
    private readonly page: Page,
    readonly root: Locator,
  ) {
    this.table = root.getByRole('table');
    this.headers = this.table.locator('thead th');
    this.bodyRows = this.table.locator('tbody tr');
    this.exportButton = root.getByRole('button', { name: /^Export .* as CSV$/ });
  }

  header(label: string): Locator {
    return this.headers.filter({
      has: this.page.getByRole('button', { name: label, exact: true }),
    });
  }

  /** Clicks a column header once: the first click sorts ascending, the next descending. */
  async sortBy(label: string): Promise<void> {
    await this.header(label).getByRole('button').click();
  }

  async headerLabels(): Promise<string[]> {
    return this.headers
      .locator('button')
      .evaluateAll((buttons) =>
        buttons.map((button) => (button as HTMLElement).dataset.label ?? ''),
      );
  }

  /** Reads every body row as the cells' displayed text. */
  async rows(): Promise<string[][]> {
    return this.bodyRows.evaluateAll((rows) =>
      rows.map((row) =>
        Array.from((row as HTMLTableRowElement).cells, (cell) => (cell.textContent ?? '').trim()),
      ),
    );
  }

  async column(label: string): Promise<string[]> {
    const index = (await this.headerLabels()).indexOf(label);
    if (index === -1) {
      throw new Error(
        `The table has no column "${label}"; its columns are ${(await this.headerLabels()).join(', ')}.`,
      );
    }
    return (await this.rows()).map((row) => row[index]!);
  }

  /** Clicks "Export CSV" and returns the downloaded file's name and text. */
  async exportCsv(): Promise<{ filename: string; text: string }> {
    const downloadPromise = this.page.waitForEvent('download');
    await this.exportButton.click();
    const download = await downloadPromise;
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { filename: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }
}
