/** File handlers in main: dialogs, atomic save, recent list, path grants, MATPOWER import. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron.ts'));
import { dialog, fakeWebContents, ipcMain } from '../mocks/electron.ts';
import type { ImportedScenario, OpenedFile, SavedFile } from '../../solver/contract.ts';
import { createIpcRouter } from '../../main/electron/ipcRouter.ts';
import { setupFiles, type FilesFeature } from '../../main/electron/files.ts';

const top = { url: 'app://gridgame/index.html', parent: null };
const dir = mkdtempSync(path.join(tmpdir(), 'ggs-files-'));
let files: FilesFeature;
const recentSeen: string[][] = [];

beforeAll(() => {
  process.env.GGS_DATA_DIR = path.join(dir, 'data');
  files = setupFiles({ router: createIpcRouter(), windowOf: () => null, currentWindow: () => null, onRecentChanged: (r) => recentSeen.push(r) });
});

const invoke = <T>(channel: string, ...args: unknown[]) => ipcMain.handlers.get(channel)!({ sender: fakeWebContents(), senderFrame: top }, ...args) as Promise<T>;

describe('file handlers', () => {
  it('Save As writes the file atomically under the chosen name, then Save may write there again', async () => {
    const target = path.join(dir, 'feeder.ggs.json');
    dialog.answers.push({ canceled: false, filePath: target });
    const saved = await invoke<SavedFile>('file:saveAs', { text: '{"a":1}', suggestedName: 'feeder' });
    expect(saved).toEqual({ path: target, name: 'feeder.ggs.json' });
    expect((dialog.shown.at(-1) as { defaultPath: string }).defaultPath).toBe('feeder.ggs.json');
    expect(readFileSync(target, 'utf8')).toBe('{"a":1}');
    await invoke('file:save', { path: target, text: '{"a":2}', suggestedName: 'feeder' });
    expect(readFileSync(target, 'utf8')).toBe('{"a":2}');
    expect(recentSeen.at(-1)?.[0]).toBe(target);
  });

  it('Save without a path asks where, and a cancelled dialog saves nothing', async () => {
    await expect(invoke('file:save', { path: null, text: '{}', suggestedName: 'x' })).resolves.toBeNull();
  });

  it('Open reads the picked file; the recent list may reopen it; other paths are refused', async () => {
    const file = path.join(dir, 'other.ggs.json');
    writeFileSync(file, '{"b":1}');
    await expect(invoke('file:openPath', file)).rejects.toThrow(/not allowed/);
    dialog.answers.push({ canceled: false, filePaths: [file] });
    await expect(invoke<OpenedFile>('file:open')).resolves.toEqual({ path: file, name: 'other.ggs.json', text: '{"b":1}' });
    await expect(invoke<OpenedFile>('file:openPath', file)).resolves.toMatchObject({ text: '{"b":1}' });
    expect(await invoke<string[]>('file:recent')).toEqual([file, path.join(dir, 'feeder.ggs.json')]);
  });

  it('documents from the OS (file association) become openable', async () => {
    const file = path.join(dir, 'from-os.ggs.json');
    writeFileSync(file, '{}');
    files.openFromArgv(['/opt/ggs/gridgame-studio', file]);
    await expect(invoke<OpenedFile>('file:openPath', file)).resolves.toMatchObject({ name: 'from-os.ggs.json' });
  });

  it('imports a MATPOWER case into a new, unsaved scenario', async () => {
    dialog.answers.push({ canceled: false, filePaths: [path.resolve('assets/networks/matpower/case33bw.m')] });
    const imported = await invoke<ImportedScenario>('file:importMatpower');
    expect(imported.name).toBe('case33bw.ggs.json');
    expect(JSON.parse(imported.text).network.buses.length).toBe(33);
  });
});
