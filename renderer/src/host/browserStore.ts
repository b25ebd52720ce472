/**
 * A one-table IndexedDB key-value store for the browser host: file handles of
 * recent files (structured-cloneable, unlike anything localStorage can hold)
 * and the crash-recovery snapshot (may exceed localStorage's few MB).
 */
const DB_NAME = 'gridgame-studio';
const STORE = 'kv';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function withStore<T>(mode: IDBTransactionMode, body: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = body(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result as T);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export const kv = {
  get: <T>(key: string) => withStore<T | undefined>('readonly', (s) => s.get(key)),
  set: (key: string, value: unknown) => withStore<void>('readwrite', (s) => s.put(value, key)).then(() => undefined),
  delete: (key: string) => withStore<void>('readwrite', (s) => s.delete(key)).then(() => undefined),
};
