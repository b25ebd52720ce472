/**
 * Title bar, dirty marker and the close guard, all driven by the renderer's
 * `window:setDocumentState` (the renderer formats the title, "● name — GridGame
 * Studio", the same way for the browser tab); plus "the renderer is listening": messages for
 * the page (e.g. a document opened from the OS) wait until the mounted page
 * has reported its state once after each load.
 */
import type { BrowserWindow } from 'electron';
import { sendEvent, type IpcRouter } from './ipcRouter.ts';
import { onWindowCreated } from './window.ts';

interface DocState {
  dirty: boolean;
  /** the renderer agreed (after its own prompt) that the window may close */
  closeConfirmed: boolean;
  rendererReady: boolean;
  pending: Array<() => void>;
}
const states = new WeakMap<BrowserWindow, DocState>();

function stateOf(win: BrowserWindow): DocState {
  let s = states.get(win);
  if (!s) states.set(win, (s = { dirty: false, closeConfirmed: false, rendererReady: false, pending: [] }));
  return s;
}

/** Run `deliver` once the page has mounted and subscribed to events. */
export function whenRendererReady(win: BrowserWindow, deliver: () => void): void {
  const s = stateOf(win);
  if (s.rendererReady) deliver();
  else s.pending.push(deliver);
}

export function setupWindowState(router: IpcRouter, windowOf: (sender: Electron.WebContents) => BrowserWindow | null): void {
  router.handle('window:setDocumentState', (event, { title, dirty }) => {
    const win = windowOf(event.sender);
    if (!win) return;
    const s = stateOf(win);
    s.dirty = dirty;
    win.setTitle(title.trim() || 'GridGame Studio');
    win.setDocumentEdited(dirty);
    if (!s.rendererReady) {
      s.rendererReady = true;
      for (const deliver of s.pending.splice(0)) deliver();
    }
  });

  router.handle('window:closeConfirmed', (event) => {
    const win = windowOf(event.sender);
    if (!win) return;
    stateOf(win).closeConfirmed = true;
    win.close();
  });

  onWindowCreated((win) => {
    win.on('close', (event) => {
      const s = stateOf(win);
      if (s.dirty && !s.closeConfirmed) {
        event.preventDefault();
        sendEvent(win.webContents, 'window:closeRequested', {});
      }
    });
    const notReady = () => {
      stateOf(win).rendererReady = false;
    };
    win.webContents.on('did-start-loading', notReady);
    let lastCrashReload = 0;
    win.webContents.on('render-process-gone', (_e, details) => {
      notReady();
      // Edits are in the recovery snapshot; a reload offers them back. Not in a loop, though.
      stateOf(win).dirty = false;
      const now = Date.now();
      if (details.reason !== 'clean-exit' && !win.isDestroyed() && now - lastCrashReload > 10_000) {
        lastCrashReload = now;
        win.webContents.reload();
      }
    });
  });
}
