/**
 * The page's saved work: the workspace read from IndexedDB (checked, repaired or refused), saved with
 * its revision check, imported from a file after a confirmation, exported; a stored record this tab
 * cannot read is kept and never saved over until the user decides. After each change the worker gets
 * the new workspace (`after`), so every figure uses it.
 */
import { emptyWorkspace, type Workspace } from '../../../core/index.ts';
import type { Lang } from '../../../core/lang.ts';
import { t } from '../../../i18n/ui.ts';
import { readWorkspace, replaceWorkspace, saveWorkspace, type Stored } from '../../../storage/db.ts';
import { downloadJson, readWorkspaceFile } from './documents.ts';

export class SavedWork {
  workspace: Workspace | null = $state.raw(null);
  /** A stored record this tab cannot read: shown, kept, never saved over until the user decides. */
  problem: Extract<Stored, { state: 'unreadable' }> | null = $state.raw(null);
  message = $state('');
  readonly #lang: Lang;
  readonly #after: (workspace: Workspace) => Promise<void>;

  constructor(lang: Lang, after: (workspace: Workspace) => Promise<void>) {
    this.#lang = lang;
    this.#after = after;
  }

  async load(): Promise<void> {
    const stored = await readWorkspace();
    if (stored.state === 'unreadable') this.problem = stored;
    else if (stored.state === 'storageError') this.message = t(this.#lang, 'work.storageError');
    else if (stored.repairs.length > 0) this.message = t(this.#lang, 'ws.repaired', { fields: stored.repairs.join(', ') });
    this.workspace = stored.state === 'ok' ? stored.workspace : emptyWorkspace();
    await this.#after(this.workspace);
  }

  async commit(next: Workspace): Promise<boolean> {
    if (this.problem) {
      this.message = t(this.#lang, 'ws.readOnly');
      return false;
    }
    const r = await saveWorkspace({ ...next, changesSinceExport: (next.changesSinceExport ?? 0) + 1 });
    if (r.ok) {
      this.workspace = r.workspace;
      this.message = t(this.#lang, 'work.saved');
    } else if (r.reason === 'Conflict' && r.current) {
      this.workspace = r.current;
      this.message = t(this.#lang, 'work.conflict');
    } else this.message = t(this.#lang, r.reason === 'Unreadable' ? 'ws.readOnly' : 'work.storageError');
    if (this.workspace) await this.#after(this.workspace);
    return r.ok;
  }

  /** The user chose to start again: the unreadable record (exported first) is replaced by an empty workspace. */
  async startEmpty(): Promise<void> {
    const r = await replaceWorkspace(emptyWorkspace(), { overwriteUnreadable: true });
    if (!r.ok) return;
    this.problem = null;
    this.workspace = r.workspace;
    await this.#after(r.workspace);
  }

  /** Replaces the saved workspace with the one in `file` (once confirmed); the workspace now saved, or null when nothing changed. */
  async importFile(file: File): Promise<Workspace | null> {
    const read = await readWorkspaceFile(file, this.#lang);
    if (!read.ok) {
      this.message = read.message;
      return null;
    }
    if (this.problem) {
      this.message = t(this.#lang, 'ws.readOnly');
      return null;
    }
    if (!confirm(t(this.#lang, 'ws.confirmReplace', { n: this.workspace?.history.length ?? 0 }))) return null;
    const r = await replaceWorkspace(read.workspace);
    this.message = t(this.#lang, r.ok ? 'ws.imported' : 'work.storageError');
    if (!r.ok) return null;
    this.workspace = r.workspace;
    await this.#after(r.workspace);
    return r.workspace;
  }

  exportNow(asOf: string): void {
    const w = this.workspace;
    if (!w) return;
    downloadJson(`relance-espace-${asOf}.json`, { ...w, changesSinceExport: 0 });
    if (!this.problem)
      void saveWorkspace({ ...w, changesSinceExport: 0 }).then((r) => {
        if (r.ok) this.workspace = r.workspace;
      });
  }
}
