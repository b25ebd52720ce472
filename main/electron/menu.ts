/**
 * The application menu mirrors the renderer's commands: each item only sends
 * `menu:command` and the renderer does the work, exactly as for its own
 * toolbar and shortcuts. Accelerators are shown but not registered
 * (registerAccelerator: false) because the renderer already handles those keys
 * in both hosts; registering them too would run each command twice and steal
 * Ctrl+Z from text fields.
 */
import path from 'node:path';
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../solver/contract.ts';

export type SendCommand = (command: MenuCommand, path?: string) => void;

export function menuTemplate(send: SendCommand, recent: readonly string[], platform = process.platform): MenuItemConstructorOptions[] {
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator, registerAccelerator: false } : {}),
    click: () => send(command),
  });
  const recentItems: MenuItemConstructorOptions[] =
    recent.length === 0
      ? [{ label: 'No recent files', enabled: false }]
      : recent.map((file) => ({ label: `${path.basename(file)} — ${path.dirname(file)}`, click: () => send('openPath', file) }));

  const mac = platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: '&File',
      submenu: [
        item('New', 'new', 'CmdOrCtrl+N'),
        item('Open…', 'open', 'CmdOrCtrl+O'),
        { label: 'Open Recent', submenu: recentItems },
        { type: 'separator' },
        item('Save', 'save', 'CmdOrCtrl+S'),
        item('Save As…', 'saveAs', 'CmdOrCtrl+Shift+S'),
        { type: 'separator' },
        item('Import MATPOWER Case…', 'importMatpower'),
        item('Import TNTP Road Network…', 'importTntp'),
        item('Import Meter Data (CSV)…', 'importMeterCsv'),
        ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
      ],
    },
    {
      label: '&Edit',
      submenu: [
        item('Undo', 'undo', 'CmdOrCtrl+Z'),
        item('Redo', 'redo', mac ? 'Cmd+Shift+Z' : 'Ctrl+Y'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&Run',
      submenu: [item('Run Job', 'run', 'CmdOrCtrl+Enter'), item('Cancel Job', 'cancel', 'Escape')],
    },
    {
      label: '&View',
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: `About ${app.getName()}`, click: () => app.showAboutPanel() }],
    },
  ];
}

/** Installs the menu; call the returned function when the recent list changes. */
export function setupMenu(send: SendCommand): (recent: readonly string[]) => void {
  const build = (recent: readonly string[]) => Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(send, recent)));
  build([]);
  return build;
}
