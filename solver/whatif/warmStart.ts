/**
 * Which solution a study point's solver starts from. Each finished point of
 * a warm-started study leaves its answer as a warm state (JobResult.warmState);
 * a point about to run starts from the nearest one along the design:
 *
 *   sweep        the nearest finished point along the path (|i − j|)
 *   grid         the nearest finished point in its row; else the nearest row
 *   tornado      the base point (point 0, or the base solved first by a shard without it)
 *   monte-carlo  the base scenario, solved first
 *
 * Points run a few at a time, so in a sweep or grid the nearest *finished*
 * point is usually a few steps back; tornado and Monte Carlo points all start
 * from the same base solution whatever the scheduling. Only the last few
 * states are kept (a sweep never looks further back than the points in flight).
 */
import type { WarmStart } from '../contract.ts';
import { expandValues } from './params.ts';
import type { StudyDesign } from './study.ts';

/** A point index of the full study, or the base scenario solved before the points. */
export type WarmSource = number | 'base';

export class WarmStates {
  private readonly states = new Map<WarmSource, WarmStart>();
  /** states kept besides the anchor: enough for the points in flight and a row above */
  private readonly keepLast: number;
  /** grid columns, to tell rows apart */
  private readonly columns: number;

  constructor(private readonly design: StudyDesign, concurrency: number) {
    this.columns = design.kind === 'grid' ? expandValues(design.param2.values).length : 1;
    this.keepLast = 2 * concurrency + 2 + (design.kind === 'grid' ? this.columns : 0);
  }

  /**
   * The solution every point of this shard starts from, to be solved before
   * the others: `base` (solve the base scenario first), 0 (run point 0 first)
   * or undefined (sweeps and grids chain along as points finish).
   */
  anchor(indexes: readonly number[]): WarmSource | undefined {
    if (this.design.kind === 'monte-carlo') return 'base';
    if (this.design.kind === 'tornado') return indexes[0] === 0 ? 0 : 'base';
    return undefined;
  }

  keep(from: WarmSource, state: WarmStart): void {
    this.states.set(from, state);
    if (this.anchor([0]) !== undefined) return; // tornado and Monte Carlo keep only their anchor
    while (this.states.size > this.keepLast) this.states.delete(this.states.keys().next().value!);
  }

  /** The state point `index` starts from, or undefined to start cold. */
  sourceFor(index: number): { from: WarmSource; state: WarmStart } | undefined {
    const kind = this.design.kind;
    if (kind === 'monte-carlo' || kind === 'tornado') {
      const from: WarmSource = this.states.has(0) && kind === 'tornado' ? 0 : 'base';
      const state = this.states.get(from);
      return state && index !== from ? { from, state } : undefined;
    }
    let best: { from: number; state: WarmStart; distance: number } | undefined;
    for (const [from, state] of this.states) {
      if (from === 'base' || from === index) continue;
      const distance = this.distance(index, from);
      if (!best || distance < best.distance || (distance === best.distance && from < best.from)) best = { from, state, distance };
    }
    return best && { from: best.from, state: best.state };
  }

  /** How far apart two points are along the design: along the path, or along a row before across rows. */
  private distance(a: number, b: number): number {
    if (this.design.kind !== 'grid') return Math.abs(a - b);
    const n = this.columns;
    const rows = Math.abs(Math.floor(a / n) - Math.floor(b / n));
    return rows * (n + 1) + Math.abs((a % n) - (b % n));
  }
}
