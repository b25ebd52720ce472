/**
 * Global set-up of the e2e project: build dist/web once, before any file
 * starts, so files running side by side do not both start a vite build of a
 * stale dist/web (each then only finds it fresh: browser.ts ensureWebBuild).
 */
import { ensureWebBuild } from './browser.ts';

export default function setup() {
  ensureWebBuild();
}
