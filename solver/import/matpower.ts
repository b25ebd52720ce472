/**
 * MATPOWER case file → scenario network (ohm, kW, kvar).
 *
 * The file is interpreted (matlab.ts), including its unit-conversion code
 * (ohm → p.u. via Vbase²/Sbase, kW → MW, kVA at a power factor → MW/Mvar), so
 * the result is the case exactly as MATPOWER would load it: branch impedances
 * in p.u. on baseMVA and the bus baseKV, loads in MW/Mvar. We then express it
 * in the scenario's units: Z[ohm] = Z[p.u.]·baseKV²/baseMVA, P[kW] = P[MW]·1000.
 *
 * What the backward/forward sweep cannot model is refused with the reason,
 * never approximated: transformers, shunts, line charging, generators other
 * than the substation, meshed or disconnected topologies.
 * Column layout: MATPOWER User's Manual, appendix B (caseformat).
 */
import type { ScenarioInput } from '../scenario/schema.ts';
import { validateScenario, formatIssue } from '../scenario/validate.ts';
import { SolverError } from '../jobs/errors.ts';
import { radialTopology } from '../network/topology.ts';
import { runMatlab, MatlabError, type Matrix, type Value } from './matlab.ts';

/** The file cannot be imported; `reasons` holds one plain sentence per problem. */
export class ImportError extends Error {
  readonly reasons: string[];
  constructor(fileName: string, reasons: string[]) {
    super(`cannot import ${fileName}: ${reasons.join('; ')}`);
    this.name = 'ImportError';
    this.reasons = reasons;
  }
}

// 1-based columns, as MATPOWER's idx_bus / idx_brch / idx_gen define them
const BUS = { BUS_I: 1, BUS_TYPE: 2, PD: 3, QD: 4, GS: 5, BS: 6, VM: 8, VA: 9, BASE_KV: 10, VMAX: 12, VMIN: 13 } as const;
const BRANCH = { F_BUS: 1, T_BUS: 2, BR_R: 3, BR_X: 4, BR_B: 5, RATE_A: 6, TAP: 9, SHIFT: 10, BR_STATUS: 11 } as const;
const GEN = { GEN_BUS: 1, VG: 6, GEN_STATUS: 8 } as const;
const REF = 3;
const PV = 2;
const ISOLATED = 4;

/** Outputs of MATPOWER's index functions, in the order MATPOWER returns them. */
const matpowerIndexFunctions = {
  // PQ PV REF NONE, BUS_I … VMIN, LAM_P LAM_Q MU_VMAX MU_VMIN
  idx_bus: [1, 2, 3, 4, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17],
  // F_BUS … BR_STATUS, PF QF PT QT MU_SF MU_ST, ANGMIN ANGMAX, MU_ANGMIN MU_ANGMAX
  idx_brch: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18, 19, 12, 13, 20, 21],
  // GEN_BUS … PMIN, MU_PMAX MU_PMIN MU_QMAX MU_QMIN, PC1 … APF
  idx_gen: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 22, 23, 24, 25, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21],
} as const;

/** Fields of mpc that carry nothing the power flow uses. */
const IGNORED_FIELDS: Record<string, string> = {
  version: '',
  gencost: 'generator costs are not used by the power flow',
  areas: 'area data is not used',
};

const KNOWN_MINIMUM_COLUMNS = { bus: 13, branch: 11, gen: 8 } as const;

/** Removes floating-point noise of the p.u. round trip (0.0922 → 0.09220000000000001). */
const tidy = (x: number) => Number(x.toPrecision(12));

