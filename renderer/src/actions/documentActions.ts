/**
 * What File menu items do. Opening text always goes through validateScenario:
 * an invalid file is reported ("path: message" lines) and the current
 * document stays untouched.
 */
import { formatIssue, validateScenario } from '../../../solver/scenario/validate.ts';
import { migrate } from '../../../solver/scenario/migrate.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { emptyScenario, isDirty, useDocument, type DocumentFile } from '../state/document.ts';
import { ask, log, selectJobOf, tell, useSession } from '../state/session.ts';
import { host } from '../host/hostRef.ts';
import type { RecentFile } from '../host/Host.ts';
import { SAMPLES } from '../samples.ts';

export const scenarioText = (s: ScenarioInput) => JSON.stringify(s, null, 2) + '\n';

/** Parses and validates; on failure shows the issues and returns null. */
export async function acceptScenarioText(text: string, name: string): Promise<ScenarioInput | null> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    log('error', `${name}: not valid JSON; not opened`);
    await tell(`Cannot open ${name}`, 'The file is not valid JSON. Your current document is unchanged.', [
      e instanceof Error ? e.message : String(e),
    ]);
    return null;
  }
  const result = validateScenario(raw);
  if (!result.ok) {
    const n = result.issues.length;
    log('error', `${name}: ${n} validation issue${n > 1 ? 's' : ''}; not opened`);
    await tell(
      `Cannot open ${name}`,
      `The file is not a valid scenario (${n} issue${n > 1 ? 's' : ''}). Your current document is unchanged.`,
      result.issues.map(formatIssue),
    );
    return null;
  }
  for (const w of result.warnings) log('warn', `${name}: ${formatIssue(w)}`);
  // keep the file's own fields (not the defaults zod fills in), after migration
  const migrated = migrate(raw);
  return (migrated.ok ? migrated.value : raw) as ScenarioInput;
}

/** Before replacing a dirty document: save it, discard it, or stay. */
async function mayReplaceDocument(): Promise<boolean> {
  const doc = useDocument.getState();
  if (!isDirty(doc)) return true;
  const choice = await ask({
    title: 'Unsaved changes',
    message: `Save the changes to ${doc.file.name} first?`,
    buttons: [
      { label: 'Save', value: 'save', primary: true },
      { label: "Don't save", value: 'discard' },
      { label: 'Cancel', value: 'cancel' },
    ],
  });
  if (choice === 'save') return save();
  return choice === 'discard';
}

function adopt(scenario: ScenarioInput, file: DocumentFile, dirty = false) {
  useDocument.getState().load(scenario, file, { dirty });
  useSession.getState().set({ period: 0, selectedBus: null, selectedLine: null, shownResult: null });
  selectJobOf(scenario);
  log('info', `opened ${file.name}`);
}

async function openText(text: string, file: DocumentFile) {
  const scenario = await acceptScenarioText(text, file.name);
  if (scenario) adopt(scenario, file);
}

/** A scenario built in the app (e.g. from imported meter data) as a new, unsaved document. */
export async function openBuiltScenario(scenario: ScenarioInput, name: string): Promise<boolean> {
  if (!(await mayReplaceDocument())) return false;
  const checked = await acceptScenarioText(scenarioText(scenario), name);
  if (!checked) return false;
  adopt(checked, { path: null, name }, true);
  return true;
}

export async function newDocument() {
  if (await mayReplaceDocument()) adopt(emptyScenario(), { path: null, name: 'untitled.ggs.json' });
}

export async function openDocument() {
  if (!(await mayReplaceDocument())) return;
  const opened = await guard(() => host().open(), 'open the file');
  if (opened) await openText(opened.text, { path: opened.path, name: opened.name });
}

export async function openRecent(file: RecentFile) {
  if (!(await mayReplaceDocument())) return;
  const opened = await guard(() => host().openRecent(file), `open ${file.name}`);
  if (opened) await openText(opened.text, { path: opened.path, name: opened.name });
}

export async function openSample(id: string) {
  if (!(await mayReplaceDocument())) return;
  const sample = SAMPLES.find((s) => s.id === id);
  if (!sample) return;
  // a sample opens as a new document, so Save asks where to put the copy
  await openText(await sample.load(), { path: null, name: sample.fileName });
}

export async function save(): Promise<boolean> {
  const doc = useDocument.getState();
  const saved = await guard(() => host().save({ path: doc.file.path, name: doc.file.name, text: scenarioText(doc.scenario) }), 'save');
  return afterSave(saved, doc.scenario);
}

export async function saveAs(): Promise<boolean> {
  const doc = useDocument.getState();
  const saved = await guard(() => host().saveAs({ name: doc.file.name, text: scenarioText(doc.scenario) }), 'save');
  return afterSave(saved, doc.scenario);
}

function afterSave(saved: { path: string | null; name: string } | null, scenario: ScenarioInput): boolean {
  if (!saved) return false;
  // mark exactly what was written as saved, even if the user edited meanwhile
  useDocument.getState().markSaved(saved, scenario);
  void host().recovery.clear();
  log('info', `saved ${saved.name}`);
  return true;
}

export async function importMatpowerCase() {
  if (!(await mayReplaceDocument())) return;
  const imported = await guard(() => host().importMatpower(), 'import the MATPOWER case');
  if (!imported) return;
  const scenario = await acceptScenarioText(imported.text, imported.name);
  if (!scenario) return;
  adopt(scenario, { path: null, name: imported.name }, true);
  for (const w of imported.warnings) log('warn', `import: ${w}`);
}

/** Runs a host call; a thrown error becomes a dialog (e.g. an importer's refusal with its reason). */
async function guard<T>(call: () => Promise<T>, what: string): Promise<T | null> {
  try {
    return await call();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    log('error', `could not ${what}: ${message}`);
    await tell(`Could not ${what}`, message);
    return null;
  }
}

// ───────── crash recovery ─────────

/** At startup: offer the snapshot a crashed or killed session left behind. */
let recoveryOffered = false;
export async function offerRecovery() {
  if (recoveryOffered) return; // once per page, even if the shell effect re-runs
  recoveryOffered = true;
  const snapshot = await host()
    .recovery.read()
    .catch(() => null);
  if (!snapshot) return;
  const when = new Date(snapshot.savedAt).toLocaleString();
  const choice = await ask({
    title: 'Unsaved work found',
    message: `Restore unsaved work from ${when}?`,
    buttons: [
      { label: 'Restore', value: 'restore', primary: true },
      { label: 'Discard', value: 'discard' },
    ],
  });
  if (choice === 'restore') {
    const scenario = await acceptScenarioText(snapshot.text, 'the recovered document');
    if (scenario) {
      const name = snapshot.path?.split(/[\\/]/).pop() ?? 'recovered.ggs.json';
      adopt(scenario, { path: snapshot.path, name }, true);
      log('info', `restored unsaved work from ${when}`);
      return;
    }
  }
  await host().recovery.clear();
}

export const AUTOSAVE_MS = 3000;

/** Writes the dirty document to the recovery location every AUTOSAVE_MS; clears it once clean. */
export function startAutosave(): () => void {
  let written: ScenarioInput | null = null;
  const timer = setInterval(() => {
    const doc = useDocument.getState();
    if (isDirty(doc)) {
      if (doc.scenario === written) return;
      written = doc.scenario;
      void host().recovery.write({ text: scenarioText(doc.scenario), path: doc.file.path, savedAt: Date.now() });
    } else if (written !== null) {
      written = null;
      void host().recovery.clear();
    }
  }, AUTOSAVE_MS);
  return () => clearInterval(timer);
}
