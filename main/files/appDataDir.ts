/**
 * Where GridGame Studio keeps its own files (recent list, recovery snapshots):
 * the same folder Electron's app.getPath('userData') gives, so the desktop app
 * and the CLI share them. GGS_DATA_DIR overrides it (tests, portable installs).
 */
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const APP_DIR_NAME = 'GridGame Studio';

export interface PlatformInfo {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
}

export function appDataDir(info: PlatformInfo = { platform: process.platform, env: process.env, home: homedir() }): string {
  const { platform, env, home } = info;
  if (env.GGS_DATA_DIR) return env.GGS_DATA_DIR;
  if (platform === 'win32') return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  // XDG: a relative XDG_CONFIG_HOME is invalid and must be ignored
  const xdg = env.XDG_CONFIG_HOME;
  return posix.join(xdg && posix.isAbsolute(xdg) ? xdg : posix.join(home, '.config'), APP_DIR_NAME);
}
