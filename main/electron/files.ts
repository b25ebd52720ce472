/**
 * File menu work in main: native Open / Save dialogs, atomic writes, recent
 * files, MATPOWER import, and documents handed over by the OS (file
 * association on argv, macOS open-file, a second instance).
 *
 * The renderer never names a path main has not seen first (PathGrants): it can
 * only reopen or save back to files the user picked or the OS passed in.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { app, dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { OpenedFile, SavedFile } from '../../solver/contract.ts';
import { importMatpower } from '../../solver/import/matpower.ts';
import { atomicWrite } from '../files/atomicWrite.ts';
import { appDataDir } from '../files/appDataDir.ts';
import { recentFiles } from '../files/recentFiles.ts';
import { sendEvent, type IpcRouter } from './ipcRouter.ts';
import { PathGrants, documentPathFromArgv, scenarioFileName } from './security.ts';
import { whenRendererReady } from './windowState.ts';

const SCENARIO_FILTERS = [
  { name: 'GridGame Studio scenario', extensions: ['ggs.json'] },
  { name: 'JSON', extensions: ['json'] },
];
const MAX_SCENARIO_BYTES = 200 * 1024 * 1024;

export interface FilesDeps {
  router: IpcRouter;
  windowOf: (sender: Electron.WebContents) => BrowserWindow | null;
  currentWindow: () => BrowserWindow | null;
  /** recent list changed (the menu rebuilds its Open Recent submenu) */
  onRecentChanged?: (recent: string[]) => void;
}

export function setupFiles({ router, windowOf, currentWindow, onRecentChanged }: FilesDeps) {
  const grants = new PathGrants();
  const recent = recentFiles(appDataDir());

  // Files on the recent list may be reopened from the menu or the start page.
  void recent.list().then((list) => {
    for (const file of list) grants.grant(file);
    onRecentChanged?.(list);
  });

  const remember = async (file: string) => {
    grants.grant(file);
    const list = await recent.add(file);
    app.addRecentDocument(file);
    onRecentChanged?.(list);
  };

  const open = async (file: string): Promise<OpenedFile> => {
    const text = await readFile(file, 'utf8');
    if (text.length > MAX_SCENARIO_BYTES) throw new Error(`${path.basename(file)} is larger than 200 MB`);
    await remember(file);
    return { path: file, name: path.basename(file), text };
  };

  const saveTo = async (file: string, text: string): Promise<SavedFile> => {
    await atomicWrite(file, text);
    await remember(file);
    return { path: file, name: path.basename(file) };
  };

  const saveAs = async (win: BrowserWindow | null, text: string, suggestedName: string): Promise<SavedFile | null> => {
    const options: SaveDialogOptions = { title: 'Save scenario', defaultPath: scenarioFileName(suggestedName), filters: SCENARIO_FILTERS };
    const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return null;
    return saveTo(choice.filePath, text);
  };

  const pick = async (win: BrowserWindow | null, options: OpenDialogOptions): Promise<string | null> => {
    const choice = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return choice.canceled ? null : (choice.filePaths[0] ?? null);
  };

  router.handle('file:open', async (event) => {
    const file = await pick(windowOf(event.sender), { title: 'Open scenario', properties: ['openFile'], filters: SCENARIO_FILTERS });
    return file === null ? null : open(file);
  });

  router.handle('file:openPath', async (_event, file) => {
    if (!grants.isGranted(file)) throw new Error(`not allowed to open ${file}: choose it with File → Open`);
    return open(file);
  });

  router.handle('file:save', async (event, { path: file, text, suggestedName }) => {
    if (file === null) return saveAs(windowOf(event.sender), text, suggestedName);
    if (!grants.isGranted(file)) throw new Error(`not allowed to write ${file}: use File → Save As`);
    return saveTo(file, text);
  });

  router.handle('file:saveAs', async (event, { text, suggestedName }) => saveAs(windowOf(event.sender), text, suggestedName));

  router.handle('file:recent', async () => {
    const list = await recent.list();
    for (const file of list) grants.grant(file);
    return list;
  });

  router.handle('file:importMatpower', async (event) => {
    const file = await pick(windowOf(event.sender), {
      title: 'Import MATPOWER case',
      properties: ['openFile'],
      filters: [{ name: 'MATPOWER case', extensions: ['m'] }],
    });
    if (file === null) return null;
    // Refusals (transformers, meshed networks …) throw with the reason; the renderer shows it.
    const { scenario, warnings } = importMatpower(await readFile(file, 'utf8'), path.basename(file));
    return { name: `${path.basename(file, '.m')}.ggs.json`, text: `${JSON.stringify(scenario, null, 2)}\n`, warnings };
  });

  /** A document handed over by the OS: grant it, then ask the page to open it. */
  const openFromOs = (file: string) => {
    const abs = path.resolve(file);
    grants.grant(abs);
    const win = currentWindow();
    if (win) whenRendererReady(win, () => sendEvent(win.webContents, 'menu:command', { command: 'openPath', path: abs }));
  };

  return {
    openFromOs,
    openFromArgv(argv: readonly string[], cwd = process.cwd()) {
      const file = documentPathFromArgv(argv);
      if (file) openFromOs(path.resolve(cwd, file));
    },
    grant: (file: string) => grants.grant(file),
    recentFiles: () => recent.list(),
  };
}
export type FilesFeature = ReturnType<typeof setupFiles>;
