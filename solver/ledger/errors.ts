import type { JobResult } from '../jobs/core.ts';

/** Why a run could not be settled: its job failed, or its market refused the book (the message says which and why). */
export class SettleError extends Error {
  constructor(message: string, readonly result?: JobResult) {
    super(message);
    this.name = 'SettleError';
  }
}
