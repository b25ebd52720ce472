/** electron-builder.yml is checked by electron-builder's own schema validator (packaging itself needs an Electron zip). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): Record<string, unknown> };
const config = yaml.load(readFileSync('electron-builder.yml', 'utf8'));

describe('electron-builder.yml', () => {
  it('passes electron-builder validation', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('packages only built output and locks the binary with fuses', () => {
    expect(config.files).toEqual(['dist/web/**/*', 'dist-electron/**/*', '!dist-electron/**/*.map', 'package.json', '!**/node_modules/**/*']);
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect((config.extraMetadata as { main: string }).main).toBe(pkg.main);
  });

  it('associates .ggs.json scenarios with the app', () => {
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: 'ggs.json', name: 'GridGame Studio scenario', role: 'Editor', mimeType: 'application/x-gridgame-scenario+json' }),
    ]);
  });
});
