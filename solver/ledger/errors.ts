/** Why a run could not be settled: its job failed, its market refused the book, or consensus failed (the message says which and why). */
export class SettleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettleError';
  }
}
