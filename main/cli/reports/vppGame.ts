/** The human summary `ggs solve --job vpp-game` prints. */
import type { VppGameCertificate, VppGameData } from '../../../solver/contract.ts';

const money = (x: number) => x.toFixed(2);

export function vppGameSummary(data: VppGameData, certificate: VppGameCertificate | null): string[] {
  const peak = data.volumeKw.indexOf(Math.max(...data.volumeKw));
  const lines = [
    `periods        ${data.T} × ${data.dtHours} h, fee ${data.feePerKwh}/kWh, control ${data.control}`,
    `P2P volume     ${(data.volumeKw.reduce((a, b) => a + b, 0) * data.dtHours).toFixed(1)} kWh, peak ${data.volumeKw[peak]!.toFixed(1)} kW at t=${peak} (price ${data.price[peak]!.toFixed(4)})`,
    ...data.equilibrium.map(
      (v) => `${v.id.padEnd(14)} revenue ${money(v.revenue)}, share ${(100 * v.marketShare).toFixed(1)} %, margin ${v.priceCostMargin === null ? '—' : v.priceCostMargin.toFixed(3)}`,
    ),
    `total revenue  ${money(data.totalRevenue)}`,
  ];
  if (data.potentialCheck) lines.push(`potential      max |q − q_potential| = ${data.potentialCheck.maxQuantityDiffKw.toExponential(2)} kW`);
  if (certificate)
    lines.push(`certificate    max deviation gain ${certificate.maxDeviationGain.toExponential(2)} (relative ${certificate.maxRelativeDeviationGain.toExponential(2)}), ${certificate.sweeps} sweeps, last residual ${certificate.residualHistory.at(-1)!.toExponential(2)} kW`);
  return lines;
}