export function importMatpower(text: string, fileName: string): { scenario: ScenarioInput; warnings: string[] } {
  const refuse = (...reasons: string[]): never => {
    throw new ImportError(fileName, reasons);
  };

  let script;
  try {
    script = runMatlab(text, { multiOutput: matpowerIndexFunctions });
  } catch (e) {
    if (e instanceof MatlabError) refuse(`line ${e.line}: cannot interpret the statement "${e.statement}" (${e.message})`);
    throw e;
  }
  const outName = script.functionOutput ?? 'mpc';
  const mpc = script.variables.get(outName);
  if (!mpc || mpc.kind !== 'struct') return refuse(`the file defines no MATPOWER case struct "${outName}"`);

  const warnings: string[] = [];
  const field = (name: keyof typeof KNOWN_MINIMUM_COLUMNS): Matrix => {
    const v: Value | undefined = mpc.fields.get(name);
    if (!v || v.kind !== 'matrix') return refuse(`${outName}.${name} is missing or not a matrix`);
    if (v.cols < KNOWN_MINIMUM_COLUMNS[name]) refuse(`${outName}.${name} has ${v.cols} columns, MATPOWER needs at least ${KNOWN_MINIMUM_COLUMNS[name]}`);
    return v;
  };
  const version = mpc.fields.get('version');
  if (version?.kind === 'string' && version.text !== '2') refuse(`MATPOWER case format version ${version.text} is not supported (only version 2)`);
  const baseMvaValue = mpc.fields.get('baseMVA');
  if (!baseMvaValue || baseMvaValue.kind !== 'matrix' || baseMvaValue.data.length !== 1 || !(baseMvaValue.data[0]! > 0))
    return refuse(`${outName}.baseMVA is missing or not a positive number`);
  const baseMva = baseMvaValue.data[0]!;
  const bus = field('bus');
  const branch = field('branch');
  const gen = field('gen');
  for (const name of mpc.fields.keys()) {
    if (name in KNOWN_MINIMUM_COLUMNS || name === 'baseMVA') continue;
    const why = IGNORED_FIELDS[name];
    if (why === undefined) warnings.push(`${outName}.${name} is ignored`);
    else if (why !== '') warnings.push(`${outName}.${name} is ignored: ${why}`);
  }

  const at = (m: Matrix, row: number, col: number) => m.data[row * m.cols + col - 1]!;
  const reasons: string[] = [];

  // buses -------------------------------------------------------
  const busRow = new Map<number, number>();
  const refBuses: number[] = [];
  const pvBuses: number[] = [];
  const isolated: number[] = [];
  const shunts: number[] = [];
  for (let r = 0; r < bus.rows; r++) {
    const id = at(bus, r, BUS.BUS_I);
    if (!Number.isInteger(id) || id < 1) reasons.push(`bus row ${r + 1} has bus number ${id}, not a positive whole number`);
    if (busRow.has(id)) reasons.push(`bus ${id} is listed twice`);
    busRow.set(id, r);
    const type = at(bus, r, BUS.BUS_TYPE);
    if (type === REF) refBuses.push(id);
    else if (type === PV) pvBuses.push(id);
    else if (type === ISOLATED) isolated.push(id);
    if (at(bus, r, BUS.GS) !== 0 || at(bus, r, BUS.BS) !== 0) shunts.push(id);
  }
  if (refBuses.length !== 1) reasons.push(`the case needs exactly one reference (type 3) bus for the substation, it has ${refBuses.length}`);
  if (pvBuses.length > 0) reasons.push(`voltage-controlled (PV, type 2) buses ${pvBuses.join(', ')} are not modelled: the sweep has one source, the substation`);
  if (isolated.length > 0) reasons.push(`isolated (type 4) buses ${isolated.join(', ')} are not supported`);
  if (shunts.length > 0) reasons.push(`shunt admittances (GS/BS ≠ 0) at buses ${shunts.join(', ')} are not modelled`);

  // generators: only the substation may feed the feeder ---------------
  const refBus = refBuses[0];
  let slackVm: number | null = null;
  for (let r = 0; r < gen.rows; r++) {
    const gBus = at(gen, r, GEN.GEN_BUS);
    if (at(gen, r, GEN.GEN_STATUS) <= 0) {
      warnings.push(`generator ${r + 1} at bus ${gBus} is out of service and ignored`);
      continue;
    }
    if (gBus !== refBus) reasons.push(`generator ${r + 1} at bus ${gBus} is not at the substation (bus ${refBus}); distributed generators are not imported`);
    else if (slackVm !== null) reasons.push(`bus ${gBus} has more than one in-service generator`);
    else slackVm = at(gen, r, GEN.VG);
  }

  // branches ------------------------------------------------------
  const transformers: string[] = [];
  const charging: number[] = [];
  let inService = 0;
  for (let r = 0; r < branch.rows; r++) {
    const f = at(branch, r, BRANCH.F_BUS);
    const t = at(branch, r, BRANCH.T_BUS);
    if (!busRow.has(f) || !busRow.has(t)) {
      reasons.push(`branch ${r + 1} (${f}–${t}) refers to a bus that does not exist`);
      continue;
    }
    const tap = at(branch, r, BRANCH.TAP);
    const fKv = at(bus, busRow.get(f)!, BUS.BASE_KV);
    const tKv = at(bus, busRow.get(t)!, BUS.BASE_KV);
    if ((tap !== 0 && tap !== 1) || at(branch, r, BRANCH.SHIFT) !== 0 || fKv !== tKv)
      transformers.push(`${r + 1} (${f}–${t}${fKv !== tKv ? `, ${fKv}/${tKv} kV` : ''}${tap !== 0 && tap !== 1 ? `, ratio ${tap}` : ''})`);
    if (at(branch, r, BRANCH.BR_B) !== 0) charging.push(r + 1);
    if (at(branch, r, BRANCH.BR_R) < 0 || at(branch, r, BRANCH.BR_X) < 0) reasons.push(`branch ${r + 1} (${f}–${t}) has a negative resistance or reactance`);
    if (at(branch, r, BRANCH.BR_STATUS) > 0) inService++;
  }
  if (transformers.length > 0) reasons.push(`transformers are not modelled: branch${transformers.length > 1 ? 'es' : ''} ${transformers.join(', ')}`);
  if (charging.length > 0) reasons.push(`line charging (branch B ≠ 0) is not modelled: branch${charging.length > 1 ? 'es' : ''} ${charging.join(', ')}`);
  if (inService > bus.rows - 1) reasons.push(`the network is meshed: ${inService} in-service branches for ${bus.rows} buses (a radial feeder has ${bus.rows - 1})`);
  if (reasons.length > 0) refuse(...reasons);

  // conversion to the scenario's units ------------------------------
  const refRow = busRow.get(refBus!)!;
  const feederKv = at(bus, refRow, BUS.BASE_KV);
  const substationVm = slackVm ?? at(bus, refRow, BUS.VM);
  if (slackVm !== null && slackVm !== at(bus, refRow, BUS.VM))
    warnings.push(`the substation voltage is the generator set-point Vg = ${slackVm} p.u. (the bus table says VM = ${at(bus, refRow, BUS.VM)}), as in MATPOWER`);

  const buses: NonNullable<ScenarioInput['network']['buses']> = [];
  const limitsReplaced: number[] = [];
  for (let r = 0; r < bus.rows; r++) {
    const id = at(bus, r, BUS.BUS_I);
    const kv = at(bus, r, BUS.BASE_KV);
    const vmin = at(bus, r, BUS.VMIN);
    const vmax = at(bus, r, BUS.VMAX);
    const entry: (typeof buses)[number] = { id: String(id), pdKw: tidy(at(bus, r, BUS.PD) * 1000), qdKvar: tidy(at(bus, r, BUS.QD) * 1000) };
    if (kv !== feederKv) entry.baseKv = kv;
    if (vmin > 0 && vmin < vmax) Object.assign(entry, { vminPu: vmin, vmaxPu: vmax });
    else limitsReplaced.push(id);
    buses.push(entry);
  }
  if (limitsReplaced.length > 0)
    warnings.push(`bus${limitsReplaced.length > 1 ? 'es' : ''} ${limitsReplaced.join(', ')}: Vmin/Vmax do not form a band (e.g. a fixed slack voltage); the default limits 0.95–1.05 p.u. are used`);

  const lines: NonNullable<ScenarioInput['network']['lines']> = [];
  for (let r = 0; r < branch.rows; r++) {
    const f = at(branch, r, BRANCH.F_BUS);
    const kv = at(bus, busRow.get(f)!, BUS.BASE_KV);
    const zBaseOhm = (kv * kv) / baseMva;
    const rateMva = at(branch, r, BRANCH.RATE_A);
    lines.push({
      id: `L${r + 1}`,
      from: String(f),
      to: String(at(branch, r, BRANCH.T_BUS)),
      rOhm: tidy(at(branch, r, BRANCH.BR_R) * zBaseOhm),
      xOhm: tidy(at(branch, r, BRANCH.BR_X) * zBaseOhm),
      ...(rateMva > 0 ? { rateKva: tidy(rateMva * 1000) } : {}),
      inService: at(branch, r, BRANCH.BR_STATUS) > 0,
    });
  }
  const outOfService = lines.filter((l) => !l.inService).length;
  if (outOfService > 0) warnings.push(`${outOfService} out-of-service branch${outOfService > 1 ? 'es' : ''} (e.g. open tie switches) imported with inService: false`);

  const caseName = script.functionName ?? fileName.replace(/\.m$/i, '');
  const scenario: ScenarioInput = {
    schemaVersion: 1,
    metadata: {
      name: caseName,
      description: `Imported from the MATPOWER case file ${fileName}: ${bus.rows} buses, ${lines.length} lines, ${feederKv} kV.${describeHeader(text)}`,
      tags: ['matpower'],
    },
    time: { T: 1, dtHours: 1, start: '2026-01-01T00:00' },
    profiles: [],
    network: {
      baseKv: feederKv,
      baseMva,
      loadScale: 1,
      substation: { busId: String(refBus), vmPu: substationVm, vaDeg: at(bus, refRow, BUS.VA) },
      buses,
      lines,
      source: `MATPOWER ${fileName}`,
    },
  };

  const validation = validateScenario(scenario);
  if (!validation.ok) return refuse(...validation.issues.map(formatIssue));
  try {
    radialTopology(validation.value.network);
  } catch (e) {
    if (e instanceof SolverError) refuse(e.message);
    throw e;
  }
  return { scenario, warnings };
}

/** The case's own one-line description (`%CASE33BW  Power flow data for …`). */
function describeHeader(text: string): string {
  const m = /^\s*%\s*CASE\w*\s+(.+)$/im.exec(text);
  return m ? ` ${m[1]!.trim().replace(/\.?$/, '.')}` : '';
}
