/**
 * The only bridge between the sandboxed page and the app: `window.ggs`, typed
 * by the contract. It forwards invoke/on for the contract's channels and
 * nothing else: no ipcRenderer, no event objects, no Node.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcRequests, type IpcEventChannel, type IpcEvents, type PreloadApi } from '../../solver/contract.ts';

// A record keyed by channel: the compiler insists it lists every event, and only those.
const EVENT_CHANNELS: Record<IpcEventChannel, true> = {
  'job:progress': true,
  'menu:command': true,
  'window:closeRequested': true,
};

const isRequestChannel = (c: string) => Object.hasOwn(ipcRequests, c);
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
