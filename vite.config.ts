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

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 6000,
  },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['glpk.js', 'highs'] },
  server: { fs: { allow: [fileURLToPath(new URL('.', import.meta.url))] } },
});
