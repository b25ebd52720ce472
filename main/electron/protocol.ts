/**
 * The renderer is served from `app://gridgame/` rather than file://: Chromium
 * refuses module workers from file://, and a standard, secure scheme gives the
 * page a real origin for 'self' in the CSP, fetch() of wasm assets and storage.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { app, protocol } from 'electron';
import { APP_SCHEME, resolveAppFile, securityHeaders } from './security.ts';

/** Must run before `app.whenReady()`. */
export function setupAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Folder of the built renderer (inside app.asar once packaged). */
export function webRoot(): string {
  return path.join(app.getAppPath(), 'dist', 'web');
}

export function setupAppProtocol(root = webRoot()): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(root, request.url);
    if (file === null) return new Response('forbidden', { status: 403 });
    try {
      return new Response(await readFile(file), { headers: securityHeaders(file) });
    } catch {
      return new Response('not found', { status: 404, headers: securityHeaders('x.txt') });
    }
  });
}
