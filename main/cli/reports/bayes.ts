/** The human summaries `ggs solve --job kda` and `--job ev-bayesian` print. */
import type { BayesCertificate, EvBayesianData, KdaData } from '../../../solver/contract.ts';
import { formatEpsilon } from '../../../solver/bayes/solve.ts';

function certificateLine(c: BayesCertificate | null): string[] {
  if (!c) return [];
  const how = c.method === 'exact' ? `exact over ${c.typeProfiles} type profiles` : `CRN sample of ${c.sampleSize} type profiles`;
  return [`certificate    max deviation gain ${c.maxDeviationGain.toExponential(2)} ${c.isEpsilonEquilibrium ? '≤' : '>'} ε = ${formatEpsilon(c.epsilon)} (${c.refinement}× finer grid and a local search, ${how}, ${c.iterations} sweep${c.iterations === 1 ? '' : 's'})`];
}

export function kdaSummary(data: KdaData, certificate: BayesCertificate | null): string[] {
  return [
    `auction        k = ${data.k}, ${data.typePoints} types and ${data.actionPoints} bids on [${data.min}, ${data.max}], start ${data.start}`,
    `gains          ${data.expectedGainsFromTrade.toFixed(6)} expected from trade, ${(100 * data.efficiency).toFixed(1)} % of the efficient ${data.efficientGainsFromTrade.toFixed(6)} (P(trade) ${data.tradeProbability.toFixed(4)})`,
    ...certificateLine(certificate),
  ];
}

export function evBayesianSummary(data: EvBayesianData, certificate: BayesCertificate | null): string[] {
  const s = data.summary;
  const b = data.baseline;
  return [
    `fleet          ${data.evs.length} EVs (${data.evs.filter((e) => e.role === 'seller').length} sellers, ${data.evs.filter((e) => e.role === 'buyer').length} buyers), V2V ${data.v2vEnabled ? 'on' : 'off'}`,
    `V2V            ${s.v2vKwh.toFixed(2)} kWh expected over ${data.T} × ${data.dtHours} h`,
    `green          ${(100 * s.greenUtilisation).toFixed(1)} % of EV charging from PV and V2V (baseline ${(100 * b.greenUtilisation).toFixed(1)} %)`,
    `emissions      ${s.emissionsKg.toFixed(2)} kg (baseline ${b.emissionsKg.toFixed(2)} kg)`,
    ...certificateLine(certificate),
  ];
}
