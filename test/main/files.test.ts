import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atomicWrite } from '../../main/files/atomicWrite.ts';
import { recoveryStore } from '../../main/files/recovery.ts';
import { recentFiles, RECENT_FILES_MAX } from '../../main/files/recentFiles.ts';
import { appDataDir } from '../../main/files/appDataDir.ts';

// Injected disk failures: atomicWrite is tested against a full disk and a failing rename.
const inject = vi.hoisted(() => ({ writeFails: false, renameFails: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const diskFull = () => Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
  return {
    ...fs,
    open: async (...args: Parameters<typeof fs.open>) => {
      const handle = await fs.open(...args);
      if (inject.writeFails) {
        const writeFile = handle.writeFile.bind(handle);
        // write part of the data, then fail, as a full disk does
        handle.writeFile = async (data) => {
          await writeFile(String(data).slice(0, 3));
          throw diskFull();
        };
      }
      return handle;
    },
    rename: async (...args: Parameters<typeof fs.rename>) => {
      if (inject.renameFails) throw diskFull();
      return fs.rename(...args);
    },
  };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ggs-files-'));
  inject.writeFails = false;
  inject.renameFails = false;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('atomicWrite', () => {
  it('creates the file with the given content', async () => {
    const target = join(dir, 'a.ggs.json');
    await atomicWrite(target, '{"a":1}');
    expect(await readFile(target, 'utf8')).toBe('{"a":1}');
  });

  it('replaces an existing file and leaves no temporary file behind', async () => {
    const target = join(dir, 'a.ggs.json');
    await writeFile(target, 'old');
    await atomicWrite(target, 'new');
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['a.ggs.json']);
  });

  it.each([
    ['the write', 'writeFails'],
    ['the rename', 'renameFails'],
  ] as const)('leaves the target byte-identical and removes its temporary file when %s fails', async (_what, fault) => {
    const target = join(dir, 'a.ggs.json');
    await writeFile(target, 'precious contents');
    inject[fault] = true;
    await expect(atomicWrite(target, 'replacement that never lands')).rejects.toThrow(/ENOSPC/);
    expect(await readFile(target, 'utf8')).toBe('precious contents');
    expect(await readdir(dir)).toEqual(['a.ggs.json']);
  });

  it('keeps the permissions of the file it replaces', async () => {
    const target = join(dir, 'a.ggs.json');
    await writeFile(target, 'old');
    await chmod(target, 0o640);
    await atomicWrite(target, 'new');
    expect((await stat(target)).mode & 0o777).toBe(0o640);
  });
});

describe('recoveryStore', () => {
  it('reads back the snapshot it wrote', async () => {
    const store = recoveryStore(dir);
    const snapshot = { text: '{"schemaVersion":1}', path: '/home/p/feeder.ggs.json', savedAt: 1_780_000_000_000 };
    await store.write(snapshot);
    expect(await recoveryStore(dir).read()).toEqual(snapshot);
  });

  it('keeps an untitled document (path null)', async () => {
    const store = recoveryStore(dir);
    await store.write({ text: 'x', path: null, savedAt: 1 });
    expect(await store.read()).toEqual({ text: 'x', path: null, savedAt: 1 });
  });

  it('has nothing to offer before a write and after clear', async () => {
    const store = recoveryStore(dir);
    expect(await store.read()).toBeNull();
    await store.write({ text: 'x', path: null, savedAt: 1 });
    await store.clear();
    expect(await store.read()).toBeNull();
    await store.clear(); // clearing twice is harmless
  });

  it('treats a damaged snapshot as no snapshot', async () => {
    const store = recoveryStore(dir);
    await store.write({ text: 'x', path: null, savedAt: 1 });
    await writeFile(join(dir, 'recovery', 'snapshot.json'), '{"text": 3');
    expect(await store.read()).toBeNull();
    await writeFile(join(dir, 'recovery', 'snapshot.json'), '{"text": 3, "path": null, "savedAt": 1}');
    expect(await store.read()).toBeNull();
  });
});

describe('recentFiles', () => {
  async function touch(name: string) {
    const path = join(dir, name);
    await writeFile(path, '{}');
    return path;
  }

  it('lists files newest first without duplicates, and remembers them across instances', async () => {
    const [a, b] = [await touch('a.ggs.json'), await touch('b.ggs.json')];
    const recent = recentFiles(join(dir, 'data'));
    await recent.add(a);
    await recent.add(b);
    await recent.add(a);
    expect(await recentFiles(join(dir, 'data')).list()).toEqual([a, b]);
  });

  it(`keeps at most ${RECENT_FILES_MAX} files`, async () => {
    const recent = recentFiles(join(dir, 'data'));
    const paths: string[] = [];
    for (let i = 0; i < RECENT_FILES_MAX + 3; i++) paths.push(await touch(`f${i}.ggs.json`));
    for (const p of paths) await recent.add(p);
    expect(await recent.list()).toEqual(paths.slice(-RECENT_FILES_MAX).reverse());
  });

  it('drops files that no longer exist', async () => {
    const [a, b] = [await touch('a.ggs.json'), await touch('b.ggs.json')];
    const recent = recentFiles(join(dir, 'data'));
    await recent.add(a);
    await recent.add(b);
    await rm(a);
    expect(await recent.list()).toEqual([b]);
  });

  it('loses no entry when files are added concurrently', async () => {
    const paths = [await touch('a.ggs.json'), await touch('b.ggs.json'), await touch('c.ggs.json')];
    const recent = recentFiles(join(dir, 'data'));
    await Promise.all(paths.map((p) => recent.add(p)));
    expect((await recent.list()).sort()).toEqual([...paths].sort());
  });

  it('removes and clears entries', async () => {
    const [a, b] = [await touch('a.ggs.json'), await touch('b.ggs.json')];
    const recent = recentFiles(join(dir, 'data'));
    await recent.add(a);
    await recent.add(b);
    expect(await recent.remove(a)).toEqual([b]);
    await recent.clear();
    expect(await recent.list()).toEqual([]);
  });

  it('starts afresh from a damaged list', async () => {
    await writeFile(join(dir, 'recent-files.json'), 'not json');
    expect(await recentFiles(dir).list()).toEqual([]);
    await writeFile(join(dir, 'recent-files.json'), '{"files": 1}');
    expect(await recentFiles(dir).list()).toEqual([]);
  });
});

describe('appDataDir', () => {
  const home = '/home/ada';
  it('follows each platform convention, like Electron userData', () => {
    expect(appDataDir({ platform: 'linux', env: {}, home })).toBe('/home/ada/.config/GridGame Studio');
    expect(appDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg' }, home })).toBe('/xdg/GridGame Studio');
    expect(appDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: 'relative' }, home })).toBe('/home/ada/.config/GridGame Studio');
    expect(appDataDir({ platform: 'darwin', env: {}, home: '/Users/ada' })).toBe('/Users/ada/Library/Application Support/GridGame Studio');
    expect(appDataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, home: 'C:\\Users\\ada' })).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\GridGame Studio',
    );
  });

  it('is overridden by GGS_DATA_DIR', () => {
    expect(appDataDir({ platform: 'linux', env: { GGS_DATA_DIR: '/tmp/ggs' }, home })).toBe('/tmp/ggs');
  });
});
