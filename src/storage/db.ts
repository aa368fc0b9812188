/**
 * Saved work in IndexedDB (through idb), versioned:
 *   v1 — column mappings remembered per header signature;
 *   v2 — the workspace (profile, policy, customer settings, statuses, history), one record;
 *   v3 — the files of the last analysis and its settings, so that a reload reopens it (opt-out).
 * The workspace itself carries its own format version, migrated by core's migrateWorkspace.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { emptyWorkspace, migrateWorkspace, type Workspace } from '../core/index.ts';

export const DB_NAME = 'relance';
export const DB_VERSION = 3;

type StoredMapping = { signature: string; mapping: Record<string, number>; savedAt: string };

/** The last analysis: its files (as Blobs, on this device only) and the settings it was seen with. */
export type LastAnalysis = { readonly files: readonly { readonly name: string; readonly file: Blob; readonly extra: Record<string, unknown> }[]; readonly asOf: string };

interface RelanceDb extends DBSchema {
  mappings: { key: string; value: StoredMapping };
  workspace: { key: string; value: { id: string; data: unknown; savedAt: string } };
  last: { key: string; value: { id: string; data: LastAnalysis | null; keep: boolean; savedAt: string } };
}

let db: Promise<IDBPDatabase<RelanceDb>> | null = null;

function open(): Promise<IDBPDatabase<RelanceDb>> {
  db ??= openDB<RelanceDb>(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) database.createObjectStore('mappings', { keyPath: 'signature' });
      if (oldVersion < 2) database.createObjectStore('workspace', { keyPath: 'id' });
      if (oldVersion < 3) database.createObjectStore('last', { keyPath: 'id' });
    },
    // Another tab upgrades or deletes the database: let go at once, so that it is never blocked.
    blocking() {
      void db?.then((d) => d.close());
      db = null;
    },
  });
  return db;
}

/** The last analysis kept on this device (null when none, or when the user opted out), and the choice. */
export async function loadLast(): Promise<{ keep: boolean; last: LastAnalysis | null }> {
  try {
    const r = await (await open()).get('last', 'current');
    return { keep: r?.keep ?? true, last: r?.keep === false ? null : (r?.data ?? null) };
  } catch {
    return { keep: true, last: null };
  }
}

/** Keeps the files of the analysis on screen (or, with `keep` false, forgets them and remembers the choice). */
export async function saveLast(data: LastAnalysis | null, keep: boolean): Promise<boolean> {
  try {
    await (await open()).put('last', { id: 'current', data: keep ? data : null, keep, savedAt: new Date().toISOString() });
    return true;
  } catch {
    return false;
  }
}

export async function loadMapping(signature: string): Promise<Record<string, number> | null> {
  try {
    return (await (await open()).get('mappings', signature))?.mapping ?? null;
  } catch {
    return null;
  }
}

export async function saveMapping(signature: string, mapping: Record<string, number>): Promise<boolean> {
  try {
    await (await open()).put('mappings', { signature, mapping, savedAt: new Date().toISOString() });
    return true;
  } catch {
    return false;
  }
}

/**
 * The stored workspace as this tab reads it. `unreadable`: a record that does not validate (or was
 * written by a newer version of Relance: `newer`); it is kept as it is, never overwritten, and the page
 * offers to export it until the user decides.
 */
export type Stored =
  | { readonly state: 'ok'; readonly workspace: Workspace; readonly repairs: readonly string[] }
  | { readonly state: 'unreadable'; readonly raw: unknown; readonly detail: string; readonly newer: boolean }
  | { readonly state: 'storageError' };

function readRecord(data: unknown): Stored {
  const migrated = migrateWorkspace(data);
  if (migrated.ok) return { state: 'ok', workspace: migrated.workspace, repairs: migrated.repairs };
  return { state: 'unreadable', raw: data, detail: migrated.detail, newer: migrated.reason === 'NewerVersion' };
}

/** The saved workspace, checked and migrated; an empty one when none is saved. */
export async function readWorkspace(): Promise<Stored> {
  try {
    const record = await (await open()).get('workspace', 'current');
    return record ? readRecord(record.data) : { state: 'ok', workspace: emptyWorkspace(), repairs: [] };
  } catch {
    return { state: 'storageError' };
  }
}

/** The workspace to compute with: the stored one when readable, else an empty one (never saved over it). */
export async function loadWorkspace(): Promise<Workspace> {
  const stored = await readWorkspace();
  return stored.state === 'ok' ? stored.workspace : emptyWorkspace();
}

export type SaveResult = { ok: true; workspace: Workspace } | { ok: false; reason: 'Conflict' | 'StorageError' | 'Unreadable'; current?: Workspace };

/**
 * Saves with a revision check: when another tab saved since `workspace` was loaded, nothing is
 * written and the newer workspace comes back, so the page can reload it instead of overwriting.
 * A stored record this tab cannot read (corrupt, or from a newer version) is never overwritten:
 * the save is refused (`Unreadable`) unless `overwriteUnreadable` says the user decided to.
 */
export async function saveWorkspace(workspace: Workspace, options: { overwriteUnreadable?: boolean } = {}): Promise<SaveResult> {
  try {
    const database = await open();
    const tx = database.transaction('workspace', 'readwrite');
    const record = await tx.store.get('current');
    const stored = record ? readRecord(record.data) : null;
    if (stored?.state === 'unreadable' && !options.overwriteUnreadable) {
      await tx.done;
      return { ok: false, reason: 'Unreadable' };
    }
    if (stored?.state === 'ok' && stored.workspace.revision !== workspace.revision) {
      await tx.done;
      return { ok: false, reason: 'Conflict', current: stored.workspace };
    }
    const next: Workspace = { ...workspace, revision: workspace.revision + 1 };
    await tx.store.put({ id: 'current', data: next, savedAt: new Date().toISOString() });
    await tx.done;
    return { ok: true, workspace: next };
  } catch {
    return { ok: false, reason: 'StorageError' };
  }
}

/** Replaces the saved workspace (import of an exported file, confirmed by the user), keeping the revision counter moving. */
export async function replaceWorkspace(workspace: Workspace, options: { overwriteUnreadable?: boolean } = {}): Promise<SaveResult> {
  const stored = await readWorkspace();
  const revision = stored.state === 'ok' ? stored.workspace.revision : 0;
  return saveWorkspace({ ...workspace, revision }, options);
}

/**
 * Deletes the whole database and waits for it: resolves 'deleted', or 'blocked' while another tab
 * keeps it open (that tab is asked to let go; the page says so instead of claiming success).
 */
export async function deleteEverything(): Promise<'deleted' | 'blocked' | 'failed'> {
  const current = db;
  db = null;
  if (current) (await current.catch(() => null))?.close();
  return new Promise((resolve) => {
    const r = indexedDB.deleteDatabase(DB_NAME);
    let blocked = false;
    r.onblocked = () => {
      blocked = true;
    };
    r.onsuccess = () => resolve('deleted');
    r.onerror = () => resolve(blocked ? 'blocked' : 'failed');
    // A blocked delete completes when the other tab closes its connection; say so if it takes long.
    setTimeout(() => {
      if (blocked) resolve('blocked');
    }, 3000);
  });
}
