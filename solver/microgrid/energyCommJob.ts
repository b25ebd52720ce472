/**
 * The `mg-energy-comm` job (MODELS.md §7, the energy–communication
 * multi-commodity variant; docs/models/microgrids.md): each microgrid alone
 * (the disagreement point), P1 with free unlimited communication (to show
 * what the network costs), and P1 with every trade's data routed over
 * `scenario.communicationNetwork` (energyCommunication.ts, the oracle, one
 * LP/QP). Nash-bargaining payments on the joint costs, each pair's data cost
 * split half and half. Certificate: flow conservation, the bandwidths, and
 * every route used a cheapest one under link cost + bandwidth price (the
 * LP's duals), within `tolerance`.
 */
import type { JobDefinition, JobGenerator } from '../jobs/types.ts';
import type { MgEnergyCommCertificate, MgEnergyCommData, MgEnergyCommOptions } from '../jobs/kinds/mgEnergyComm.ts';
import { SolverError } from '../jobs/errors.ts';
import type { LpBackend } from '../lp/backend.ts';
import type { CommunicationNetwork, Scenario } from '../scenario/schema.ts';
import { allMicrogridInputs } from './inputs.ts';
import { buildP1, solveAlone, solveP1 } from './centralised.ts';
import { nashPayments } from './bargaining.ts';
import { addCommunication, solveEnergyCommunication } from './energyCommunication.ts';

function networkOf(s: Scenario): CommunicationNetwork {
  if (!s.communicationNetwork) throw new SolverError({ code: 'invalid-scenario', message: 'communicationNetwork: the energy–communication job needs the communication network the trades are routed over (communicationNetwork.links)', path: 'communicationNetwork' });
  return s.communicationNetwork;
}

function inputsOf(s: Scenario) {
  if (s.microgrids.length < 2) throw new SolverError({ code: 'invalid-scenario', message: `microgrids: trading needs at least two microgrids, the scenario has ${s.microgrids.length}`, path: 'microgrids' });
  return allMicrogridInputs(s);
}

function* run(s: Scenario, options: MgEnergyCommOptions, lp: LpBackend): JobGenerator<'mg-energy-comm'> {
  const net = networkOf(s);
  const inputs = inputsOf(s);
  yield { fraction: 0.05, stage: 'each microgrid alone (disagreement point)' };
  const alone = solveAlone(lp, inputs);
  yield { fraction: 0.25, stage: 'P1 with free, unlimited communication' };
  const free = solveP1(lp, s, inputs, options.network, options.polygonSides);
  yield { fraction: 0.55, stage: 'P1 with the trades’ data routed over the communication network (multi-commodity)' };
  const joint = solveEnergyCommunication(lp, s, inputs, net, options.network, options.polygonSides);

  const share = inputs.map((mg) => joint.pairs.reduce((sum, p) => sum + (p.a === mg.id || p.b === mg.id ? p.communicationCost / 2 : 0), 0));
  const jointCosts = joint.dispatch.map((d, i) => d.cost + share[i]!);
  const bargain = nashPayments(alone.map((d) => d.cost), jointCosts);
  const freePairs = new Map(free.p1.pairs.map(({ a, b }) => [`${inputs[a]!.id} ${inputs[b]!.id}`, free.dispatch[a]!.tradesKw[inputs[b]!.id]!]));
  const socialCost = joint.energyCost + joint.communicationCost;
  const data: MgEnergyCommData = {
    T: s.time.T,
    dtHours: s.time.dtHours,
    kbpsPerKw: net.kbpsPerKw,
    network: options.network,
    nodes: [...new Set([...inputs.map((m) => m.id), ...net.links.flatMap((l) => [l.from, l.to])])],
    microgrids: inputs.map((mg, i) => ({
      id: mg.id,
      costAlone: alone[i]!.cost,
      cost: joint.dispatch[i]!.cost,
      communicationShare: share[i]!,
      costFreeCommunication: free.dispatch[i]!.cost,
      payment: bargain.payments[i]!,
      gain: bargain.gains[i]!,
    })),
    pairs: joint.pairs.map((p) => ({ ...p, freeTradeKw: freePairs.get(`${p.a} ${p.b}`)!.slice(0, s.time.T) })),
    links: joint.links,
    energyCost: joint.energyCost,
    communicationCost: joint.communicationCost,
    socialCost,
    freeCommunicationCost: free.socialCost,
    cutRounds: joint.cutRounds,
  };
  const rateScale = Math.max(1, ...joint.pairs.flatMap((p) => p.rateKbps));
  const priceScale = Math.max(1e-6, ...net.links.map((l) => l.costPerKbpsH + net.delayCostPerKbpsMsH * l.latencyMs), ...joint.links.flatMap((l) => l.pricePerKbpsH));
  const certificate: MgEnergyCommCertificate = {
    conservationResidual: joint.conservationResidual,
    capacityExcess: joint.capacityExcess,
    routeGap: joint.routeGap,
    rateScale,
    priceScale,
    tolerance: options.tolerance,
    costAboveFree: socialCost - free.socialCost,
    backend: lp.name,
  };
  return { data, certificate, warnings: [] };
}

export function energyCommFailures(c: MgEnergyCommCertificate): string[] {
  const out: string[] = [];
  const rate = c.tolerance * c.rateScale, price = c.tolerance * Math.max(1, c.priceScale);
  if (c.conservationResidual > rate) out.push(`the data flows miss their demands by ${c.conservationResidual.toExponential(2)} kbit/s`);
  if (c.capacityExcess > rate) out.push(`a link carries ${c.capacityExcess.toExponential(2)} kbit/s above its bandwidth`);
  if (c.routeGap > price) out.push(`a trade's data takes a route ${c.routeGap.toExponential(2)} per kbit/s·h dearer than the cheapest under cost + bandwidth price`);
  if (c.costAboveFree < -c.tolerance * Math.max(1, Math.abs(c.costAboveFree))) out.push(`the joint optimum is cheaper than trading with free communication (${c.costAboveFree.toExponential(2)}): one of the two solves is not optimal`);
  return out;
}

export const mgEnergyCommJob: JobDefinition<'mg-energy-comm'> = {
  kind: 'mg-energy-comm',
  verdict: (c) => {
    const failures = energyCommFailures(c);
    const value = Math.max(c.conservationResidual / c.rateScale, Math.max(0, c.capacityExcess) / c.rateScale, c.routeGap / Math.max(1, c.priceScale));
    return { certified: failures.length === 0, measure: 'largest relative flow-conservation, bandwidth or cheapest-route residual', value, tolerance: c.tolerance, reason: failures.length === 0 ? null : failures.join('; ') };
  },
  usesLp: true,
  lpBackend: 'highs',
  buildLp(s, options) {
    const inputs = inputsOf(s);
    const p1 = buildP1(s, inputs, options.network, options.polygonSides);
    addCommunication(p1, inputs, networkOf(s), s.time.T, s.time.dtHours);
    return p1.model;
  },
  run(s, options, ctx) {
    if (!ctx.lp) throw new Error('mg-energy-comm needs a loaded HiGHS backend in ctx.lp');
    return run(s, options, ctx.lp);
  },
};
