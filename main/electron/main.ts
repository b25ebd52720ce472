/**
 * Electron main process: a list of setup steps. Each feature module registers
 * its own IPC handlers on the one router (ipcRouter.ts); the router refuses to
 * start if a channel of the contract has no handler.
 */
import { app, BrowserWindow } from 'electron';
import type { MenuCommand } from '../../solver/contract.ts';
import { appDataDir } from '../files/appDataDir.ts';
import { setupFiles } from './files.ts';
import { createIpcRouter, sendEvent } from './ipcRouter.ts';
import { setupJobs } from './jobs.ts';
import { setupMenu } from './menu.ts';
import { setupAppProtocol, setupAppScheme } from './protocol.ts';
import { setupRecovery } from './recovery.ts';
import { setupSessionSecurity } from './sessionSecurity.ts';
import { createMainWindow, currentWindow, focusMainWindow } from './window.ts';
import { setupWindowState, whenRendererReady } from './windowState.ts';

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the documents; it gets our argv via 'second-instance'.
  app.quit();
} else {
  // One data folder for the app, the CLI and the browser fallback (recent files, recovery, profile).
  app.setPath('userData', appDataDir());
  setupAppScheme();
  // macOS hands documents over before 'ready'; keep them until the window exists.
  const earlyOpens: string[] = [];
  let openFromOs = (file: string) => void earlyOpens.push(file);
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openFromOs(file);
  });

  void app.whenReady().then(() => {
    setupSessionSecurity();
    setupAppProtocol();

    const windowOf = (sender: Electron.WebContents) => BrowserWindow.fromWebContents(sender);
    const router = createIpcRouter({ isOurWebContents: (sender) => sender === currentWindow()?.webContents });
    const sendCommand = (command: MenuCommand, path?: string) => {
      const win = currentWindow();
      if (win) whenRendererReady(win, () => sendEvent(win.webContents, 'menu:command', path ? { command, path } : { command }));
    };
    const rebuildMenu = setupMenu(sendCommand);
    const files = setupFiles({ router, windowOf, currentWindow, onRecentChanged: rebuildMenu });
    const jobs = setupJobs(router);
    setupRecovery(router);
    setupWindowState(router, windowOf);
    router.assertComplete();

    createMainWindow();
    openFromOs = (file) => {
      files.openFromOs(file);
      focusMainWindow();
    };
    for (const file of earlyOpens.splice(0)) openFromOs(file);
    files.openFromArgv(process.argv);

    app.on('second-instance', (_event, argv, cwd) => {
      if (!currentWindow()) createMainWindow();
      focusMainWindow();
      files.openFromArgv(argv, cwd);
    });
    app.on('activate', () => {
      if (!currentWindow()) createMainWindow();
    });
    app.on('window-all-closed', () => {
      if (process.platform !== 'darwin') app.quit();
    });
    app.on('will-quit', () => void jobs.close());
  });
}
