/**
 * Session- and app-wide hardening that does not depend on one window:
 * permissions denied, only our origin (and in-memory blob/data) may be fetched,
 * CSP on any response not already served by protocol.ts, and every webContents
 * ever created (including ones we never asked for) gets navigation, new windows
 * and <webview> blocked.
 */
import { app, session, shell, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY, isAllowedNavigation, isAllowedRequestUrl, isPermissionAllowed, isSafeExternalUrl } from './security.ts';

export function setupSessionSecurity(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((wc, permission, callback) => callback(isPermissionAllowed(permission, wc.getURL())));
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequestUrl(details.url) }));
  ses.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }),
  );
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}

export function hardenWebContents(contents: WebContents): void {
  const refuse = (event: { preventDefault(): void }, url: string) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => refuse(event, event.url));
  contents.on('will-frame-navigate', (event) => refuse(event, event.url));
  contents.on('will-redirect', (event) => refuse(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Never a new Electron window; a plain https link goes to the system browser.
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}
