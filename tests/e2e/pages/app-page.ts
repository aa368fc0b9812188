/** Page model of the dashboard: role and test-id locators only, no sleeps. */
import { expect, type Page } from '@playwright/test';

export class AppPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async open(asOf: string, path = '/'): Promise<void> {
    await this.page.goto(`${path}?asOf=${asOf}`);
    await expect(this.page.getByTestId('file-input')).toBeAttached();
  }

  /** Drops a file on the page the way a user's drag-and-drop does. */
  async drop(name: string, bytes: Buffer, mime = 'application/octet-stream'): Promise<void> {
    const dataTransfer = await this.page.evaluateHandle(
      ({ name, data, mime }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(data)], name, { type: mime }));
        return dt;
      },
      { name, data: [...bytes], mime },
    );
    await this.page.dispatchEvent('main', 'dragover', { dataTransfer });
    await this.page.dispatchEvent('main', 'drop', { dataTransfer });
  }

  async pick(path: string): Promise<void> {
    await this.page.getByTestId('file-input').setInputFiles(path);
  }

  report() {
    return this.page.getByTestId('import-report');
  }

  tile(name: string) {
    return this.page.getByTestId(`tile-${name}`);
  }

  async setAsOf(iso: string): Promise<void> {
    await this.page.getByTestId('as-of').fill(iso);
    await this.page.getByTestId('as-of').dispatchEvent('change');
  }
}
