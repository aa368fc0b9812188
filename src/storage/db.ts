/**
 * Saved work in IndexedDB (through idb). Version 1 holds the column mappings remembered per
 * header signature; later versions add the profile, policy and history with migrations here.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const DB_NAME = 'relance';
export const DB_VERSION = 1;

type StoredMapping = { signature: string; mapping: Record<string, number>; savedAt: string };

interface RelanceDb extends DBSchema {
  mappings: { key: string; value: StoredMapping };
}

let db: Promise<IDBPDatabase<RelanceDb>> | null = null;

function open(): Promise<IDBPDatabase<RelanceDb>> {
  db ??= openDB<RelanceDb>(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) database.createObjectStore('mappings', { keyPath: 'signature' });
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
