/**
 * Every IPC channel between the Electron renderer and main with its payload
 * schema: renderer → main requests (ipcRenderer.invoke; each payload is
 * validated in main), their responses, and main → renderer events.
 */
import { z } from 'zod';
import type { JobProgress, JobResult } from './jobs/core.ts';

const ScenarioText = z.string().max(200 * 1024 * 1024);
const FilePath = z.string().min(1).max(4096);

export const ipcRequests = {
  /** native Open dialog; null when cancelled */
  'file:open': z.tuple([]),
  /** open a given path (recent files, file association, drag and drop) */
  'file:openPath': z.tuple([FilePath]),
  /** atomic write to the path the document came from; without a path behaves as Save As */
  'file:save': z.tuple([z.object({ path: FilePath.nullable(), text: ScenarioText, suggestedName: z.string().max(255) }).strict()]),
  'file:saveAs': z.tuple([z.object({ text: ScenarioText, suggestedName: z.string().max(255) }).strict()]),
  'file:recent': z.tuple([]),
  /** File → Import MATPOWER: dialog, then conversion in main */
  'file:importMatpower': z.tuple([]),
  'recovery:write': z.tuple([z.object({ text: ScenarioText, path: FilePath.nullable(), savedAt: z.number() }).strict()]),
  'recovery:read': z.tuple([]),
  'recovery:clear': z.tuple([]),
  /** the running what-if study's saved points, as JSON text (renderer/src/whatif/savedStudy.ts) */
  'study:write': z.tuple([ScenarioText]),
  'study:read': z.tuple([]),
  'study:clear': z.tuple([]),
  /** `outputs`: what-if output ids; the result then carries only those (JobResult.outputs), not the data */
  'job:run': z.tuple([z.object({ id: z.string().min(1).max(100), request: z.unknown(), outputs: z.array(z.string().min(1).max(100)).max(200).optional() }).strict()]),
  /** a what-if point (PointJob): main's pool sends the base to each worker once, then only the assignments */
  'job:runPoint': z.tuple([
    z
      .object({
        id: z.string().min(1).max(100),
        point: z
          .object({
            base: z.unknown(),
            baseHash: z.string().min(1).max(200),
            assignments: z.array(z.object({ path: z.string().min(1).max(1000), value: z.number() }).strict()).max(100),
            key: z.string().min(1).max(500),
            warmStart: z.unknown().optional(),
            keepWarmState: z.boolean().optional(),
          })
          .strict(),
        outputs: z.array(z.string().min(1).max(100)).max(200).optional(),
      })
      .strict(),
  ]),
  'job:cancel': z.tuple([z.string().min(1).max(100)]),
  /** hold a running job between two steps (true) or let it go on (false) */
  'job:pause': z.tuple([z.string().min(1).max(100), z.boolean()]),
  /** title bar and close guard follow the renderer's dirty flag */
  'window:setDocumentState': z.tuple([z.object({ title: z.string().max(300), dirty: z.boolean() }).strict()]),
  /** the renderer confirmed that the window may close (after its own prompt) */
  'window:closeConfirmed': z.tuple([]),
} as const;
export type IpcRequestChannel = keyof typeof ipcRequests;

export interface OpenedFile {
  path: string | null;
  name: string;
  text: string;
}
export interface SavedFile {
  path: string | null;
  name: string;
}
export interface RecoverySnapshot {
  text: string;
  path: string | null;
  savedAt: number;
}
export interface ImportedScenario {
  name: string;
  text: string;
  warnings: string[];
}

export interface IpcResponses {
  'file:open': OpenedFile | null;
  'file:openPath': OpenedFile;
  'file:save': SavedFile | null;
  'file:saveAs': SavedFile | null;
  'file:recent': string[];
  'file:importMatpower': ImportedScenario | null;
  'recovery:write': void;
  'recovery:read': RecoverySnapshot | null;
  'recovery:clear': void;
  'study:write': void;
  'study:read': string | null;
  'study:clear': void;
  'job:run': JobResult;
  'job:runPoint': JobResult;
  'job:cancel': void;
  'job:pause': void;
  'window:setDocumentState': void;
  'window:closeConfirmed': void;
}

export type IpcArgs<C extends IpcRequestChannel> = z.input<(typeof ipcRequests)[C]>;

/** Main → renderer events (webContents.send). */
export interface IpcEvents {
  'job:progress': { id: string; progress: JobProgress };
  /** a menu item or OS event the renderer must act on */
  'menu:command': { command: MenuCommand; path?: string };
  /** the user tried to close the window while the document is dirty */
  'window:closeRequested': Record<string, never>;
}
export type IpcEventChannel = keyof IpcEvents;

export const MENU_COMMANDS = ['new', 'open', 'openPath', 'save', 'saveAs', 'importMatpower', 'importTntp', 'importMeterCsv', 'undo', 'redo', 'run', 'cancel'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** The object the preload script exposes as `window.ggs`. */
export interface PreloadApi {
  invoke<C extends IpcRequestChannel>(channel: C, ...args: IpcArgs<C>): Promise<IpcResponses[C]>;
  on<E extends IpcEventChannel>(channel: E, listener: (payload: IpcEvents[E]) => void): () => void;
  platform: string;
}
