/**
 * The `evcs-market` job (MODELS.md §12; docs/models/evcs.md): the coupled
 * fixed point of coupling.ts, reported with the ids of the scenario.
 * Certificate: the coupling's price residual, the last traffic assignment's
 * relative gap and Wardrop check, the AC power flow's mismatch and the
 * market's balance (every participant's supply = demand, each pair's two
 * proposals agreeing, ADMM converged). A loop out of rounds or an ADMM out of
 * iterations is `uncertified`, with the reason.
 */
import type { JobDefinition } from '../jobs/types.ts';
import type { EvcsMarketCertificate, EvcsMarketData, EvcsMarketOptions } from '../jobs/kinds/evcsMarket.ts';
import type { Scenario } from '../scenario/schema.ts';
import { SolverError } from '../jobs/errors.ts';
import { formatTolerance } from '../jobs/certification.ts';
import type { LpBackend } from '../lp/backend.ts';
import { coordinationOf } from '../microgrid/bargainingJob.ts';
import { describePeriod } from '../network/powerflowJob.ts';
import { linkTime } from '../transport/bpr.ts';
import { couple } from './coupling.ts';
import { EV_SINK } from './stationTraffic.ts';

function* run(s: Scenario, options: EvcsMarketOptions, lp: LpBackend, seed: number) {
  const evcs = s.evcs, transport = s.transport;
  if (!evcs) throw new SolverError({ code: 'invalid-scenario', message: 'the scenario has no charging stations: add an "evcs" section (stations, demand)', path: 'evcs' });
  if (!transport) throw new SolverError({ code: 'invalid-scenario', message: 'the scenario has no road network: add a "transport" section', path: 'transport' });
  const coord = coordinationOf(s);
  const r = yield* couple(lp, s, options, { ...coord.admm, network: options.network, polygonSides: options.polygonSides, links: coord.communication, seed });
  const { net, traffic, market, flow } = r;
  const g = net.g;
  const period = describePeriod(s, flow.feeder, flow.solution, flow.pLoad, flow.qLoad, 0);
  const vOf = new Map(period.buses.map((b) => [b.id, b.vmPu]));
  const E = evcs.energyPerEvKwh;

  const stations = evcs.stations.map((st, k) => {
    const ev = traffic.stationVehPerH[k]!;
    return {
      id: st.id, node: st.node, busId: st.busId, chargers: st.chargers,
      capacityVehPerH: net.capacityVehPerH[k]!, evPerH: ev, utilisation: ev / net.capacityVehPerH[k]!, loadKw: ev * E,
      chargeMin: net.chargeMin[k]!, waitMin: traffic.waitMin[k]!,
      energyPricePerKwh: market.energyPricePerKwh[k]!, pricePerKwh: r.prices[k]!, voltagePu: vOf.get(st.busId)!,
    };
  });
  const links = transport.links.map((l, a) => ({ id: l.id, from: l.from, to: l.to, flowVehPerH: traffic.x[a]!, vc: traffic.x[a]! / l.capacityVehPerH, timeMin: linkTime(g, a, traffic.x[a]!) }));
  // each origin's EVs by station: the last link of every used path is a station link
  const sink = g.nodeIds.indexOf(EV_SINK);
  const origins = evcs.demand.filter((d) => d.vehPerH > 0).map((d) => {
    const od = traffic.ods.find((o) => o.dest === sink && g.nodeIds[o.origin] === d.from)!;
    const byStation: Record<string, number> = {};
    let costMin = Infinity;
    od.paths.forEach((p, i) => {
      const f = od.flows[i]!;
      if (f <= 0) return;
      const st = evcs.stations[p[p.length - 1]! - net.roadLinks]!.id;
      byStation[st] = (byStation[st] ?? 0) + f;
      costMin = Math.min(costMin, p.reduce((c, a) => c + traffic.cost[a]!, 0));
    });
    return { from: d.from, vehPerH: d.vehPerH, costMin, byStation };
  });
  let tstt = 0, maxVc = 0;
  for (const l of links) (tstt += l.flowVehPerH * l.timeMin), (maxVc = Math.max(maxVc, l.vc));
  const evPerH = stations.reduce((a, x) => a + x.evPerH, 0);
  const data: EvcsMarketData = {
    stations,
    participants: market.participants.map((p) => ({ id: p.id, kind: p.kind, busId: p.busId, loadKw: p.loadKw, pvKw: p.pvKw, genKw: p.genKw, buyKw: p.buyKw, sellKw: p.sellKw, p2pKw: p.p2pKw, injectionKw: p.injectionKw, netCost: p.netCost, balanceKw: p.balanceKw })),
    trades: market.trades,
    links,
    origins,
    nodes: transport.nodes.map((n) => ({ id: n.id, x: n.x, y: n.y })),
    buses: s.network.buses.map((b) => ({ id: b.id, vmPu: vOf.get(b.id)!, ...(b.x !== undefined && b.y !== undefined ? { x: b.x, y: b.y } : {}) })),
    lines: period.lines.map((l) => ({ id: l.id, from: l.from, to: l.to, pKw: l.pKw })),
    coupling: { converged: r.converged, iterations: r.rounds.length, rounds: r.rounds, averaging: options.averaging },
    admm: { converged: market.converged, iterations: market.iterations, history: market.history, solves: market.solves },
    totals: {
      evPerH,
      stationLoadKw: evPerH * E,
      meanPricePerKwh: evPerH > 0 ? stations.reduce((a, x) => a + x.evPerH * x.pricePerKwh, 0) / evPerH : 0,
      totalTravelTimeVehMin: tstt,
      lossesKw: period.lossesKw,
      substationKw: period.substationKw,
      minVoltagePu: period.minVoltage.vmPu,
      minVoltageBus: period.minVoltage.bus,
      maxVc,
    },
    dso: { ...evcs.dso },
    energyPerEvKwh: E,
  };
  const kvaPerPu = flow.feeder.baseMva * 1000;
  const certificate: EvcsMarketCertificate = {
    coupling: { converged: r.converged, iterations: r.rounds.length, priceResidualPerKwh: r.rounds.at(-1)!.priceResidual, tolerancePerKwh: options.priceTolerancePerKwh },
    traffic: { relativeGap: traffic.gaps.at(-1)!, wardrop: traffic.wardrop, maxWardropExcess: traffic.wardrop.maxRelativeExcess, tolerance: { relativeGap: options.relativeGap, wardrop: options.wardropTolerance } },
    powerflow: { maxMismatchKva: flow.solution.maxMismatchPu * kvaPerPu, lastVoltageChangePu: flow.solution.residualHistory.at(-1)!, tolerancePu: options.tolerancePu },
    market: { admmConverged: market.converged, maxBalanceKw: market.maxBalanceKw, maxTradeMismatchKw: market.maxTradeMismatchKw, paymentSum: market.paymentSum, toleranceKw: options.balanceToleranceKw },
    backend: lp.name,
  };
  const warnings = evcsFailures(certificate);
  for (const st of stations) if (st.utilisation > 1) warnings.push(`station ${st.id} receives ${st.evPerH.toFixed(1)} EVs per hour, ${(100 * st.utilisation).toFixed(0)} % of what its chargers serve: in reality its queue would grow`);
  return { data, certificate, warnings };
}

