/**
 * Crash recovery: the renderer autosaves unsaved edits every few seconds; after
 * a crash, a killed window or a power cut the next start offers them back.
 * The snapshot lives in the app data folder, written atomically.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { appDataDir } from '../files/appDataDir.ts';
import { atomicWrite } from '../files/atomicWrite.ts';
import { recoveryStore } from '../files/recovery.ts';
import type { IpcRouter } from './ipcRouter.ts';

export function setupRecovery(router: IpcRouter): void {
  const store = recoveryStore(appDataDir());
  router.handle('recovery:write', (_event, snapshot) => store.write(snapshot));
  router.handle('recovery:read', () => store.read());
  router.handle('recovery:clear', () => store.clear());
  // a what-if study's saved points, so a crash or a killed window resumes it (renderer/src/whatif/savedStudy.ts)
  const dir = join(appDataDir(), 'recovery');
  const study = join(dir, 'whatif-study.json');
  router.handle('study:write', async (_event, text) => {
    await mkdir(dir, { recursive: true });
    await atomicWrite(study, text);
  });
  router.handle('study:read', () => readFile(study, 'utf8').catch(() => null));
  router.handle('study:clear', () => rm(study, { force: true }));
}
