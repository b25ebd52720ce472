/**
 * The what-if point protocol's base requests. A study sends its base request
 * to each worker once and then only each point's assignments (ToWorker
 * `point`); the worker keeps the last few bases it was sent, by hash. The
 * sender keeps a mirror with the same policy: messages reach a worker in the
 * order they were posted, so both sides evict the same base at the same
 * message, and the sender knows when a base must travel again.
 */
import type { JobRequest, PointJob, ToWorker } from '../contract.ts';

/** Bases a worker holds: a few studies at once (the app's panels), one in practice. */
export const BASES_PER_WORKER = 4;

/** A map that keeps its `capacity` most recently used entries. */
export class RecentMap<V> {
  private readonly map = new Map<string, V>();
  constructor(readonly capacity = BASES_PER_WORKER) {}

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }

  delete(key: string): void {
    this.map.delete(key);
  }
}

/**
 * The message that runs `point` on a worker whose received bases `sent`
 * mirrors: the base request rides along only when that worker lacks it. If
 * posting the message fails, call `unsent` so the mirror stays true.
 */
export function pointMessage(sent: RecentMap<true>, id: string, point: PointJob, outputs: string[] | undefined): { msg: ToWorker; unsent: () => void } {
  const known = sent.get(point.baseHash) !== undefined;
  sent.set(point.baseHash, true);
  const msg: ToWorker = {
    type: 'point',
    id,
    base: { hash: point.baseHash, ...(known ? {} : { request: point.base as JobRequest }) },
    assignments: point.assignments,
    ...(outputs ? { outputs } : {}),
    ...(point.warmStart !== undefined ? { warmStart: point.warmStart } : {}),
    ...(point.keepWarmState ? { keepWarmState: true } : {}),
  };
  return { msg, unsent: () => sent.delete(point.baseHash) };
}
