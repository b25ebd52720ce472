/**
 * Every user command in one table: menus, keyboard shortcuts and the Electron
 * menu (`menu:command`) all dispatch through it, so a shortcut and its menu
 * item cannot drift apart.
 */
import type { MenuCommand } from '../../../solver/contract.ts';
import { importMatpowerCase, newDocument, openDocument, save, saveAs } from '../actions/documentActions.ts';
import { cancelCurrentJob, runCurrentJob } from '../actions/runActions.ts';
import { redo, undo } from '../state/document.ts';
import { openMeterImport } from '../forecast/meterImportState.ts';
import { openTntpImport } from '../transport/tntpImportState.ts';

export const COMMANDS: Record<Exclude<MenuCommand, 'openPath'>, { label: string; shortcut?: string; run: () => unknown }> = {
  new: { label: 'New', run: newDocument },
  open: { label: 'Open…', shortcut: 'Ctrl+O', run: openDocument },
  save: { label: 'Save', shortcut: 'Ctrl+S', run: save },
  saveAs: { label: 'Save As…', shortcut: 'Ctrl+Shift+S', run: saveAs },
  importMatpower: { label: 'Import MATPOWER…', run: importMatpowerCase },
  importTntp: { label: 'Import TNTP road network…', run: openTntpImport },
  importMeterCsv: { label: 'Import meter data (CSV)…', run: openMeterImport },
  undo: { label: 'Undo', shortcut: 'Ctrl+Z', run: undo },
  redo: { label: 'Redo', shortcut: 'Ctrl+Y', run: redo },
  run: { label: 'Run', shortcut: 'Ctrl+Enter', run: runCurrentJob }, // the job chosen in the Run panel
  cancel: { label: 'Cancel', shortcut: 'Esc', run: cancelCurrentJob },
};

/** The command a key press means, if any. */
export function commandForKey(e: KeyboardEvent): keyof typeof COMMANDS | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (e.key === 'Escape' && !mod) return 'cancel';
  if (!mod || e.altKey) return null;
  if (key === 'enter') return 'run';
  if (key === 'o' && !e.shiftKey) return 'open';
  if (key === 's') return e.shiftKey ? 'saveAs' : 'save';
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y') return 'redo';
  return null;
}

/** Runs a command; edits in progress (a focused cell's draft) are committed first. */
export function runCommand(id: keyof typeof COMMANDS) {
  if (id !== 'cancel' && document.activeElement instanceof HTMLElement) document.activeElement.blur();
  return COMMANDS[id].run();
}