/** The certificate's failed checks in words (empty when it holds). */
export function evcsFailures(c: EvcsMarketCertificate): string[] {
  const out: string[] = [];
  if (!c.coupling.converged) out.push(`the coupling did not settle in ${c.coupling.iterations} rounds: the market's prices still differ from the quoted ones by ${c.coupling.priceResidualPerKwh.toExponential(2)}/kWh > ${formatTolerance(c.coupling.tolerancePerKwh)} — the last round is shown, it is not an equilibrium`);
  if (c.traffic.relativeGap > c.traffic.tolerance.relativeGap) out.push(`the traffic assignment's relative gap ${c.traffic.relativeGap.toExponential(2)} > ${formatTolerance(c.traffic.tolerance.relativeGap)}`);
  if (c.traffic.maxWardropExcess > c.traffic.tolerance.wardrop) {
    const w = c.traffic.wardrop.worst;
    out.push(`a used route ${w ? `${w.from} → ${w.to} ` : ''}costs ${c.traffic.maxWardropExcess.toExponential(2)} (relative) more than the shortest, > ${formatTolerance(c.traffic.tolerance.wardrop)}`);
  }
  if (!(c.powerflow.lastVoltageChangePu <= c.powerflow.tolerancePu)) out.push(`the power flow's last sweep changed a voltage by ${c.powerflow.lastVoltageChangePu.toExponential(2)} p.u. > ${c.powerflow.tolerancePu}`);
  if (!c.market.admmConverged) out.push('the market\'s ADMM stopped at its iteration limit without meeting its stopping rule');
  const imbalance = Math.max(c.market.maxBalanceKw, c.market.maxTradeMismatchKw);
  if (imbalance > c.market.toleranceKw) out.push(`the market does not balance: ${c.market.maxBalanceKw >= c.market.maxTradeMismatchKw ? 'a participant\'s supply and demand differ' : 'two sides of a trade disagree'} by ${imbalance.toExponential(2)} kW > ${c.market.toleranceKw}`);
  return out;
}

export const evcsMarketJob: JobDefinition<'evcs-market'> = {
  kind: 'evcs-market',
  verdict: (c) => {
    const failures = evcsFailures(c);
    // the status line names one measure: the first that fails (a Wardrop failure reported as "price residual 6.8e-4 > 0.001" reads as nonsense), else the coupling's
    const checks = [
      { measure: 'coupling price residual, currency/kWh', value: c.coupling.priceResidualPerKwh, tolerance: c.coupling.tolerancePerKwh, failed: !c.coupling.converged },
      { measure: 'traffic relative gap', value: c.traffic.relativeGap, tolerance: c.traffic.tolerance.relativeGap, failed: c.traffic.relativeGap > c.traffic.tolerance.relativeGap },
      { measure: 'Wardrop excess of a used route', value: c.traffic.maxWardropExcess, tolerance: c.traffic.tolerance.wardrop, failed: c.traffic.maxWardropExcess > c.traffic.tolerance.wardrop },
      { measure: 'power-flow voltage change, p.u.', value: c.powerflow.lastVoltageChangePu, tolerance: c.powerflow.tolerancePu, failed: !(c.powerflow.lastVoltageChangePu <= c.powerflow.tolerancePu) },
      { measure: 'market imbalance, kW', value: Math.max(c.market.maxBalanceKw, c.market.maxTradeMismatchKw), tolerance: c.market.toleranceKw, failed: !c.market.admmConverged || Math.max(c.market.maxBalanceKw, c.market.maxTradeMismatchKw) > c.market.toleranceKw },
    ];
    const shown = checks.find((k) => k.failed) ?? checks[0]!;
    return {
      certified: failures.length === 0,
      measure: shown.measure,
      value: shown.value,
      tolerance: shown.tolerance,
      reason: failures.length === 0 ? null : failures.join('; '),
    };
  },
  usesLp: true,
  lpBackend: 'highs',
  run(s, options, ctx) {
    if (!ctx.lp) throw new Error('evcs-market needs a loaded HiGHS backend in ctx.lp');
    return run(s, options, ctx.lp, ctx.seed);
  },
};
