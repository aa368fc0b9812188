/**
 * Saved work in IndexedDB (through idb), versioned:
 *   v1 — column mappings remembered per header signature;
 *   v2 — the workspace (profile, policy, customer settings, statuses, history), one record.
 * The workspace itself carries its own format version, migrated by core's migrateWorkspace.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { emptyWorkspace, migrateWorkspace, type Workspace } from '../core/index.ts';

export const DB_NAME = 'relance';
export const DB_VERSION = 2;

type StoredMapping = { signature: string; mapping: Record<string, number>; savedAt: string };

interface RelanceDb extends DBSchema {
  mappings: { key: string; value: StoredMapping };
  workspace: { key: string; value: { id: string; data: unknown; savedAt: string } };
}

let db: Promise<IDBPDatabase<RelanceDb>> | null = null;

function open(): Promise<IDBPDatabase<RelanceDb>> {
  db ??= openDB<RelanceDb>(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) database.createObjectStore('mappings', { keyPath: 'signature' });
      if (oldVersion < 2) database.createObjectStore('workspace', { keyPath: 'id' });
    },
  });
  return db;
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

/** The saved workspace, migrated to the current version; an empty one when none is saved. */
export async function loadWorkspace(): Promise<Workspace> {
  try {
    const record = await (await open()).get('workspace', 'current');
    if (!record) return emptyWorkspace();
    const migrated = migrateWorkspace(record.data);
    return migrated.ok ? migrated.workspace : emptyWorkspace();
  } catch {
    return emptyWorkspace();
  }
}

export type SaveResult = { ok: true; workspace: Workspace } | { ok: false; reason: 'Conflict' | 'StorageError'; current?: Workspace };

/**
 * Saves with a revision check: when another tab saved since `workspace` was loaded, nothing is
 * written and the newer workspace comes back, so the page can reload it instead of overwriting.
 */
export async function saveWorkspace(workspace: Workspace): Promise<SaveResult> {
  try {
    const database = await open();
    const tx = database.transaction('workspace', 'readwrite');
    const record = await tx.store.get('current');
    const stored = record ? migrateWorkspace(record.data) : null;
    if (stored?.ok && stored.workspace.revision !== workspace.revision) {
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

/** Replaces the saved workspace (import of an exported file), keeping the revision counter moving. */
export async function replaceWorkspace(workspace: Workspace): Promise<SaveResult> {
  const current = await loadWorkspace();
  return saveWorkspace({ ...workspace, revision: current.revision });
}
