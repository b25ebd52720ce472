/**
 * Reading one microgrid's operation off a solution, and describing what
 * binds when a microgrid's model has no feasible point.
 */
import type { LpSuspect } from '../lp/diagnosis.ts';
import type { MicrogridVars } from './model.ts';
import { microgridCost, valuesAt } from './model.ts';
import type { MicrogridDispatch } from './resultTypes.ts';

export type { MicrogridDispatch };

export function dispatchOf(vars: MicrogridVars, x: ArrayLike<number>): MicrogridDispatch {
  const pv = valuesAt(vars.pv, x);
  const trades: Record<string, number[]> = {};
  for (const [j, p] of vars.trades) trades[j] = valuesAt(p, x);
  return {
    id: vars.id,
    cost: microgridCost(vars, x),
    buyKw: valuesAt(vars.buy, x),
    sellKw: valuesAt(vars.sell, x),
    injectionKw: valuesAt(vars.injection, x),
    pvKw: pv,
    pvCurtailedKw: pv.map((p, t) => Math.max(0, vars.inputs.pvAvailableKw[t]! - p)),
    genKw: vars.gen && valuesAt(vars.gen, x),
    chargeKw: vars.charge && valuesAt(vars.charge, x),
    dischargeKw: vars.discharge && valuesAt(vars.discharge, x),
    energyKwh: vars.energy && valuesAt(vars.energy, x),
    tradesKw: trades,
  };
}

const LIMIT_WORDS: Record<string, string> = {
  'mg-import-limit': 'import from the ADN',
  'mg-export-limit': 'export to the ADN',
  'mg-generator': 'generator output',
  'mg-soc': 'battery state of charge',
  'mg-final-soc': 'battery energy at the end of the horizon',
  'mg-ramp': 'generator ramp',
  'mg-trade-limit': 'trade limit',
  voltage: 'voltage',
  thermal: 'line rating',
  'import-limit': 'substation import limit',
};

/** "microgrid mg2: import from the ADN at t=19 cannot be raised…" in the scenario's words. */
export function describeMicrogridSuspect(s: LpSuspect): string {
  const o = s.origin ?? {};
  const what = LIMIT_WORDS[String(o.kind)] ?? s.name;
  const who = o.microgrid !== undefined ? `microgrid ${o.microgrid}: ` : o.bus !== undefined ? `bus ${o.bus}: ` : o.line !== undefined ? `line ${o.line}: ` : '';
  const partner = o.partner !== undefined ? ` with ${o.partner}` : '';
  const at = o.t !== undefined ? ` at t=${o.t}` : '';
  const amount = Number(s.shortfall.toPrecision(4));
  return `${who}${what}${partner}${at} would have to ${s.side === 'upper' ? 'exceed' : 'fall below'} its limit ${Number(s.bound.toPrecision(6))} by ${amount}`;
}
