/**
 * Crash recovery: the renderer autosaves unsaved edits every few seconds; after
 * a crash, a killed window or a power cut the next start offers them back.
 * The snapshot lives in the app data folder, written atomically.
 */
import { appDataDir } from '../files/appDataDir.ts';
import { recoveryStore } from '../files/recovery.ts';
import type { IpcRouter } from './ipcRouter.ts';

export function setupRecovery(router: IpcRouter): void {
  const store = recoveryStore(appDataDir());
  router.handle('recovery:write', (_event, snapshot) => store.write(snapshot));
  router.handle('recovery:read', () => store.read());
  router.handle('recovery:clear', () => store.clear());
}
