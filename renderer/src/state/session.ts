/**
 * Session state that is not part of the document and not undoable: what is
 * selected, the running job, results (cached by scenario hash, so re-running
 * an unchanged scenario is instant), the open dialog, view options.
 */
import { create } from 'zustand';
import type { JobKind, JobProgress, JobResult, JobStatus } from '../../../solver/contract.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import type { SectionId } from '../sections.ts';

export interface LogEntry {
  at: number;
  level: 'info' | 'warn' | 'error';
  text: string;
}

export interface DialogSpec {
  title: string;
  message: string;
  /** "path: message" lines, shown as a list */
  lines?: string[];
  buttons: { label: string; value: string; primary?: boolean }[];
  resolve(value: string): void;
}

export interface JobState {
  running: boolean;
  kind: JobKind;
  progress: JobProgress | null;
  /** the metrics of every progress event of the running job so far (a live learning curve draws them) */
  progressLog: Record<string, number>[];
  /** the running job is held between two steps (hosts that can pause) */
  paused: boolean;
  startedAt: number;
}

interface SessionState {
  section: SectionId;
  selectedBus: string | null;
  selectedLine: string | null;
  /** period shown by the results views and the diagram colouring, 0-based */
  period: number;
  classroom: boolean;
  job: JobState;
  results: Record<string, JobResult>;
  /** hash of the result on screen (may be stale against the current scenario) */
  shownResult: string | null;
  /** options per job kind, as edited in the run panel */
  jobOptions: Partial<Record<JobKind, Record<string, unknown>>>;
  /** LP backend for LP-based jobs (opf) */
  lpBackend: 'glpk' | 'highs';
  /** outcome of the last run (a cancelled run shows here, not in the results) */
  lastStatus: { status: JobStatus; message: string } | null;
  log: LogEntry[];
  dialog: DialogSpec | null;
  set(partial: Partial<Omit<SessionState, 'set'>>): void;
}

export const useSession = create<SessionState>()((set) => ({
  section: 'buses',
  selectedBus: null,
  selectedLine: null,
  period: 0,
  classroom: false,
  job: { running: false, kind: 'powerflow', progress: null, progressLog: [], paused: false, startedAt: 0 },
  results: {},
  shownResult: null,
  jobOptions: {},
  lpBackend: 'glpk',
  lastStatus: null,
  log: [],
  dialog: null,
  set: (partial) => set(partial),
}));

/** Sets one option of the selected job kind; `undefined` returns it to the contract's default. */
export function setJobOption(key: string, value: unknown) {
  useSession.setState((s) => {
    const next = { ...(s.jobOptions[s.job.kind] ?? {}) };
    if (value === undefined) delete next[key];
    else next[key] = value;
    return { jobOptions: { ...s.jobOptions, [s.job.kind]: next } };
  });
}

/** The job a document opens on: the one its scenario was made for (`metadata.job`), else the power flow. */
export const openingJob = (scenario: ScenarioInput): JobKind => scenario.metadata.job ?? 'powerflow';

/** Points the Run panel (and Ctrl+Enter) at the opened document's job; a running job keeps its own. */
export function selectJobOf(scenario: ScenarioInput) {
  useSession.setState((s) => (s.job.running ? {} : { job: { ...s.job, kind: openingJob(scenario) } }));
}

export function log(level: LogEntry['level'], text: string) {
  useSession.setState((s) => ({ log: [...s.log.slice(-499), { at: Date.now(), level, text }] }));
}

/** Shows a modal dialog and resolves with the value of the button pressed. */
export function ask(spec: Omit<DialogSpec, 'resolve'>): Promise<string> {
  return new Promise((resolve) =>
    useSession.setState({
      dialog: {
        ...spec,
        resolve: (v) => {
          useSession.setState({ dialog: null });
          resolve(v);
        },
      },
    }),
  );
}

export const tell = (title: string, message: string, lines?: string[]) =>
  ask({ title, message, ...(lines ? { lines } : {}), buttons: [{ label: 'OK', value: 'ok', primary: true }] });
