/**
 * Reads the last analysis kept on this device (see db.ts, store `last`) with the bare IndexedDB API,
 * so that the first page can reopen it without loading idb and the core: a few hundred bytes. It never
 * creates the database: when there is none, the upgrade is aborted and nothing is kept.
 */
import type { LastAnalysis } from './db.ts';

export function readLast(): Promise<LastAnalysis | null> {
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
      if (!database.objectStoreNames.contains('last')) {
        database.close();
        resolve(null);
        return;
      }
      const get = database.transaction('last').objectStore('last').get('current');
      get.onsuccess = () => {
        const r = get.result as { data: LastAnalysis | null; keep: boolean } | undefined;
        database.close();
        resolve(r && r.keep !== false && r.data && r.data.files.length > 0 ? r.data : null);
      };
      get.onerror = () => {
        database.close();
        resolve(null);
      };
    };
  });
}
