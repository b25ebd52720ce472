/** The messages between parallelSteps.ts and its workers (stepWorker.ts). */
import type { JobError } from '../../solver/jobs/core.ts';
import type { MicrogridInputs } from '../../solver/microgrid/inputs.ts';
import type { StepAnswer, StepRequest } from '../../solver/microgrid/localSteps.ts';

/** `run` names one ADMM run's set of models in the worker (several runs may be open at once). */
export type StepWorkerRequest =
  | { op: 'open'; run: number; inputs: readonly MicrogridInputs[]; network: boolean; indices: number[] }
  | { op: 'alone'; run: number; indices: number[] }
  | { op: 'step'; run: number; requests: StepRequest[] }
  | { op: 'dispose'; run: number };

export type StepWorkerReply = { ok: true; answers: StepAnswer[] } | { ok: false; solverError: JobError } | { ok: false; message: string };
