/**
 * Reads what the first page needs of what this device keeps (see db.ts) with the bare IndexedDB API,
 * so that it can reopen the last analysis, with the user's own settings, without loading idb and the
 * core: a few hundred bytes. It never creates the database: when there is none, the upgrade is
 * aborted and nothing is read.
 */
import type { AnalysisDefaults } from '../core/index.ts';
import type { LastAnalysis } from './db.ts';

/** One record of a store, or null (no database, no such store or record, or any failure). */
function readRecord(store: string, key: string): Promise<unknown> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open('relance');
    } catch {
      resolve(null);
      return;
    }
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => resolve(null);
    request.onblocked = () => resolve(null);
    request.onsuccess = () => {
      const database = request.result;
      if (!database.objectStoreNames.contains(store)) {
        database.close();
        resolve(null);
        return;
      }
      const get = database.transaction(store).objectStore(store).get(key);
      get.onsuccess = () => {
        database.close();
        resolve(get.result ?? null);
      };
      get.onerror = () => {
        database.close();
        resolve(null);
      };
    };
  });
}

export async function readLast(): Promise<LastAnalysis | null> {
  const r = (await readRecord('last', 'current')) as { data: LastAnalysis | null; keep: boolean } | null;
  return r && r.keep !== false && r.data && r.data.files.length > 0 ? r.data : null;
}

/**
 * The analysis settings the user saved as defaults (the workspace's `analysisDefaults`, checked when it
 * was saved), as stored: only their shape is looked at here, the worker checks their values.
 */
export async function readAnalysisDefaults(): Promise<AnalysisDefaults | null> {
  const r = (await readRecord('workspace', 'current')) as { data?: { analysisDefaults?: unknown } } | null;
  const d = r?.data?.analysisDefaults as Partial<AnalysisDefaults> | undefined;
  const numbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');
  return d && (d.basis === 'due' || d.basis === 'issued') && numbers(d.edges) && typeof d.windows === 'number' && typeof d.termsDays === 'number' && numbers(d.ratings) ? (d as AnalysisDefaults) : null;
}
