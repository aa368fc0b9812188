/** Page model of the dashboard: role and test-id locators only, no sleeps. */
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import type { WorkBook } from 'xlsx';

export class AppPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async open(asOf: string, path = '/'): Promise<void> {
    await this.page.goto(`${path}?asOf=${asOf}`);
    await expect(this.page.getByTestId('file-input')).toBeAttached();
    // The last analysis kept on this device is reopened first (when there is one).
    await expect(this.page.locator('.app[data-ready="true"]')).toBeAttached({ timeout: 30_000 });
  }

  /** Reloads the page and waits until the last analysis kept on this device is reopened. */
  async reload(): Promise<void> {
    await this.page.reload();
    await expect(this.page.locator('.app[data-ready="true"]')).toBeAttached({ timeout: 30_000 });
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

  /** Chooses a file in the page's file input and waits until the page has handled it (read, refused or routed). */
  async pick(path: string): Promise<void> {
    const app = this.page.locator('.app');
    const before = Number((await app.getAttribute('data-handled')) ?? '0');
    await this.page.getByTestId('file-input').setInputFiles(path);
    await expect(app).not.toHaveAttribute('data-handled', String(before), { timeout: 60_000 });
  }

  report() {
    return this.page.getByTestId('import-report');
  }

  /** Opens the import report when it is folded to its status line (nothing needed attention). */
  async openReport(): Promise<void> {
    const body = this.report().locator('details.body').first();
    if (!(await body.evaluate((d) => (d as HTMLDetailsElement).open))) await this.page.getByTestId('report-status').first().click();
  }

  tile(name: string) {
    return this.page.getByTestId(`tile-${name}`);
  }

  /** Moves to a view of the analysis by its tab (Synthèse, Balance âgée, Relances, Historique, Rapport & exports, Réglages). */
  async go(view: 'synthese' | 'balance' | 'relances' | 'prevision' | 'historique' | 'rapport' | 'reglages'): Promise<void> {
    await this.page.getByTestId('views').locator(`[data-view="${view}"]`).click();
    await expect(this.page.getByTestId('views').locator(`[data-view="${view}"]`)).toHaveAttribute('aria-current', 'page');
  }

  /** Fills the sender's profile (the identity every formal document needs) and saves it. */
  async fillProfile(): Promise<void> {
    await this.go('reglages');
    const panel = this.page.getByTestId('workspace-panel');
    if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.locator('summary').click();
    const form = this.page.getByTestId('profile-form');
    await form.getByLabel('Société').fill('Atelier Martin');
    await form.getByLabel('Forme juridique et capital').fill('SARL au capital de 10 000 €');
    await form.getByLabel('SIREN').fill('123456789');
    await form.getByLabel('Adresse').fill('12 rue des Lilas\n69003 Lyon');
    await form.getByLabel('IBAN').fill('FR76 3000 6000 0112 3456 7890 189');
    await form.getByLabel('Signataire').fill('Claire Martin, gérante');
    await form.getByRole('button', { name: 'Enregistrer le profil' }).click();
    await expect(this.page.getByTestId('work-message')).toHaveText('Enregistré.');
    await this.go('relances');
  }

  /** Types a customer's postal address in its status form and saves it. */
  async setAddress(customerId: string, address: string): Promise<void> {
    const row = this.page.locator(`[data-testid="action"][data-customer="${customerId}"]`);
    await row.getByRole('button', { name: 'Statut…' }).click();
    await row.getByLabel('Adresse postale du client').fill(address);
    await row.getByRole('button', { name: 'Enregistrer le statut' }).click();
    await expect(this.page.getByTestId('work-message')).toHaveText('Enregistré.');
  }

  async setAsOf(iso: string): Promise<void> {
    await this.page.getByTestId('as-of').fill(iso);
    await this.page.getByTestId('as-of').dispatchEvent('change');
  }

  /** Exports the tables from the report view and reads the downloaded .xlsx back. */
  async downloadXlsx(): Promise<WorkBook> {
    const XLSX = await import('xlsx');
    await this.go('rapport');
    await this.page.getByTestId('export-data').click();
    const link = this.page.getByTestId('export-file').first();
    await expect(link).toHaveAttribute('download', /\.xlsx$/);
    const download = this.page.waitForEvent('download');
    await link.click();
    return XLSX.read(readFileSync(await (await download).path()), { type: 'buffer' });
  }
}
