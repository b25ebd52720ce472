/**
 * The Content-Security-Policy of the app, one string shared by the built
 * index.html (meta tag), the static web server (response header) and the
 * Electron shell. plotly injects inline styles; glpk.js spawns a blob: worker
 * and instantiates wasm, hence 'unsafe-inline' for styles, blob: workers and
 * 'wasm-unsafe-eval' — nothing else is loosened.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
