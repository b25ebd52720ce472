/** Shared by the communication tests: the classroom microgrids sample, validated, and ADMM run on it over a given message network. */
import { readFileSync } from 'node:fs';
import { validateScenario, formatIssue } from '../../../solver/scenario/validate.ts';
import { MicrogridCoordination, type Scenario, type ScenarioInput } from '../../../solver/scenario/schema.ts';
import { loadLpBackend } from '../../../solver/lp/index.ts';
import { allMicrogridInputs } from '../../../solver/microgrid/inputs.ts';
import { admm, type AdmmResult } from '../../../solver/microgrid/admm.ts';

export const classroom = () => JSON.parse(readFileSync(new URL('../../../assets/scenarios/classroom-microgrids.ggs.json', import.meta.url), 'utf8')) as ScenarioInput & Record<string, unknown>;

export const valid = (doc: unknown): Scenario => {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(v.issues.map(formatIssue).join('\n'));
  return v.value;
};

/** ADMM to its end on the classroom sample with `communication` as the message network, seeded. */
export async function classroomAdmm(communication: unknown, seed: number): Promise<AdmmResult> {
  const lp = await loadLpBackend('highs');
  const s = valid({ ...classroom(), microgridCoordination: { communication } });
  const coord = s.microgridCoordination ?? MicrogridCoordination.parse({});
  const it = admm(lp, s, allMicrogridInputs(s), { ...coord.admm, network: true, polygonSides: 12, links: coord.communication, seed });
  let step = it.next();
  while (!step.done) step = it.next();
  return step.value;
}

/**
 * `copies` copies of the classroom's three microgrids on its feeder (ids suffixed 0, 1, …, each copy trading within
 * itself), the lines made three times as strong so that the feeder carries them: a case with enough microgrids for
 * the Node worker's step threads (main/workers/nodeWorker.ts `MIN_MICROGRIDS`), still solved in about a second.
 */
export function classroomCopies(copies: number): ScenarioInput & Record<string, unknown> {
  type Loose = Record<string, unknown> & { microgrids: { id: string; name?: string; partners: { microgrid: string }[] }[]; network: { lines: { rateKva: number; rOhm: number; xOhm: number }[] } };
  const doc = classroom() as unknown as Loose;
  const microgrids = Array.from({ length: copies }, (_, k) =>
    doc.microgrids.map((m) => ({ ...m, id: `${m.id}${k}`, name: `${m.name ?? m.id} ${k}`, partners: m.partners.map((p) => ({ ...p, microgrid: `${p.microgrid}${k}` })) })),
  ).flat();
  const { communicationNetwork: _unused, ...rest } = doc;
  return { ...rest, microgrids, network: { ...doc.network, lines: doc.network.lines.map((l) => ({ ...l, rateKva: 3 * l.rateKva, rOhm: l.rOhm / 3, xOhm: l.xOhm / 3 })) } } as unknown as ScenarioInput & Record<string, unknown>;
}
