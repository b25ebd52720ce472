/**
 * The only bridge between the sandboxed page and the app: `window.ggs`, typed
 * by the contract. It forwards invoke/on for the contract's channels and
 * nothing else: no ipcRenderer, no event objects, no Node.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { IpcEventChannel, IpcEvents, IpcRequestChannel, PreloadApi } from '../../solver/contract.ts';

// Records keyed by channel: the compiler insists they list every channel of the
// contract, and only those. (Type-only import: the sandboxed preload stays small,
// without zod; main validates every payload anyway.)
const REQUEST_CHANNELS: Record<IpcRequestChannel, true> = {
  'file:open': true,
  'file:openPath': true,
  'file:save': true,
  'file:saveAs': true,
  'file:recent': true,
  'file:importMatpower': true,
  'recovery:write': true,
  'recovery:read': true,
  'recovery:clear': true,
  'study:write': true,
  'study:read': true,
  'study:clear': true,
  'job:run': true,
  'job:runPoint': true,
  'job:cancel': true,
  'job:pause': true,
  'window:setDocumentState': true,
  'window:closeConfirmed': true,
};
const EVENT_CHANNELS: Record<IpcEventChannel, true> = {
  'job:progress': true,
  'menu:command': true,
  'window:closeRequested': true,
};

const isRequestChannel = (c: string) => Object.hasOwn(REQUEST_CHANNELS, c);
const isEventChannel = (c: string) => Object.hasOwn(EVENT_CHANNELS, c);

const api = {
  invoke(channel, ...args) {
    if (!isRequestChannel(channel)) return Promise.reject(new Error(`unknown channel ${String(channel)}`));
    return ipcRenderer.invoke(channel, ...args);
  },
  on<E extends IpcEventChannel>(channel: E, listener: (payload: IpcEvents[E]) => void) {
    if (!isEventChannel(channel)) throw new Error(`unknown event ${String(channel)}`);
    const wrapped = (_event: IpcRendererEvent, payload: IpcEvents[E]) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
  platform: process.platform,
} satisfies PreloadApi;

contextBridge.exposeInMainWorld('ggs', api);
