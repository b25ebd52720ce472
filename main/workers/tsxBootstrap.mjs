// Runs a TypeScript worker entry from source (CLI via tsx, tests): Node 20
// ignores `--import tsx` in a worker's execArgv for the worker's own entry, so
// the worker registers tsx itself and then imports the entry given in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.tsEntry);
