/** The application menubar (File, Edit, Run, View) with submenus for recent files and samples. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { TemporalState } from 'zundo';
import { COMMANDS, runCommand } from './commands.ts';
import { SAMPLES } from '../samples.ts';
import { openRecent, openSample } from '../actions/documentActions.ts';
import { host } from '../host/hostRef.ts';
import type { RecentFile } from '../host/Host.ts';
import { useSession } from '../state/session.ts';
import { useDocument } from '../state/document.ts';

type Item =
  | { kind: 'command'; id: keyof typeof COMMANDS; disabled?: boolean }
  | { kind: 'action'; label: string; run: () => unknown; checked?: boolean; testId?: string }
  | { kind: 'submenu'; label: string; items: Item[]; testId: string }
  | { kind: 'separator' };

export function MenuBar() {
  const [open, setOpen] = useState<string | null>(null);
  const [recent, setRecent] = useState<RecentFile[]>([]);
  const bar = useRef<HTMLDivElement>(null);
  const running = useSession((s) => s.job.running);
  const classroom = useSession((s) => s.classroom);
  const canUndo = useHistory((t) => t.pastStates.length > 0);
  const canRedo = useHistory((t) => t.futureStates.length > 0);

  useEffect(() => {
    if (open === 'File') void host().recentFiles().then(setRecent, () => setRecent([]));
  }, [open]);
  useEffect(() => {
    const close = (e: MouseEvent) => {
      if (!bar.current?.contains(e.target as Node)) setOpen(null);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, []);

  const menus: Record<string, Item[]> = {
    File: [
      { kind: 'command', id: 'new' },
      { kind: 'command', id: 'open' },
      {
        kind: 'submenu',
        label: 'Open Recent',
        testId: 'menu-recent',
        items: recent.length ? recent.map((r) => ({ kind: 'action', label: r.name, run: () => openRecent(r) })) : [{ kind: 'action', label: '(none)', run: () => {} }],
      },
      { kind: 'separator' },
      { kind: 'command', id: 'save' },
      { kind: 'command', id: 'saveAs' },
      { kind: 'separator' },
      { kind: 'command', id: 'importMatpower' },
      { kind: 'command', id: 'importTntp' },
      { kind: 'command', id: 'importMeterCsv' },
      { kind: 'submenu', label: 'Samples', testId: 'menu-samples', items: SAMPLES.map((s) => ({ kind: 'action', label: s.fileName, run: () => openSample(s.id), testId: `sample-${s.id}` })) },
    ],
    Edit: [
      { kind: 'command', id: 'undo', disabled: !canUndo },
      { kind: 'command', id: 'redo', disabled: !canRedo },
    ],
    Run: [
      { kind: 'command', id: 'run', disabled: running },
      { kind: 'command', id: 'cancel', disabled: !running },
    ],
    View: [{ kind: 'action', label: 'Classroom mode (large fonts)', checked: classroom, run: () => useSession.getState().set({ classroom: !classroom }) }],
  };

  const choose = (run: () => unknown) => {
    setOpen(null);
    void run();
  };

  const renderItems = (items: Item[]): ReactNode =>
    items.map((item, i) => {
      switch (item.kind) {
        case 'separator':
          return <div key={i} className="menu-sep" />;
        case 'command': {
          const c = COMMANDS[item.id];
          return (
            <button key={i} className="menu-item" role="menuitem" disabled={item.disabled} data-testid={`menu-${item.id}`} onClick={() => choose(() => runCommand(item.id))}>
              <span>{c.label}</span>
              <span className="menu-shortcut">{c.shortcut}</span>
            </button>
          );
        }
        case 'action':
          return (
            <button key={i} className="menu-item" role="menuitem" data-testid={item.testId} onClick={() => choose(item.run)}>
              <span>
                {item.checked !== undefined && <span className="menu-check">{item.checked ? '✓' : ''}</span>}
                {item.label}
              </span>
            </button>
          );
        case 'submenu':
          return (
            <div key={i} className="menu-item submenu" role="menuitem" tabIndex={0} data-testid={item.testId}>
              <span>{item.label}</span>
              <span className="menu-shortcut">▸</span>
              <div className="menu-dropdown nested">{renderItems(item.items)}</div>
            </div>
          );
      }
    });

  return (
    <div className="menubar" ref={bar} role="menubar">
      <span className="app-mark" aria-hidden>
        ⚡
      </span>
      {Object.entries(menus).map(([name, items]) => (
        <div key={name} className={`menu${open === name ? ' open' : ''}`}>
          <button
            className="menu-title"
            data-testid={`menu-title-${name}`}
            onMouseDown={(e) => {
              e.preventDefault();
              setOpen(open === name ? null : name);
            }}
            onMouseEnter={() => open && setOpen(name)}
          >
            {name}
          </button>
          {open === name && (
            <div className="menu-dropdown" role="menu">
              {renderItems(items)}
            </div>
          )}
        </div>
      ))}
      <DocumentName />
    </div>
  );
}

function DocumentName() {
  const name = useDocument((s) => s.file.name);
  const dirty = useDocument((s) => s.scenario !== s.savedScenario);
  return (
    <div className="doc-name" data-testid="doc-name">
      {dirty && <span className="dirty-dot" title="unsaved changes">●</span>} {name}
    </div>
  );
}

/** Undo/redo availability, reactive. */
function useHistory<T>(select: (t: TemporalState<{ scenario: unknown }>) => T): T {
  return useStore(useDocument.temporal as never, select as never) as T;
}
