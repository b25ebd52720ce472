/** The human summary `ggs solve --job powerflow` prints. */
import type { PowerflowCertificate, PowerflowData } from '../../../solver/contract.ts';

const kw = (x: number) => `${x.toFixed(2)} kW`;

export function powerflowSummary(data: PowerflowData, certificate: PowerflowCertificate | null): string[] {
  const s = data.summary;
  const lines = [
    `periods        ${data.T} × ${data.dtHours} h`,
    data.T === 1
      ? `losses         ${kw(data.periods[0]?.lossesKw ?? 0)}`
      : `losses         peak ${kw(s.peakLossesKw.kw)} (t=${s.peakLossesKw.t}), ${s.energyLossesKwh.toFixed(2)} kWh over the horizon`,
    `min voltage    ${s.minVoltage.vmPu.toFixed(5)} p.u. at bus ${s.minVoltage.bus}${data.T > 1 ? ` (t=${s.minVoltage.t})` : ''}`,
    s.maxLoadingPct
      ? `max loading    ${s.maxLoadingPct.pct.toFixed(1)} % on line ${s.maxLoadingPct.line}${data.T > 1 ? ` (t=${s.maxLoadingPct.t})` : ''}`
      : 'max loading    no line has a thermal limit',
  ];
  if (s.violations.length > 0) {
    const byKind = new Map<string, number>();
    for (const v of s.violations) byKind.set(v.kind, (byKind.get(v.kind) ?? 0) + 1);
    lines.push(`violations     ${[...byKind].map(([k, n]) => `${n} ${k}`).join(', ')}`);
  } else lines.push('violations     none');
  if (certificate)
    lines.push(`certificate    max mismatch ${certificate.maxMismatchKva.toExponential(2)} kVA, ${certificate.iterations} sweeps at most (tolerance ${certificate.tolerancePu} p.u.)`);
  return lines;
}
