/**
 * Security predicates of the desktop shell: small pure functions, unit tested
 * (test/security/security.test.ts), used by window.ts, protocol.ts and the IPC
 * router. Nothing here imports Electron.
 */
import path from 'node:path';

/** The app is served from one custom, privileged origin (see protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'gridgame';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Content-Security-Policy sent with every response. No remote origin anywhere.
 * `wasm-unsafe-eval`: glpk.js / HiGHS compile WebAssembly; `blob:` workers:
 * glpk.js spawns its own worker from a blob; inline styles: plotly.js injects them.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' blob: data:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for pages of our own app origin. */
export function isTrustedUrl(url: string): boolean {
  const u = parse(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/**
 * The window may only (re)load the app itself; every other navigation (links,
 * drag-and-dropped files, redirects, `location =`) is refused.
 */
export function isAllowedNavigation(targetUrl: string): boolean {
  return isTrustedUrl(targetUrl);
}

/**
 * Links the user may open in the system browser (window.open / target=_blank are
 * always denied in-app). Only plain https, so no file:, smb: or custom handlers.
 */
export function isSafeExternalUrl(url: string): boolean {
  const u = parse(url);
  return u !== null && u.protocol === 'https:' && u.username === '' && u.password === '';
}

/** Sub-resource requests the session lets through: our origin and in-memory data only. */
export function isAllowedRequestUrl(url: string): boolean {
  const u = parse(url);
  if (u === null) return false;
  if (u.protocol === 'blob:') return isTrustedUrl(url.slice('blob:'.length));
  return isTrustedUrl(url) || u.protocol === 'data:' || u.protocol === 'devtools:';
}

/** The renderer needs no device, location, notification or other permission. */
const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);
export function isPermissionAllowed(permission: string, requestingUrl: string): boolean {
  return GRANTED_PERMISSIONS.has(permission) && isTrustedUrl(requestingUrl);
}

/** What an IPC sender looks like to us (Electron's WebFrameMain, reduced). */
export interface SenderFrame {
  url: string;
  /** null for the top-level frame */
  parent: unknown;
}

/** IPC is accepted only from the top frame of a page of our own origin. */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return frame != null && frame.parent === null && isTrustedUrl(frame.url);
}

/**
 * Maps an `app://gridgame/...` URL to a file under `root`, or null when the URL
 * is foreign or tries to leave `root` (`..`, encoded separators, absolute paths).
 */
export function resolveAppFile(root: string, url: string): string | null {
  const u = parse(url);
  if (u === null || !isTrustedUrl(url)) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  if (rel === '/' || rel === '') rel = '/index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, '.' + path.posix.normalize(rel));
  return file.startsWith(base + path.sep) ? file : null;
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
export function mimeTypeFor(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers of every response served to the renderer. */
export function securityHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': mimeTypeFor(file),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}

/** Scenario documents the shell reads or writes on the renderer's behalf. */
export function isScenarioFileName(file: string): boolean {
  return /\.(ggs\.)?json$/i.test(file);
}

/** Default name in the Save dialog: "my feeder" → "my feeder.ggs.json"; never a path, whatever the renderer sent. */
export function scenarioFileName(suggested: string): string {
  const base = path.basename(suggested.replace(/[\\/:*?"<>|\0]/g, '_')).trim() || 'scenario';
  return /\.ggs\.json$/i.test(base) ? base : `${base.replace(/\.json$/i, '')}.ggs.json`;
}

/** The document named on a command line (file association, second instance), if any. */
export function documentPathFromArgv(argv: readonly string[]): string | null {
  // argv[0] is the executable; in development argv[1] is the app folder.
  for (let i = argv.length - 1; i >= 1; i--) {
    const arg = argv[i]!;
    if (!arg.startsWith('-') && /\.ggs\.json$/i.test(arg)) return arg;
  }
  return null;
}

/**
 * Paths the renderer may read or write through `file:openPath` / `file:save`:
 * only those the user chose in a native dialog, opened from the OS (argv,
 * open-file) or from the recent list. A compromised renderer cannot name an
 * arbitrary file.
 */
export class PathGrants {
  readonly #paths = new Set<string>();
  #key(p: string): string {
    const abs = path.resolve(p);
    return process.platform === 'win32' || process.platform === 'darwin' ? abs.toLowerCase() : abs;
  }
  grant(p: string): void {
    this.#paths.add(this.#key(p));
  }
  isGranted(p: string): boolean {
    return path.isAbsolute(p) && isScenarioFileName(p) && this.#paths.has(this.#key(p));
  }
}
