/**
 * Crash recovery: the renderer's unsaved document is snapshotted every few
 * seconds into the app-data dir; on the next start a snapshot that is still
 * there means the app did not close cleanly, and the user is offered it back.
 * Saving or discarding the document clears it.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecoverySnapshot } from '../../solver/contract.ts';
import { atomicWrite } from './atomicWrite.ts';

export interface RecoveryStore {
  write(snapshot: RecoverySnapshot): Promise<void>;
  /** the last snapshot, or null when there is none or it is unreadable */
  read(): Promise<RecoverySnapshot | null>;
  clear(): Promise<void>;
}

function isSnapshot(value: unknown): value is RecoverySnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.text === 'string' && (v.path === null || typeof v.path === 'string') && typeof v.savedAt === 'number';
}

export function recoveryStore(dataDir: string): RecoveryStore {
  const dir = join(dataDir, 'recovery');
  const file = join(dir, 'snapshot.json');
  return {
    async write(snapshot) {
      await mkdir(dir, { recursive: true });
      await atomicWrite(file, JSON.stringify({ text: snapshot.text, path: snapshot.path, savedAt: snapshot.savedAt }));
    },
    async read() {
      try {
        const value: unknown = JSON.parse(await readFile(file, 'utf8'));
        return isSnapshot(value) ? value : null;
      } catch {
        return null; // missing or damaged: nothing to recover
      }
    },
    async clear() {
      await rm(file, { force: true });
    },
  };
}
