import type { PreloadApi } from '../../../solver/contract.ts';
import type { Host } from './Host.ts';
import { createBrowserHost } from './browserHost.ts';
import { createElectronHost } from './electronHost.ts';

/** Electron's preload exposes `window.ggs`; without it we are the web build. */
export function pickHost(): Host {
  const ggs = (window as unknown as { ggs?: PreloadApi }).ggs;
  return ggs ? createElectronHost(ggs) : createBrowserHost();
}
