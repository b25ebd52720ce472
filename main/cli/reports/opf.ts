/** The human summary `ggs solve --job opf` prints. */
import type { OpfCertificate, OpfData } from '../../../solver/contract.ts';

export function opfSummary(data: OpfData, certificate: OpfCertificate | null): string[] {
  const s = data.summary;
  let low = { v: Infinity, bus: '', t: 0 }, high = { v: -Infinity, bus: '', t: 0 };
  for (const p of data.periods)
    for (const b of p.buses) {
      if (b.dlmp.total < low.v) low = { v: b.dlmp.total, bus: b.id, t: p.t };
      if (b.dlmp.total > high.v) high = { v: b.dlmp.total, bus: b.id, t: p.t };
    }
  const count = (kind: string) => s.binding.filter((b) => b.kind === kind).length;
  const lines = [
    `periods        ${data.T} × ${data.dtHours} h`,
    `cost           ${s.cost.toFixed(2)} (import ${s.importCost.toFixed(2)}, export revenue ${s.exportRevenue.toFixed(2)}, generators ${s.generatorCost.toFixed(2)})`,
    `DLMP           ${low.v.toFixed(4)} (bus ${low.bus}, t=${low.t}) to ${high.v.toFixed(4)} (bus ${high.bus}, t=${high.t}) per kWh`,
    `binding        ${count('voltage-min')} voltage floors, ${count('voltage-max')} voltage ceilings, ${count('thermal')} line limits, ${count('import-limit')} import limits (bus·periods)`,
    `PV curtailed   ${s.pvCurtailedKwh.toFixed(2)} kWh`,
    `carbon         ${s.carbon.emittedKg.toFixed(2)} kg emitted: loads ${s.carbon.loadsKg.toFixed(2)}, losses ${s.carbon.lossesKg.toFixed(2)}, storage ${s.carbon.storageKg.toFixed(2)}, export ${s.carbon.exportKg.toFixed(2)} (${s.carbonBasis} flows)`,
  ];
  if (s.maxVoltageErrorPu !== null) lines.push(`LinDistFlow    largest voltage difference to the AC power flow ${s.maxVoltageErrorPu.toFixed(5)} p.u.`);
  if (certificate) {
    const c = certificate.lp;
    lines.push(`certificate    ${c.backend} ${c.status}, ${certificate.rows} rows × ${certificate.columns} columns, primal violation ${c.maxPrimalViolation.toExponential(2)}, duality gap ${c.dualityGap.toExponential(2)}`);
  }
  return lines;
}
