/**
 * The shapes of what a what-if study can read off a result (each kind module
 * declares its own list, solver/jobs/kinds/): written over the result's data
 * type, not over the job kind, so a kind module can declare its outputs
 * without importing the registry of kinds.
 *
 * Shapes: a `scalar` is one number (optionally with the entity where an
 * extreme occurs, `at`); a `series` is one number per period of the horizon;
 * `per-entity` is one number per entity id (bus, line, …), whose ids the
 * scenario lists before anything has run, so a picker can offer them.
 */
import type { Scenario } from '../scenario/schema.ts';

/** `null`: the quantity is not defined for this result (e.g. no line has a rating). */
export type ScalarValue = number | null;
export type OutputValue = ScalarValue | number[] | Record<string, number>;

export interface OutputBase {
  id: string;
  label: string;
  unit: string;
}

export interface ScalarOutputOf<D> extends OutputBase {
  shape: 'scalar';
  extract(data: D): ScalarValue;
  /** where an extreme occurs: an entity id (the bus of the lowest voltage) or a period (`t=3`); null when nowhere */
  at?(data: D): string | null;
}

export interface SeriesOutputOf<D> extends OutputBase {
  shape: 'series';
  /** one value per period t = 0 … T−1 */
  extract(data: D): number[];
}

export interface PerEntityOutputOf<D> extends OutputBase {
  shape: 'per-entity';
  /** what the keys are, in words: "bus", "line", "player" */
  entity: string;
  /** the entity ids in display order, known from the scenario alone */
  entities(scenario: Scenario): string[];
  extract(data: D): Record<string, number>;
  /**
   * For a game: the entities are its participants (players, types of a
   * player, classes of users) and the output is part of the equilibrium —
   * what each plays (`strategy`) or what each gets (`payoff`). The what-if
   * panel draws these as equilibrium paths over a sweep.
   */
  equilibrium?: 'strategy' | 'payoff';
}

/** One output of a kind whose result data is `D`. */
export type OutputSpecOf<D> = ScalarOutputOf<D> | SeriesOutputOf<D> | PerEntityOutputOf<D>;

/** What a result file records about each output: the spec without its functions. */
export interface OutputInfo {
  id: string;
  label: string;
  unit: string;
  shape: OutputSpecOf<unknown>['shape'];
  entity?: string;
}

/** The outputs read off one result: output id → value, and output id → where its extreme occurs. */
export interface ExtractedOutputs {
  outputs: Record<string, OutputValue>;
  at: Record<string, string | null>;
}
