/**
 * The browser host: jobs in a pool of Web Workers (cores − 1 by default,
 * `?workers=N` in the address to choose), files through the File System Access
 * API when the browser has it (real Save to the same file, recent files kept as
 * handles in IndexedDB), else through <input type=file> and downloads.
 * Recovery snapshots live in IndexedDB; a dirty document guards `beforeunload`.
 */
import type { MenuCommand, OpenedFile, RecoverySnapshot, SavedFile } from '../../../solver/contract.ts';
import type { DocumentToSave, Host, RecentFile } from './Host.ts';
import { createWorkerJobs } from './workerJobs.ts';
import { kv } from './browserStore.ts';
import { downloadText } from './download.ts';
import { browserWorkerCount } from './parallelism.ts';

// File System Access API (Chromium); not in TypeScript's DOM lib yet.
interface PickerType {
  description: string;
  accept: Record<string, string[]>;
}
interface FsaWindow {
  showOpenFilePicker?(opts: { types?: PickerType[]; multiple?: boolean }): Promise<FileSystemFileHandle[]>;
  showSaveFilePicker?(opts: { suggestedName?: string; types?: PickerType[] }): Promise<FileSystemFileHandle>;
}
interface PermissionedHandle extends FileSystemFileHandle {
  queryPermission?(d: { mode: 'read' | 'readwrite' }): Promise<PermissionState>;
  requestPermission?(d: { mode: 'read' | 'readwrite' }): Promise<PermissionState>;
}

const SCENARIO_TYPES: PickerType[] = [{ description: 'GridGame scenario', accept: { 'application/json': ['.json'] } }];
const MATPOWER_TYPES: PickerType[] = [{ description: 'MATPOWER case', accept: { 'text/plain': ['.m'] } }];
const RECENT_KEY = 'recent';
const RECOVERY_KEY = 'recovery';
/** the running what-if study's saved points (whatif/savedStudy.ts) */
const STUDY_KEY = 'whatif-study';
const MAX_RECENT = 10;
const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

/** <input type=file> fallback; resolves null when the user cancels. */
function pickWithInput(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    input.addEventListener('change', () => {
      resolve(input.files?.[0] ?? null);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve(null);
      input.remove();
    });
    document.body.append(input);
    input.click();
  });
}

