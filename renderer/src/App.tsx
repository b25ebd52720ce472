/**
 * The window: menubar; scenario tree | editor | run panel and results;
 * status bar. Wires the keyboard, the Electron menu, the title/dirty state,
 * autosave and the crash-recovery offer.
 */
import { useEffect } from 'react';
import { MenuBar } from './shell/MenuBar.tsx';
import { ScenarioTree } from './shell/ScenarioTree.tsx';
import { Editor } from './shell/Editor.tsx';
import { Dialog } from './shell/Dialog.tsx';
import { MeterImport } from './forecast/MeterImportDialog.tsx';
import { TntpImport } from './transport/TntpImportDialog.tsx';
import { RunPanel, LogView } from './run/RunPanel.tsx';
import { ResultsPanel } from './results/ResultsPanel.tsx';
import { COMMANDS, commandForKey, runCommand } from './shell/commands.ts';
import { documentTitle, isDirty, useDocument } from './state/document.ts';
import { useSession } from './state/session.ts';
import { useIssues } from './state/useIssues.ts';
import { host } from './host/hostRef.ts';
import { offerRecovery, openRecent, save, startAutosave } from './actions/documentActions.ts';
import { ask } from './state/session.ts';

function useShell() {
  // title and close guard follow the document
  const name = useDocument((s) => s.file.name);
  const dirty = useDocument(isDirty);
  useEffect(() => host().setDocumentState(documentTitle(name, dirty), dirty), [name, dirty]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const id = commandForKey(e);
      if (!id) return;
      // inside a text field, undo/redo belong to the field
      const inField = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      if (inField && (id === 'undo' || id === 'redo')) return;
      if (id === 'cancel' && !useSession.getState().job.running) return;
      e.preventDefault();
      void runCommand(id);
    };
    window.addEventListener('keydown', onKey);
    const offMenu = host().onMenuCommand((command, path) => {
      if (command === 'openPath') {
        if (path) void openRecent({ key: path, name: path.split(/[\\/]/).pop() ?? path });
      } else if (command in COMMANDS) void runCommand(command);
    });
    const offClose = host().onCloseRequested(async () => {
      const choice = await ask({
        title: 'Unsaved changes',
        message: `Save the changes to ${useDocument.getState().file.name} before closing?`,
        buttons: [
          { label: 'Save', value: 'save', primary: true },
          { label: "Don't save", value: 'discard' },
          { label: 'Cancel', value: 'cancel' },
        ],
      });
      if (choice === 'discard' || (choice === 'save' && (await save()))) {
        await host().recovery.clear();
        host().confirmClose();
      }
    });
    const stopAutosave = startAutosave();
    void offerRecovery();
    // a what-if study a reload or crash interrupted carries on from its saved points (loaded only when there is one)
    void host().studies?.read().then(async (saved) => { if (saved) await (await import('./whatif/runWhatif.ts')).resumeSavedStudy(); }, () => undefined);
    // shortcuts and menus are live from here on (end-to-end tests wait for it)
    document.documentElement.dataset.ready = 'true';
    return () => {
      window.removeEventListener('keydown', onKey);
      offMenu();
      offClose();
      stopAutosave();
    };
  }, []);
}

function StatusBar() {
  const issues = useIssues();
  const buses = useDocument((s) => s.scenario.network.buses.length);
  const T = useDocument((s) => s.scenario.time.T);
  const running = useSession((s) => s.job.running);
  const first = issues.entries().next().value;
  return (
    <footer className="statusbar" data-testid="statusbar">
      <span className={issues.size ? 'status-invalid' : 'status-valid'} title={first ? `${first[0]}: ${first[1]}` : undefined}>
        {issues.size ? `⚠ ${issues.size} validation issue${issues.size > 1 ? 's' : ''}${first ? ` — ${first[0]}: ${first[1]}` : ''}` : '✓ scenario valid'}
      </span>
      <span>{buses} buses</span>
      <span>T = {String(T)}</span>
      <span>{running ? 'solving…' : 'ready'}</span>
      <span>{host().kind === 'electron' ? 'desktop' : 'web'}</span>
    </footer>
  );
}

export function App() {
  useShell();
  const classroom = useSession((s) => s.classroom);
  return (
    <div className={`app${classroom ? ' classroom' : ''}`}>
      <MenuBar />
      <div className="workspace">
        <ScenarioTree />
        <Editor />
        <aside className="side">
          <div className="pane-title">Run</div>
          <RunPanel />
          <div className="pane-title">Results</div>
          <div className="results-scroll">
            <ResultsPanel />
          </div>
          <div className="pane-title">Log</div>
          <LogView />
        </aside>
      </div>
      <StatusBar />
      <Dialog />
      <MeterImport />
      <TntpImport />
    </div>
  );
}
