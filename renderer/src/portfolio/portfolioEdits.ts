/** Edits of the contract portfolio (scenario.portfolio) as immer recipes on the document (each one undo step). */
import type { Draft } from 'immer';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { useDocument } from '../state/document.ts';

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
