import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serveStatic, type StaticServer } from '../../main/web/staticServer.ts';
import { CONTENT_SECURITY_POLICY } from '../../main/web/csp.ts';

describe('serveStatic', () => {
  let server: StaticServer;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ggs-static-'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
    writeFileSync(path.join(dir, 'solver.wasm'), new Uint8Array([0, 97, 115, 109]));
    writeFileSync(path.join(dir, 'worker.mjs'), 'export {}');
    server = await serveStatic(dir, { port: 0 });
  });
  afterAll(() => server.close());

  it('listens on loopback only, on a random port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves index.html for / with the app CSP as a header', async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('gives wasm and mjs the MIME types browsers insist on', async () => {
    expect((await fetch(server.url + 'solver.wasm')).headers.get('content-type')).toBe('application/wasm');
    expect((await fetch(server.url + 'worker.mjs')).headers.get('content-type')).toContain('text/javascript');
  });

  it('refuses to leave the served folder and answers 404 for missing files', async () => {
    // an encoded slash survives URL normalisation and must be caught by the server itself
    expect((await fetch(server.url + '..%2f..%2f..%2fetc%2fpasswd')).status).toBe(403);
    expect((await fetch(server.url + 'nope.js')).status).toBe(404);
  });
});
