/**
 * The one interface the UI talks to. Two implementations: the Electron host
 * (preload bridge → IPC → main → worker pool) and the browser host (Web Worker
 * + browser file APIs). Components never touch window.ggs, Workers or files.
 */
import type {
  ImportedScenario,
  JobProgress,
  JobRequest,
  JobResult,
  MenuCommand,
  OpenedFile,
  PointJob,
  RecoverySnapshot,
  SavedFile,
} from '../../../solver/contract.ts';

export type { ImportedScenario, OpenedFile, RecoverySnapshot, SavedFile };

/** A running job: its eventual result (never rejects) and a way to stop it. */
export interface RunningJob {
  promise: Promise<JobResult>;
  cancel(): void;
  /** hold the job between two steps, or let it go on; absent where a host cannot (fakes in tests) */
  pause?(paused: boolean): void;
}

/** An entry of File → Open Recent. `key` is a path (Electron) or a stored handle id (browser). */
export interface RecentFile {
  key: string;
  name: string;
}

export interface DocumentToSave {
  /** where the document came from; null → behaves as Save As */
  path: string | null;
  name: string;
  text: string;
}

export interface Host {
  readonly kind: 'electron' | 'browser';
  open(): Promise<OpenedFile | null>;
  openRecent(file: RecentFile): Promise<OpenedFile | null>;
  save(doc: DocumentToSave): Promise<SavedFile | null>;
  saveAs(doc: Omit<DocumentToSave, 'path'>): Promise<SavedFile | null>;
  recentFiles(): Promise<RecentFile[]>;
  /** pick a MATPOWER case and convert it; throws with the reason when it cannot be imported */
  importMatpower(): Promise<ImportedScenario | null>;
  /**
   * `outputs` (what-if output ids): a host that can, returns only those values
   * (JobResult.outputs) instead of the data; one that cannot returns the data.
   */
  runJob(request: JobRequest, onProgress: (p: JobProgress) => void, outputs?: string[]): RunningJob;
  /**
   * A what-if point as its study's base + assignments: the base crosses to
   * each worker once, then only assignments (ToWorker `point`). A host
   * without it runs points through runJob with the whole request.
   */
  runPoint?(point: PointJob, onProgress: (p: JobProgress) => void, outputs?: string[]): RunningJob;
  /** jobs the host runs at once (its workers); see pointsInFlight (parallelism.ts) */
  readonly jobSlots?: number;
  recovery: {
    write(snapshot: RecoverySnapshot): Promise<void>;
    read(): Promise<RecoverySnapshot | null>;
    clear(): Promise<void>;
  };
  /** the running what-if study's saved points (whatif/savedStudy.ts), as JSON text; a host without it does not resume studies */
  studies?: {
    write(text: string): Promise<void>;
    read(): Promise<string | null>;
    clear(): Promise<void>;
  };
  /** window title and close guard follow the document */
  setDocumentState(title: string, dirty: boolean): void;
  /** native menu items and OS events (Electron); a no-op subscription in the browser */
  onMenuCommand(listener: (command: MenuCommand, path?: string) => void): () => void;
  /** the user tried to close a dirty document; call `confirmClose` to let the window go */
  onCloseRequested(listener: () => void): () => void;
  confirmClose(): void;
}
