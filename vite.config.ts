import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY } from './main/web/csp.ts';

/**
 * Puts the app's CSP into the built index.html. Only at build time: the dev
 * server's React refresh preamble is an inline script the policy forbids.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'ggs-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<!-- csp -->', `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`),
  };
}

/**
 * glpk.js and highs are Emscripten builds that `await import('module')` only
 * when they run under Node (to read their wasm from disk). In a Web Worker that
 * branch never runs; this gives the import an explicit stub instead of Vite's
 * "externalized for browser compatibility" shim and its warning.
 */
const NODE_MODULE_STUB = '\0ggs-node-module-stub';
function nodeOnlyModuleStub(): Plugin {
  return {
    name: 'ggs-node-only-module-stub',
    enforce: 'pre',
    resolveId: (id, importer) => ((id === 'module' || id === 'node:module') && importer && /[\\/]node_modules[\\/](glpk\.js|highs)[\\/]/.test(importer) ? NODE_MODULE_STUB : null),
    load: (id) => (id === NODE_MODULE_STUB ? 'export function createRequire() { throw new Error("createRequire is Node-only"); }\nexport default { createRequire };' : null),
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react(), contentSecurityPolicy(), nodeOnlyModuleStub()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 6000,
  },
  worker: { format: 'es', plugins: () => [nodeOnlyModuleStub()] },
  optimizeDeps: { exclude: ['glpk.js', 'highs'] },
  server: { fs: { allow: [fileURLToPath(new URL('.', import.meta.url))] } },
});
