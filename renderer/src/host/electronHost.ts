/** The Electron host: every call goes through the preload bridge (`window.ggs`) to main. */
import type { JobKind, JobProgress, JobResult, PreloadApi } from '../../../solver/contract.ts';
import type { Host, RunningJob } from './Host.ts';
import { failedResult } from '../../../solver/jobs/errors.ts';

export function createElectronHost(api: PreloadApi): Host {
  let seq = 0;
  /** A job over IPC under a fresh id: its progress events, its cancel, and a typed failure if main cannot start it. */
  function run(kind: JobKind, invoke: (id: string) => Promise<JobResult>, onProgress: (p: JobProgress) => void): RunningJob {
    const id = `r${Date.now().toString(36)}-${++seq}`;
    const off = api.on('job:progress', (e) => {
      if (e.id === id) onProgress(e.progress);
    });
    const promise = invoke(id)
      .catch((e: unknown) => failedResult(kind, { code: 'internal', message: `the job could not be started: ${String(e)}` }))
      .finally(off);
    return { promise, cancel: () => void api.invoke('job:cancel', id), pause: (paused) => void api.invoke('job:pause', id, paused) };
  }
  return {
    kind: 'electron',
    open: () => api.invoke('file:open'),
    openRecent: (file) => api.invoke('file:openPath', file.key),
    save: (doc) => api.invoke('file:save', { path: doc.path, text: doc.text, suggestedName: doc.name }),
    saveAs: (doc) => api.invoke('file:saveAs', { text: doc.text, suggestedName: doc.name }),
    recentFiles: async () => (await api.invoke('file:recent')).map((path) => ({ key: path, name: path.split(/[\\/]/).pop() ?? path })),
    importMatpower: () => api.invoke('file:importMatpower'),
    runJob: (request, onProgress, outputs) => run(request.kind, (id) => api.invoke('job:run', { id, request, ...(outputs ? { outputs } : {}) }), onProgress),
    // main's pool sends the base to each worker once; warm starts come back with the result
    runPoint: (point, onProgress, outputs) => run(point.base.kind, (id) => api.invoke('job:runPoint', { id, point, ...(outputs ? { outputs } : {}) }), onProgress),
    recovery: {
      write: (s) => api.invoke('recovery:write', s),
      read: () => api.invoke('recovery:read'),
      clear: () => api.invoke('recovery:clear'),
    },
    studies: {
      write: (text) => api.invoke('study:write', text),
      read: () => api.invoke('study:read'),
      clear: () => api.invoke('study:clear'),
    },
    setDocumentState: (title, dirty) => void api.invoke('window:setDocumentState', { title, dirty }),
    onMenuCommand: (listener) => api.on('menu:command', (e) => listener(e.command, e.path)),
    onCloseRequested: (listener) => api.on('window:closeRequested', () => listener()),
    confirmClose: () => void api.invoke('window:closeConfirmed'),
  };
}
