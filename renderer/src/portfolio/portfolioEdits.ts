/** Edits of the contract portfolio (scenario.portfolio) as immer recipes on the document (each one undo step). */
import type { Draft } from 'immer';
import { Portfolio, SpotPriceModel, type ScenarioInput } from '../../../solver/scenario/schema.ts';
import type { CsvScenarios } from '../../../solver/portfolio/csvScenarios.ts';
import { setAtPath } from '../../../solver/scenario/paths.ts';
import { readField, useDocument } from '../state/document.ts';

type Doc = Draft<ScenarioInput>;

export function setContractField(index: number, key: string, value: unknown) {
  useDocument.getState().setField(`portfolio.contracts[${index}].${key}`, value);
}

export function addContract() {
  useDocument.getState().edit((d: Doc) => {
    const list = d.portfolio?.contracts as { id: string }[] | undefined;
    if (!list) return;
    const used = new Set(list.map((c) => c.id));
    let n = list.length + 1;
    while (used.has(`c${n}`)) n++;
    list.push({ id: `c${n}`, name: `Contract ${n}`, shape: 'baseload', pricePerKwh: 0.1, minKw: 0, maxKw: 1000 } as never);
  });
}

export function deleteContract(index: number) {
  useDocument.getState().edit((d: Doc) => void d.portfolio?.contracts.splice(index, 1));
}

/** Optional parts of the portfolio a file may omit, with the schema's own defaults. */
const OPTIONAL_PARENTS: Record<string, () => unknown> = {
  'portfolio.spotPrice.jumps': () => SpotPriceModel.shape.jumps.parse(undefined),
  'portfolio.spotPrice.hourShape': () => SpotPriceModel.shape.hourShape.parse(undefined),
  'portfolio.spotPrice.weekdayShape': () => SpotPriceModel.shape.weekdayShape.parse(undefined),
  'portfolio.peakHours': () => Portfolio.shape.peakHours.parse(undefined),
  'portfolio.spot': () => Portfolio.shape.spot.parse(undefined),
  'portfolio.risk': () => Portfolio.shape.risk.parse(undefined),
};

/**
 * The document with `path` set to `value`, first filling an absent optional
 * parent (`portfolio.spotPrice.jumps` when the file omits it) with the
 * schema's defaults, so any shown field can be edited.
 */
export function withPortfolioField(scenario: ScenarioInput, path: string, value: unknown): ScenarioInput {
  let next = scenario;
  for (const [parent, defaults] of Object.entries(OPTIONAL_PARENTS))
    if ((path.startsWith(`${parent}.`) || path.startsWith(`${parent}[`)) && readField(next, parent) === undefined) next = setAtPath(next, parent, defaults());
  return setAtPath(next, path, value);
}

/** One undo step: the field, and its parent when the file omitted it. */
export function setPortfolioField(path: string, value: unknown) {
  const doc = useDocument.getState();
  if (Object.is(readField(doc.scenario, path), value)) return;
  const next = withPortfolioField(doc.scenario, path, value);
  doc.edit(() => next as never); // an immer recipe may return the next state
}

/** Replaces the scenario set by imported price/demand scenarios (one undo step). */
export function applyImportedScenarios(csv: CsvScenarios, source: string) {
  setPortfolioField('portfolio.scenarios', { kind: 'imported', source, pricePerKwh: csv.pricePerKwh, demandKw: csv.demandKw });
}

/** Back to simulated scenarios: as many as were imported (or `count`), seeded. */
export function applySimulatedScenarios(count: number, seed?: number) {
  setPortfolioField('portfolio.scenarios', { kind: 'simulated', count, ...(seed === undefined ? {} : { seed }) });
}
