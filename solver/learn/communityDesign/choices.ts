/**
 * The design space the chooser and the oracle share: number of communities
 * k, detection method and basis, mechanism inside and between. k = 1 is
 * one community (no detection, no second level), so it appears once per
 * inside rule.
 */
import { DETECTION_BASES, DETECTION_METHODS, detect, type DetectionBasis, type DetectionMethod } from './detect.ts';
import { BETWEEN_MECHANISMS, INSIDE_MECHANISMS, evaluateDesign, type BetweenMechanism, type DesignOutcome, type InsideMechanism, type Tariff } from './mechanism.ts';
import { electricalDistances } from './distance.ts';
import type { Population } from './population.ts';

export interface DesignChoice {
  k: number;
  method: DetectionMethod | 'single';
  basis: DetectionBasis | 'none';
  inside: InsideMechanism;
  between: BetweenMechanism;
}

export function choiceLabel(c: DesignChoice): string {
  return c.k === 1 ? `1 community, ${c.inside}` : `${c.k} × ${c.method}/${c.basis}, ${c.inside} inside, ${c.between === 'none' ? 'retailer' : c.between} between`;
}

export function designChoices(maxK: number): DesignChoice[] {
  const out: DesignChoice[] = INSIDE_MECHANISMS.map((inside) => ({ k: 1, method: 'single', basis: 'none', inside, between: 'none' }));
  for (let k = 2; k <= maxK; k++)
    for (const method of DETECTION_METHODS) for (const basis of DETECTION_BASES) for (const inside of INSIDE_MECHANISMS) for (const between of BETWEEN_MECHANISMS) out.push({ k, method, basis, inside, between });
  return out;
}

export interface ScoredChoice {
  choice: DesignChoice;
  partition: number[];
  outcome: DesignOutcome;
}

/**
 * The exhaustive oracle: every choice evaluated on the population (each
 * partition detected once, each inside rule cleared once per partition).
 */
export function exhaustive(p: Population, choices: readonly DesignChoice[], tariff: Tariff, seed: number): ScoredChoice[] {
  const distances = electricalDistances(p);
  const partitions = new Map<string, number[]>();
  return choices.map((choice) => {
    const key = `${choice.k}|${choice.method}|${choice.basis}`;
    let partition = partitions.get(key);
    if (!partition) partitions.set(key, (partition = choice.method === 'single' ? p.households.map(() => 0) : detect(p, choice.method, choice.basis as DetectionBasis, choice.k, seed)));
    return { choice, partition, outcome: evaluateDesign(p, partition, choice.inside, choice.between, distances, tariff) };
  });
}

/** Index of the best welfare (first on ties: the list's order prefers fewer communities). */
export function bestIndex(values: readonly number[]): number {
  let b = 0;
  values.forEach((v, i) => { if (v > values[b]! + 1e-12) b = i; });
  return b;
}
