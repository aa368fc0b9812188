/**
 * The page's side of the documents: ask the analysis worker for the models or tables, the PDF worker
 * for the file, and hand back object URLs to preview and download. No figure is computed here.
 */
import { migrateWorkspace, type LetterKind, type Refusal, type Workspace } from '../../../core/index.ts';
import type { Lang } from '../../../core/lang.ts';
import { describeIssue } from '../../../i18n/issues.ts';
import type { ActionFilter, PageSettings } from '../../../worker/protocol.ts';
import { send } from '../../../worker/client.ts';
import { makePdf } from '../../../worker/pdf-client.ts';

export type Made = { readonly url: string; readonly name: string };

/** "Société Dubœuf" → "Societe-Duboeuf": a file name any system accepts. */
export function fileSafe(s: string): string {
  return s.replace(/œ/g, 'oe').replace(/Œ/g, 'OE').replace(/æ/g, 'ae').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
}

/** The PDF made (null when nothing could be), and the documents refused with what they lack. */
export type LetterOutcome = { readonly made: Made | null; readonly refused: readonly Refusal[] };

/**
 * One customer's document (`customerId`), or the batch of the actions matching `all`: the letters that
 * go in the post (duplex), or with `packs` the court packs (working documents, a separate download).
 */
export async function letterPdf(settings: PageSettings, customerId: string | null, all: ActionFilter | null, kind?: LetterKind, packs = false): Promise<LetterOutcome> {
  const { models, refused } = await send('letters', { settings, customerIds: customerId === null ? [] : [customerId], ...(all ? { all } : {}), ...(kind ? { kind } : {}), ...(packs ? { packs } : {}) });
  if (models.length === 0) return { made: null, refused };
  const blob = await makePdf({ kind: 'letters', models, duplex: customerId === null && !packs });
  const name = customerId === null ? `${settings.asOf}-${packs ? 'dossiers-injonction' : 'lettres'}.pdf` : `${settings.asOf}-${models[0]?.kind ?? 'lettre'}-${fileSafe(customerId)}.pdf`;
  return { made: { url: URL.createObjectURL(blob), name }, refused };
}

/** Relevés de compte of these customers as one PDF (one statement each, each starting on a new sheet). */
export async function statementsPdf(settings: PageSettings, customerIds: readonly string[]): Promise<LetterOutcome> {
  const { models, refused } = await send('statements', { settings, customerIds });
  if (models.length === 0) return { made: null, refused };
  const blob = await makePdf({ kind: 'letters', models, duplex: models.length > 1 });
  const name = models.length === 1 ? `${settings.asOf}-releve-${fileSafe(models[0]?.customerId ?? 'client')}.pdf` : `${settings.asOf}-releves-de-compte.pdf`;
  return { made: { url: URL.createObjectURL(blob), name }, refused };
}

export async function emailOf(settings: PageSettings, customerId: string): Promise<{ subject: string; body: string } | null> {
  const [m] = (await send('letters', { settings, customerIds: [customerId] })).models;
  return m ? { subject: m.email.subject, body: m.email.body } : null;
}

export async function reportPdf(settings: PageSettings): Promise<Made | null> {
  const model = await send('report', { settings });
  if (!model) return null;
  const blob = await makePdf({ kind: 'report', model });
  return { url: URL.createObjectURL(blob), name: `audit-${settings.asOf}.pdf` };
}

export async function exportedFiles(settings: PageSettings): Promise<Made[]> {
  const files = await send('exportFiles', { settings });
  if (!files) return [];
  return [
    { name: `relance-${settings.asOf}.xlsx`, url: URL.createObjectURL(new Blob([files.xlsx], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })) },
    ...files.csv.map((c) => ({ name: `relance-${settings.asOf}-${fileSafe(c.name).toLowerCase()}.csv`, url: URL.createObjectURL(new Blob([c.text], { type: 'text/csv;charset=utf-8' })) })),
  ];
}

/** The envelope test sheet of the saved profile. */
export async function testSheetPdf(settings: PageSettings): Promise<Made | null> {
  const model = await send('testSheet', { settings });
  if (!model) return null;
  const blob = await makePdf({ kind: 'testSheet', model });
  return { url: URL.createObjectURL(blob), name: model.lang === 'fr' ? 'feuille-de-test-enveloppe.pdf' : 'envelope-test-sheet.pdf' };
}

/** Downloads a JSON file made on the page. */
export function downloadJson(name: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A workspace file the user chose, checked and migrated; or the message saying why it is refused. */
export async function readWorkspaceFile(file: File, lang: Lang): Promise<{ ok: true; workspace: Workspace } | { ok: false; message: string }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await file.text());
  } catch (e) {
    return { ok: false, message: describeIssue({ code: 'WorkspaceRefused', severity: 'error', params: { detail: e instanceof Error ? e.message : 'JSON' } }, lang) };
  }
  const migrated = migrateWorkspace(parsed);
  return migrated.ok ? { ok: true, workspace: migrated.workspace } : { ok: false, message: describeIssue({ code: 'WorkspaceRefused', severity: 'error', params: { detail: migrated.detail } }, lang) };
}
