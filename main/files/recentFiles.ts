/**
 * Most-recently-used scenario files: newest first, at most 10, persisted as a
 * JSON list in the app-data dir. Files that no longer exist are left out.
 */
import { access, mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { atomicWrite } from './atomicWrite.ts';

export const RECENT_FILES_MAX = 10;

export interface RecentFiles {
  /** existing files, newest first */
  list(): Promise<string[]>;
  /** moves `path` to the front; returns the new list */
  add(path: string): Promise<string[]>;
  remove(path: string): Promise<string[]>;
  clear(): Promise<void>;
}

export interface RecentFilesOptions {
  max?: number;
  exists?: (path: string) => Promise<boolean>;
}

const fileExists = (path: string) => access(path).then(() => true, () => false);

export function recentFiles(dataDir: string, opts: RecentFilesOptions = {}): RecentFiles {
  const file = join(dataDir, 'recent-files.json');
  const max = opts.max ?? RECENT_FILES_MAX;
  const exists = opts.exists ?? fileExists;
  // Updates run one after another so two quick opens cannot lose an entry.
  let pending: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = pending.then(task, task);
    pending = next.catch(() => undefined);
    return next;
  };

  async function stored(): Promise<string[]> {
    try {
      const value: unknown = JSON.parse(await readFile(file, 'utf8'));
      return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string') : [];
    } catch {
      return []; // missing or damaged list: start afresh
    }
  }

  async function existing(paths: string[]): Promise<string[]> {
    const present = await Promise.all(paths.map(exists));
    return paths.filter((_, i) => present[i]);
  }

  async function save(paths: string[]): Promise<string[]> {
    await mkdir(dataDir, { recursive: true });
    await atomicWrite(file, JSON.stringify(paths, null, 2));
    return paths;
  }

  return {
    list: () => serial(async () => existing(await stored())),
    add: (path) =>
      serial(async () => {
        const abs = resolve(path);
        return save((await existing([abs, ...(await stored()).filter((p) => p !== abs)])).slice(0, max));
      }),
    remove: (path) =>
      serial(async () => {
        const abs = resolve(path);
        return save((await stored()).filter((p) => p !== abs));
      }),
    clear: () => serial(async () => void (await save([]))),
  };
}
