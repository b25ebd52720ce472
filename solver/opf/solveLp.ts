/**
 * `solveLp` stage of the OPF: solve with the run's backend; when there is no
 * optimum, throw a SolverError whose message names the limits at fault in a
 * planner's words ("bus 18 voltage cannot be kept above 0.95 p.u. at 19:00")
 * and whose `path` points at the scenario field behind the first of them.
 * The suspects come from the LP layer's elastic diagnosis and the origin tags
 * `toLp` put on every limit.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { LpBackend, LpSolution } from '../lp/backend.ts';
import type { LpSuspect } from '../lp/diagnosis.ts';
import { solveOptimal, describeSuspect } from '../lp/solveOptimal.ts';
import { SolverError } from '../jobs/errors.ts';
import type { OpfLp } from './toLp.ts';

/** "19:00", or "day 2 19:00" past the first day, from time.start and t·dtHours. */
export function periodLabel(scenario: Scenario, t: number): string {
  const m = /T(\d{2}):(\d{2})/.exec(scenario.time.start);
  const startMin = m ? Number(m[1]) * 60 + Number(m[2]) : 0;
  const minutes = Math.round(startMin + t * scenario.time.dtHours * 60);
  const day = Math.floor(minutes / 1440);
  const hh = String(Math.floor((minutes % 1440) / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${day > 0 ? `day ${day + 1} ` : ''}${hh}:${mm}`;
}

const round = (v: number, digits = 4) => Number(v.toPrecision(digits));

/** One suspect in scenario words, with the JSON path of the field a planner would change. */
export function describeOpfSuspect(scenario: Scenario, s: LpSuspect): { phrase: string; path?: string } {
  const o = s.origin;
  const net = scenario.network;
  if (!o || typeof o.t !== 'number') return { phrase: describeSuspect(s) };
  const at = periodLabel(scenario, o.t);
  const reached = s.side === 'lower' ? s.bound - s.shortfall : s.bound + s.shortfall;
  switch (o.kind) {
    case 'voltage': {
      const i = net.buses.findIndex((b) => b.id === o.bus);
      const limit = round(Math.sqrt(s.bound));
      return s.side === 'lower'
        ? { phrase: `bus ${o.bus} voltage cannot be kept above ${limit} p.u. at ${at} (it reaches only ${round(Math.sqrt(Math.max(reached, 0)))} p.u.)`, path: `network.buses[${i}].vminPu` }
        : { phrase: `bus ${o.bus} voltage cannot be kept below ${limit} p.u. at ${at} (it rises to ${round(Math.sqrt(reached))} p.u.)`, path: `network.buses[${i}].vmaxPu` };
    }
    case 'thermal': {
      const k = net.lines.findIndex((l) => l.id === o.line);
      return { phrase: `line ${o.line} cannot carry the flow within its ${net.lines[k]!.rateKva} kVA rating at ${at}`, path: `network.lines[${k}].rateKva` };
    }
    case 'import-limit':
      return { phrase: `the grid import limit of ${net.substation.importLimitKw} kW is too low at ${at} (${round(reached)} kW needed)`, path: 'network.substation.importLimitKw' };
    case 'soc': {
      const k = net.der.batteries.findIndex((b) => b.id === o.battery);
      const b = net.der.batteries[k]!;
      const pct = (kwh: number) => `${round((100 * kwh) / b.kwh, 3)} %`;
      return s.side === 'lower'
        ? { phrase: `battery ${o.battery} cannot keep its charge above ${pct(s.bound)} at ${at}`, path: `network.der.batteries[${k}].socMin` }
        : { phrase: `battery ${o.battery} cannot keep its charge below ${pct(s.bound)} at ${at}`, path: `network.der.batteries[${k}].socMax` };
    }
    case 'final-soc': {
      const k = net.der.batteries.findIndex((b) => b.id === o.battery);
      return { phrase: `battery ${o.battery} cannot end the horizon at its initial charge`, path: `network.der.batteries[${k}].socInitial` };
    }
    case 'generator': {
      const k = net.der.generators.findIndex((g) => g.id === o.generator);
      return s.side === 'lower'
        ? { phrase: `generator ${o.generator} cannot run at its minimum ${s.bound} kW at ${at}`, path: `network.der.generators[${k}].pMinKw` }
        : { phrase: `generator ${o.generator} would need more than its ${s.bound} kW at ${at}`, path: `network.der.generators[${k}].pMaxKw` };
    }
    default:
      return { phrase: describeSuspect(s) };
  }
}

/** How many distinct limits the message names; all are in `details.suspects`. */
const NAMED = 3;

export function solveLp(scenario: Scenario, lp: OpfLp, backend: LpBackend): LpSolution {
  const described: { phrase: string; path?: string }[] = [];
  const describe = (s: LpSuspect) => {
    const d = describeOpfSuspect(scenario, s);
    described.push(d);
    return d.phrase;
  };
  try {
    return solveOptimal(lp.model, backend, { describe });
  } catch (e) {
    if (!(e instanceof SolverError) || described.length === 0) throw e;
    // several facets of one line polygon (or both sides of one bound) read the same in scenario words
    const phrases = [...new Set(described.map((d) => d.phrase))];
    const more = phrases.length > NAMED ? `; and ${phrases.length - NAMED} more` : '';
    const path = described.find((d) => d.path !== undefined)?.path;
    throw new SolverError({
      ...e.error,
      message: `no operating point satisfies every limit: ${phrases.slice(0, NAMED).join('; ')}${more}`,
      ...(path ? { path } : {}),
      details: { ...e.error.details, suspects: phrases.join('; ') },
    });
  }
}
