/**
 * The what-if panel's state: the study as the user is writing it (job kind,
 * parameters and their value texts, outputs) and the run (progress, result,
 * the issues that stopped it). Session state: not in the document, not undoable.
 */
import { create } from 'zustand';
import { jobOutputs, type JobKind } from '../../../solver/contract.ts';
import type { StudyProgress } from '../../../solver/whatif/execute.ts';
import type { StudyResult } from '../../../solver/whatif/result.ts';

export interface WhatifForm {
  kind: JobKind;
  /** a sweep (a grid with a second parameter), a tornado or a Monte Carlo study */
  design: 'sweep' | 'tornado' | 'monte-carlo';
  param: string;
  /** FROM:TO:STEPS, log:FROM:TO:STEPS or v1,v2,... (solver/whatif/params.ts) */
  values: string;
  /** a second parameter makes the sweep a 2-D grid */
  grid: boolean;
  param2: string;
  values2: string;
  outputs: string[];
  /** tornado: the parameters, each moved by ±deltaPct % from its value in the scenario */
  tornadoParams: string[];
  deltaPct: string;
  /** Monte Carlo: one row per uncertain parameter, N samples, the seed (optional: a sweep or tornado form need not carry them) */
  mcRows?: McRow[];
  samples?: string;
  seed?: string;
}

export type DistributionKind = 'normal' | 'uniform' | 'triangular' | 'lognormal';

/** One Monte Carlo row as typed: numbers stay text until the study is prepared. */
export interface McRow {
  path: string;
  distribution: DistributionKind;
  /** the distribution's parameters in DISTRIBUTION_PARAMS order */
  args: string[];
  clipMin: string;
  clipMax: string;
}

/** Each distribution's parameters, in the order the row's inputs show them. */
export const DISTRIBUTION_PARAMS: Record<DistributionKind, string[]> = {
  normal: ['mean', 'std'],
  uniform: ['min', 'max'],
  triangular: ['min', 'mode', 'max'],
  lognormal: ['mu', 'sigma'],
};

export const newMcRow = (path = ''): McRow => ({ path, distribution: 'uniform', args: ['0.8', '1.2'], clipMin: '', clipMax: '' });

export interface WhatifState {
  form: WhatifForm;
  running: boolean;
  progress: StudyProgress | null;
  result: StudyResult | null;
  /** "path: message" lines that stopped the last run before it started */
  issues: string[];
  /** the last two completed studies, older first: B is the newest, A the one before unless one is pinned */
  history: StudyResult[];
  /** a study pinned as "A" for the comparison */
  pinned: StudyResult | null;
  editForm(patch: Partial<WhatifForm>): void;
}

/** The outputs ticked when the job kind changes: its first one. */
export const defaultOutputs = (kind: JobKind): string[] => jobOutputs[kind].slice(0, 1).map((o) => o.id);

export const useWhatif = create<WhatifState>()((set) => ({
  form: {
    kind: 'powerflow',
    design: 'sweep',
    param: 'network.loadScale',
    values: '0.5:1.5:11',
    grid: false,
    param2: '',
    values2: '0.9:1.1:3',
    outputs: defaultOutputs('powerflow'),
    tornadoParams: [],
    deltaPct: '10',
    mcRows: [newMcRow('network.loadScale')],
    samples: '100',
    seed: '1',
  },
  running: false,
  progress: null,
  result: null,
  issues: [],
  history: [],
  pinned: null,
  editForm: (patch) =>
    set((s) => {
      const form = { ...s.form, ...patch };
      if (patch.kind && patch.kind !== s.form.kind && !patch.outputs) form.outputs = defaultOutputs(patch.kind);
      return { form, issues: [] };
    }),
}));
