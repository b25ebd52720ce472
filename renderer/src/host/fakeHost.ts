/** An in-memory Host for component and store tests: files in a Map, jobs answered by a callback. */
import type { JobRequest, JobResult, RecoverySnapshot } from '../../../solver/contract.ts';
import type { Host, RecentFile } from './Host.ts';

export function createFakeHost(answer: (r: JobRequest) => JobResult, files = new Map<string, string>()): Host & { files: Map<string, string>; title: string } {
  let recovery: RecoverySnapshot | null = null;
  const fake = {
    kind: 'browser' as const,
    files,
    title: '',
    open: async () => null,
    openRecent: async (f: RecentFile) => ({ path: f.key, name: f.name, text: files.get(f.key) ?? '' }),
    save: async (doc: { path: string | null; name: string; text: string }) => {
      const path = doc.path ?? doc.name;
      files.set(path, doc.text);
      return { path, name: doc.name };
    },
    saveAs: async (doc: { name: string; text: string }) => {
      files.set(doc.name, doc.text);
      return { path: doc.name, name: doc.name };
    },
    recentFiles: async () => [...files.keys()].map((k) => ({ key: k, name: k })),
    importMatpower: async () => null,
    runJob: (r: JobRequest) => ({ promise: Promise.resolve(answer(r)), cancel() {} }),
    recovery: {
      write: async (s: RecoverySnapshot) => void (recovery = s),
      read: async () => recovery,
      clear: async () => void (recovery = null),
    },
    setDocumentState(title: string) {
      fake.title = title;
    },
    onMenuCommand: () => () => {},
    onCloseRequested: () => () => {},
    confirmClose() {},
  };
  return fake;
}
