/**
 * Network safety after trading (MODELS.md §7): the AC power flow of the
 * feeder with the microgrids' injections of the bargaining optimum; where a
 * voltage or a line rating is violated, the ADN adjusts the ADN–MG exchanges
 * by the least total change that LinDistFlow's sensitivities say restores
 * every limit, and the AC flow is checked again, up to `maxRounds` times.
 *
 * Sensitivities (Baran–Wu, lossless): one kW more injected at bus i raises the
 * squared voltage at bus j by 2·R(j, i)/S_base, R(j, i) the resistance of
 * the path the two buses share from the substation, and lowers the flow of
 * every line between i and the substation by one kW. Per period, the
 * adjustment Δ = d⁺ − d⁻ solves
 *
 *   min Σ_i (d⁺_i + d⁻_i)
 *   s.t. vmin_j² + m ≤ v_j² + Σ_i 2·R(j,i)/S_base·Δ_i ≤ vmax_j² − m      (every bus)
 *        polygon(P_j − Σ_{i below j} Δ_i, Q_j) ≤ rating                   (every rated line)
 *        −down_i ≤ Δ_i ≤ up_i
 *
 * with v, P, Q from the AC flow and m a small margin for the linearisation.
 * A microgrid's room up and down is what its devices can still give in that
 * period (generator range, curtailed PV, battery power) within its ADN
 * exchange limits; the battery's energy over the day is not re-planned, which
 * is why this is a check-and-adjust step and not a re-optimisation.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { LpBackend } from '../lp/backend.ts';
import { LpModel, type LpVar } from '../lp/model.ts';
import { sweep } from '../network/powerflow.ts';
import { feederContext } from './adnNetwork.ts';
import type { MicrogridInputs } from './inputs.ts';
import type { MicrogridDispatch, SafetyReport, SafetyViolation } from './resultTypes.ts';

export type { SafetyReport, SafetyViolation };

const MARGIN_PU2 = 1e-3;

export function makeSafe(lp: LpBackend, scenario: Scenario, inputs: readonly MicrogridInputs[], dispatch: readonly MicrogridDispatch[], polygonSides: number, maxRounds = 5): SafetyReport {
  const { net, T, feeder, topology, n, kvaPerPu, data, facets, busIndex } = feederContext(scenario, polygonSides);
  const busOf = inputs.map((mg) => busIndex.get(mg.busId)!);
  const rate = new Float64Array(n).fill(Infinity);
  const lineOf = new Array<string>(n).fill('');
  net.lines.forEach((line, k) => {
    const j = topology.fedBus[k]!;
    if (j < 0) return;
    lineOf[j] = line.id;
    if (line.rateKva !== undefined) rate[j] = line.rateKva;
  });
  // path resistance from the root, and each bus's ancestors (itself included)
  const ancestors: number[][] = Array.from({ length: n }, () => []);
  for (const j of topology.order) ancestors[j] = j === topology.root ? [] : [j, ...ancestors[topology.parent[j]!]!];
  const sharedR = (j: number, i: number) => {
    const onI = new Set(ancestors[i]);
    return ancestors[j]!.reduce((r, a) => (onI.has(a) ? r + feeder.zRe[a]! : r), 0);
  };
  // ∂v_j²/∂inj_i per kW is sens[j][i] / kvaPerPu (zRe is in p.u.)
  const sens = Array.from({ length: n }, (_, j) => busOf.map((i) => 2 * sharedR(j, i)));

  const injection = dispatch.map((d) => Float64Array.from(d.injectionKw));
  const room = inputs.map((mg, i) => {
    const d = dispatch[i]!;
    return Array.from({ length: T }, (_, t) => {
      const gen = d.genKw?.[t] ?? 0, ch = d.chargeKw?.[t] ?? 0, dis = d.dischargeKw?.[t] ?? 0, kw = mg.battery?.kw ?? 0;
      const exchange = d.sellKw[t]! - d.buyKw[t]!;
      const up = Math.min((mg.generator ? mg.generator.pMaxKw - gen : 0) + d.pvCurtailedKw[t]! + (kw - dis) + ch, mg.maxExportKw - exchange);
      const down = Math.min((mg.generator ? gen - mg.generator.pMinKw : 0) + d.pvKw[t]! + (kw - ch) + dis, mg.maxImportKw + exchange);
      return { up: Math.max(0, up), down: Math.max(0, down) };
    });
  });

  const ac = (t: number) => {
    const pLoad = new Float64Array(n), qLoad = new Float64Array(n);
    for (let j = 0; j < n; j++) (pLoad[j] = data.loadKw[t]![j]! / kvaPerPu), (qLoad[j] = data.loadKvar[t]![j]! / kvaPerPu);
    busOf.forEach((b, i) => (pLoad[b]! -= injection[i]![t]! / kvaPerPu));
    const s = sweep(feeder, pLoad, qLoad, { tolerancePu: 1e-8, maxIterations: 100 });
    const vm = Array.from(s.vRe, (re, j) => Math.hypot(re, s.vIm[j]!));
    // flow into bus j at its parent's end, kW and kvar: V_parent · conj(I_j)
    const pKw = new Float64Array(n), qKvar = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      if (j === topology.root) continue;
      const p = topology.parent[j]!;
      pKw[j] = (s.vRe[p]! * s.iRe[j]! + s.vIm[p]! * s.iIm[j]!) * kvaPerPu;
      qKvar[j] = (s.vIm[p]! * s.iRe[j]! - s.vRe[p]! * s.iIm[j]!) * kvaPerPu;
    }
    return { vm, pKw, qKvar };
  };
  const violationsOf = (t: number, flow: ReturnType<typeof ac>): SafetyViolation[] => {
    const out: SafetyViolation[] = [];
    net.buses.forEach((b, j) => {
      const v = flow.vm[j]!;
      if (v < b.vminPu - 1e-6) out.push({ t, kind: 'voltage-low', id: b.id, value: v, limit: b.vminPu });
      if (v > b.vmaxPu + 1e-6) out.push({ t, kind: 'voltage-high', id: b.id, value: v, limit: b.vmaxPu });
      const s = Math.hypot(flow.pKw[j]!, flow.qKvar[j]!);
      if (s > rate[j]! * (1 + 1e-6)) out.push({ t, kind: 'thermal', id: lineOf[j]!, value: s, limit: rate[j]! });
    });
    return out;
  };

  let flows = Array.from({ length: T }, (_, t) => ac(t));
  const voltagesBefore = flows.map((f) => f.vm);
  const rounds: SafetyReport['rounds'] = [];
  let safe = false;
  let adjustable = true;
  for (let round = 1; round <= maxRounds + 1; round++) {
    const violations = flows.flatMap((f, t) => violationsOf(t, f));
    if (violations.length === 0) {
      safe = true;
      break;
    }
    if (round > maxRounds || !adjustable) {
      rounds.push({ round, violations, adjustments: [] });
      break;
    }
    const adjustments: SafetyReport['rounds'][number]['adjustments'] = [];
    for (const t of [...new Set(violations.map((v) => v.t))]) {
      const f = flows[t]!;
      const model = new LpModel(`safety t${t}`);
      const up = inputs.map((mg, i) => model.addVar(`up_${mg.id}`, { ub: room[i]![t]!.up, cost: 1 }));
      const down = inputs.map((mg, i) => model.addVar(`down_${mg.id}`, { ub: room[i]![t]!.down, cost: 1 }));
      const delta = (coef: (i: number) => number): [LpVar, number][] => inputs.flatMap((_, i): [LpVar, number][] => [[up[i]!, coef(i)], [down[i]!, -coef(i)]]);
      net.buses.forEach((b, j) => {
        if (j === topology.root) return;
        const v2 = f.vm[j]! ** 2;
        // a violated limit is restored with a margin for the linearisation; one that holds must not get worse
        const lo = b.vminPu ** 2 + MARGIN_PU2 - v2, hi = b.vmaxPu ** 2 - MARGIN_PU2 - v2;
        const inside = f.vm[j]! >= b.vminPu - 1e-6 && f.vm[j]! <= b.vmaxPu + 1e-6;
        model.addRow(`v_${b.id}`, delta((i) => sens[j]![i]! / kvaPerPu), inside ? { lb: Math.min(lo, 0), ub: Math.max(hi, 0) } : { lb: lo, ub: hi });
        if (rate[j]! < Infinity) {
          const below = (i: number) => (ancestors[busOf[i]!]!.includes(j) ? -1 : 0);
          const within = Math.hypot(f.pKw[j]!, f.qKvar[j]!) <= rate[j]! * (1 + 1e-6);
          facets.forEach((fc, s) => {
            const slack = rate[j]! * fc.rhsPerS * (1 - 1e-3) - fc.cp * f.pKw[j]! - fc.cq * f.qKvar[j]!;
            model.addRow(`s_${b.id}_${s}`, delta((i) => fc.cp * below(i)), { ub: within ? Math.max(slack, 0) : slack });
          });
        }
      });
      const sol = lp.solve(model);
      if (sol.status !== 'optimal') {
        adjustable = false;
        continue;
      }
      inputs.forEach((mg, i) => {
        const d = sol.x[up[i]!]! - sol.x[down[i]!]!;
        if (Math.abs(d) < 1e-6) return;
        injection[i]![t]! += d;
        room[i]![t] = { up: room[i]![t]!.up - d, down: room[i]![t]!.down + d };
        adjustments.push({ t, microgrid: mg.id, deltaKw: d });
      });
    }
    rounds.push({ round, violations, adjustments });
    flows = flows.map((f, t) => (adjustments.some((a) => a.t === t) ? ac(t) : f));
  }
  const adjustedKwh = rounds.reduce((s, r) => s + r.adjustments.reduce((a, x) => a + Math.abs(x.deltaKw), 0), 0) * scenario.time.dtHours;
  return { safe, rounds, voltagesBefore, voltagesAfter: flows.map((f) => f.vm), injectionKw: injection.map((x) => Array.from(x)), adjustedKwh };
}