export function createBrowserHost(): Host {
  const fsa = window as unknown as FsaWindow;
  const workers = browserWorkerCount(location.search, navigator.hardwareConcurrency);
  const jobs = createWorkerJobs(() => new Worker(new URL('./jobWorker.ts', import.meta.url), { type: 'module' }), workers);
  let dirty = false;
  window.addEventListener('beforeunload', (e) => {
    if (dirty) e.preventDefault();
  });

  async function rememberHandle(handle: FileSystemFileHandle): Promise<string> {
    const recent = (await kv.get<RecentFile[]>(RECENT_KEY)) ?? [];
    // the same file opened twice keeps one entry (isSameEntry compares the file, not the handle)
    for (const r of recent) {
      const h = await kv.get<FileSystemFileHandle>(`handle:${r.key}`);
      if (h && (await h.isSameEntry(handle))) {
        await kv.set(RECENT_KEY, [r, ...recent.filter((x) => x !== r)]);
        return r.key;
      }
    }
    const key = crypto.randomUUID();
    await kv.set(`handle:${key}`, handle);
    const next = [{ key, name: handle.name }, ...recent].slice(0, MAX_RECENT);
    for (const dropped of recent.slice(MAX_RECENT - 1)) await kv.delete(`handle:${dropped.key}`);
    await kv.set(RECENT_KEY, next);
    return key;
  }

  async function readHandle(handle: PermissionedHandle): Promise<OpenedFile> {
    if (handle.queryPermission && (await handle.queryPermission({ mode: 'read' })) !== 'granted')
      await handle.requestPermission?.({ mode: 'read' });
    const text = await (await handle.getFile()).text();
    return { path: await rememberHandle(handle), name: handle.name, text };
  }

  async function pickText(types: PickerType[], accept: string): Promise<{ file: File; handle?: FileSystemFileHandle } | null> {
    if (fsa.showOpenFilePicker) {
      try {
        const [handle] = await fsa.showOpenFilePicker({ types, multiple: false });
        return handle ? { file: await handle.getFile(), handle } : null;
      } catch (e) {
        if (isAbort(e)) return null;
        throw e;
      }
    }
    const file = await pickWithInput(accept);
    return file ? { file } : null;
  }

  async function saveAs(doc: Omit<DocumentToSave, 'path'>): Promise<SavedFile | null> {
    if (!fsa.showSaveFilePicker) {
      downloadText(doc.name, doc.text, 'application/json');
      return { path: null, name: doc.name };
    }
    try {
      const handle = (await fsa.showSaveFilePicker({ suggestedName: doc.name, types: SCENARIO_TYPES })) as PermissionedHandle;
      await writeHandle(handle, doc.text);
      return { path: await rememberHandle(handle), name: handle.name };
    } catch (e) {
      if (isAbort(e)) return null;
      throw e;
    }
  }

  async function writeHandle(handle: PermissionedHandle, text: string) {
    if (handle.queryPermission && (await handle.queryPermission({ mode: 'readwrite' })) !== 'granted')
      await handle.requestPermission?.({ mode: 'readwrite' });
    // createWritable writes to a swap file and replaces the original on close: atomic
    const w = await handle.createWritable();
    await w.write(text);
    await w.close();
  }

  return {
    kind: 'browser',
    async open() {
      const picked = await pickText(SCENARIO_TYPES, '.json,application/json');
      if (!picked) return null;
      const text = await picked.file.text();
      const path = picked.handle ? await rememberHandle(picked.handle) : null;
      return { path, name: picked.file.name, text };
    },
    async openRecent(file: RecentFile) {
      const handle = await kv.get<PermissionedHandle>(`handle:${file.key}`);
      if (!handle) throw new Error(`"${file.name}" is no longer in the recent files`);
      return readHandle(handle);
    },
    async save(doc) {
      const handle = doc.path ? await kv.get<PermissionedHandle>(`handle:${doc.path}`) : undefined;
      if (!handle) return saveAs(doc);
      await writeHandle(handle, doc.text);
      return { path: doc.path, name: handle.name };
    },
    saveAs,
    async recentFiles() {
      return fsa.showOpenFilePicker ? ((await kv.get<RecentFile[]>(RECENT_KEY)) ?? []) : [];
    },
    async importMatpower() {
      const picked = await pickText(MATPOWER_TYPES, '.m,text/plain');
      if (!picked) return null;
      const { importMatpower } = await import('../../../solver/import/matpower.ts');
      const { scenario, warnings } = importMatpower(await picked.file.text(), picked.file.name);
      return { name: picked.file.name.replace(/\.m$/i, '') + '.ggs.json', text: JSON.stringify(scenario, null, 2), warnings };
    },
    runJob: (request, onProgress, outputs) => jobs.run(request, onProgress, outputs),
    runPoint: (point, onProgress, outputs) => jobs.runPoint(point, onProgress, outputs),
    jobSlots: workers,
    recovery: {
      write: (snapshot: RecoverySnapshot) => kv.set(RECOVERY_KEY, snapshot),
      read: async () => (await kv.get<RecoverySnapshot>(RECOVERY_KEY)) ?? null,
      clear: () => kv.delete(RECOVERY_KEY),
    },
    studies: {
      write: (text: string) => kv.set(STUDY_KEY, text),
      read: async () => (await kv.get<string>(STUDY_KEY)) ?? null,
      clear: () => kv.delete(STUDY_KEY),
    },
    setDocumentState(title, isDirty) {
      document.title = title;
      dirty = isDirty;
    },
    onMenuCommand: (_listener: (command: MenuCommand, path?: string) => void) => () => {},
    // the browser asks through beforeunload itself
    onCloseRequested: () => () => {},
    confirmClose: () => {
      dirty = false;
    },
  };
}
