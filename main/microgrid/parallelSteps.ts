/**
 * The microgrids' ADMM steps on worker threads (issue 15, item 9): the steps
 * of a round are independent, so each worker holds a share of the
 * microgrids — their models and warm HiGHS sessions stay in that worker for
 * the whole run — and solves its share while the others solve theirs.
 * Microgrid i goes to worker i mod n. The answers are the serial steps' own
 * (solver/microgrid/localSteps.ts `localAgents` on each side), so a run gives
 * the same iterates however many threads solve it.
 *
 * The ADMM coordinator is a synchronous generator, so a round waits for its
 * answers synchronously: requests go out on one MessagePort per worker, the
 * worker posts its answer back and bumps a shared counter, and this thread
 * sleeps in Atomics.wait until the counter moves, then takes the answer with
 * receiveMessageOnPort. Node only (the web build keeps `serialSteps`).
 *
 *   const pool = await startMicrogridStepPool({ threads: 2 });
 *   admm(lp, scenario, inputs, { ...settings, steps: pool.steps });
 *   await pool.close();
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SolverError } from '../../solver/jobs/errors.ts';
import { localAgents, type MicrogridSteps, type MicrogridStepsFactory, type StepAnswer } from '../../solver/microgrid/localSteps.ts';
import type { StepWorkerReply, StepWorkerRequest } from './stepProtocol.ts';

export interface MicrogridStepPool {
  readonly threads: number;
  /** pass as `AdmmSettings.steps` */
  readonly steps: MicrogridStepsFactory;
  close(): Promise<void>;
}

export interface MicrogridStepPoolOptions {
  /** threads solving, the caller's included (threads − 1 workers); default the machine's parallelism */
  threads?: number;
  /** worker entry: stepWorker.ts from source (run through tsx), or a bundled file */
  entry?: string;
  /** longest wait for one round's answer, ms: a worker that died never answers (its QPs have their own 60 s limit) */
  replyTimeoutMs?: number;
}

interface StepThread {
  worker: Worker;
  port: MessagePort;
  counter: Int32Array;
  /** answers taken so far */
  seen: number;
}

/**
 * The step worker beside the running code: stepWorker.ts from source, the bundled stepWorker.mjs beside the
 * compiled CLI's chunks (scripts/build-cli.mjs) or stepWorker.cjs beside the desktop app's worker.cjs
 * (scripts/build-electron.mjs).
 */
export function stepWorkerEntry(): string {
  const here = import.meta.url;
  return fileURLToPath(new URL(here.endsWith('.ts') ? './stepWorker.ts' : here.endsWith('.cjs') ? './stepWorker.cjs' : './stepWorker.mjs', here));
}

export async function startMicrogridStepPool(options: MicrogridStepPoolOptions = {}): Promise<MicrogridStepPool> {
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  const entry = options.entry ?? stepWorkerEntry();
  const replyTimeoutMs = options.replyTimeoutMs ?? 600_000;
  const pool: StepThread[] = await Promise.all(
    Array.from({ length: threads - 1 }, async () => {
      const { port1, port2 } = new MessageChannel();
      const signal = new SharedArrayBuffer(4);
      const data = { port: port2, signal };
      const worker = entry.endsWith('.ts')
        ? new Worker(fileURLToPath(new URL('../workers/tsxBootstrap.mjs', import.meta.url)), { workerData: { ...data, tsEntry: pathToFileURL(entry).href }, transferList: [port2] })
        : new Worker(entry, { workerData: data, transferList: [port2] });
      await new Promise<void>((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`microgrid step worker exited (${code}) before it was ready`)));
      });
      worker.removeAllListeners();
      return { worker, port: port1, counter: new Int32Array(signal), seen: 0 };
    }),
  );

  const send = (t: StepThread, request: StepWorkerRequest) => t.port.postMessage(request);
  const receive = (t: StepThread): StepAnswer[] => {
    const deadline = performance.now() + replyTimeoutMs;
    for (;;) {
      const got = receiveMessageOnPort(t.port);
      if (got) {
        t.seen++;
        const reply = got.message as StepWorkerReply;
        if (reply.ok) return reply.answers;
        if ('solverError' in reply) throw new SolverError(reply.solverError);
        throw new Error(`microgrid step worker: ${reply.message}`);
      }
      if (performance.now() > deadline) throw new Error(`microgrid step worker gave no answer in ${replyTimeoutMs} ms`);
      // sleeps until the worker bumps its counter past the answers already taken (the timeout only re-checks)
      Atomics.wait(t.counter, 0, t.seen, 1000);
    }
  };
  /**
   * One request per worker that has work, all sent before the caller solves its own share (`local`) and before
   * any answer is awaited; answers by thread, the caller's last.
   */
  const roundTrip = (requests: (StepWorkerRequest | null)[], local: () => StepAnswer[]): StepAnswer[][] => {
    requests.forEach((r, w) => r && send(pool[w]!, r));
    // every sent request is answered even when one fails, so that no stale answer is left on a port
    let failure: unknown = null;
    let mine: StepAnswer[] = [];
    try {
      mine = local();
    } catch (e) {
      failure = e;
    }
    const answers = requests.map((r, w) => {
      if (!r) return [];
      try {
        return receive(pool[w]!);
      } catch (e) {
        failure ??= e;
        return [];
      }
    });
    if (failure) throw failure;
    return [...answers, mine];
  };

  let runs = 0;
  const steps: MicrogridStepsFactory = (lp, inputs, network): MicrogridSteps => {
    const run = ++runs;
    // thread w < threads − 1 is worker w; the last is the caller
    const owner = (i: number) => i % threads;
    const caller = threads - 1;
    const byThread = <T>(items: readonly T[], index: (item: T) => number) => Array.from({ length: threads }, (_, w) => items.filter((item) => owner(index(item)) === w));
    /** answers in the order of `items` from the per-thread answers */
    const merge = <T>(items: readonly T[], index: (item: T) => number, answers: StepAnswer[][]) => {
      const next = answers.map(() => 0);
      return items.map((item) => {
        const w = owner(index(item));
        return answers[w]![next[w]!++]!;
      });
    };
    const shares = byThread(inputs.map((_, i) => i), (i) => i);
    const workerRequests = <T>(perThread: T[][], make: (share: T[]) => StepWorkerRequest) => pool.map((_, w) => (perThread[w]!.length ? make(perThread[w]!) : null));
    let own: MicrogridSteps | null = null;
    roundTrip(workerRequests(shares, (indices) => ({ op: 'open', run, inputs, network, indices })), () => ((own = localAgents(lp, inputs, network, shares[caller]!)), []));
    const local = own!;
    return {
      threads,
      alone(indices) {
        const per = byThread(indices, (i) => i);
        return merge(indices, (i) => i, roundTrip(workerRequests(per, (share) => ({ op: 'alone', run, indices: share })), () => local.alone(per[caller]!)));
      },
      step(requests) {
        const per = byThread(requests, (r) => r.index);
        return merge(requests, (r) => r.index, roundTrip(workerRequests(per, (share) => ({ op: 'step', run, requests: share })), () => local.step(per[caller]!)));
      },
      dispose() {
        try {
          roundTrip(pool.map(() => ({ op: 'dispose', run })), () => []);
        } finally {
          local.dispose();
        }
      },
    };
  };

  return {
    threads,
    steps,
    async close() {
      await Promise.all(pool.map((t) => (t.port.close(), t.worker.terminate())));
    },
  };
}
