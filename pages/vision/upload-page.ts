import type { Locator, Page } from '@playwright/test';

/** A file as the page's file chooser receives it. */
export interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Operations as the Operation list names them. */
export const OPERATION_LABELS = {
  qr: 'Read QR codes',
  scan: 'Scan document',
  resize: 'Resize',
  grayscale: 'Grayscale',
  blur: 'Blur',
  rotate: 'Rotate',
  crop: 'Crop',
  convert: 'Convert format',
} as const;
export type VisionOperation = keyof typeof OPERATION_LABELS;

/** Parameter fields by their labels on the page. */
export const PARAMETER_LABELS = {
  width: 'Width (px)',
  height: 'Height (px)',
  fit: 'Fit',
  left: 'Left (px)',
  top: 'Top (px)',
  sigma: 'Sigma',
  angle: 'Angle (degrees)',
  format: 'Format',
} as const;
export type VisionParameter = keyof typeof PARAMETER_LABELS;

/** Page object of the vision service's upload page, served at its root. */
export class VisionUploadPage {
  readonly fileInput: Locator;
  readonly operation: Locator;
  readonly processButton: Locator;
  readonly result: Locator;
  readonly summary: Locator;
  readonly codes: Locator;
  readonly corners: Locator;
  readonly resultImage: Locator;
  readonly error: Locator;

  constructor(
    readonly page: Page,
    private readonly baseURL: string,
  ) {
    this.fileInput = page.getByLabel('Image', { exact: true });
    this.operation = page.getByLabel('Operation');
    this.processButton = page.getByRole('button', { name: 'Process' });
    this.result = page.getByRole('status');
    this.summary = this.result.locator('#result-summary');
    this.codes = page.getByRole('list', { name: 'QR codes' }).getByRole('listitem');
    this.corners = page.getByRole('list', { name: 'Page corners' }).getByRole('listitem');
    this.resultImage = page.getByRole('img', { name: 'Processed image' });
    this.error = page.getByRole('alert');
  }

  async open(): Promise<void> {
    await this.page.goto(`${this.baseURL}/`);
  }

  parameter(name: VisionParameter): Locator {
    return this.page.getByLabel(PARAMETER_LABELS[name], { exact: true });
  }

  /** Chooses a file, an operation and its parameters, then presses Process. */
  async process(
    file: UploadFile,
    operation: VisionOperation,
    parameters: Partial<Record<VisionParameter, string | number>> = {},
  ): Promise<void> {
    await this.fileInput.setInputFiles(file);
    await this.operation.selectOption({ label: OPERATION_LABELS[operation] });
    for (const [name, value] of Object.entries(parameters)) {
      const field = this.parameter(name as VisionParameter);
      if ((await field.evaluate((element) => element.tagName)) === 'SELECT') {
        await field.selectOption(String(value));
      } else {
        await field.fill(String(value));
      }
    }
    await this.processButton.click();
  }

  /** The decoded texts of the QR code list, in the order shown. */
  async codeTexts(): Promise<string[]> {
    return this.codes.locator('.code-text').allInnerTexts();
  }

  /** Natural size of the result image once it has loaded. */
  async resultImageSize(): Promise<{ width: number; height: number }> {
    return this.resultImage.evaluate(async (element) => {
      const image = element as HTMLImageElement;
      await image.decode();
      return { width: image.naturalWidth, height: image.naturalHeight };
    });
  }
}
