/**
 * The OPF result: cost and carbon at a glance, the hour player that drives
 * the diagram colouring, the DLMP heat map, the voltage envelope, the
 * dispatch stack, carbon intensity by bus and the LP certificate.
 */
import type { OpfData } from '../../../solver/contract.ts';
import { useDocument } from '../state/document.ts';
import { Card } from '../components/Card.tsx';
import { HourPlayer } from './HourPlayer.tsx';
import { DlmpHeatMap } from './DlmpHeatMap.tsx';
import { VoltageEnvelope } from './VoltageEnvelope.tsx';
import { DispatchStack } from './DispatchStack.tsx';
import { CarbonByBus } from './CarbonByBus.tsx';
import { OpfCertificatePanel } from './OpfCertificatePanel.tsx';
import { hourLabel, useOpfResult } from './opfView.ts';

export function OpfResultView({ classroom }: { classroom: boolean }) {
  const opf = useOpfResult();
  const buses = useDocument((s) => s.scenario.network.buses);
  if (!opf) return null;
  const { data, period, certificate } = opf;
  const s = data.summary;
  const hour = hourLabel(period.t, data.dtHours);
  const vminPu = Math.min(...buses.map((b) => b.vminPu ?? 0.95));
  const vmaxPu = Math.max(...buses.map((b) => b.vmaxPu ?? 1.05));
  return (
    <>
      <div className="cards" data-testid="opf-summary">
        <Card label="Operating cost" value={s.cost.toFixed(2)} sub={`import ${s.importCost.toFixed(0)} − export ${s.exportRevenue.toFixed(0)} + generators ${s.generatorCost.toFixed(0)}`} />
        <Card label="Emissions" value={`${s.carbon.emittedKg.toFixed(0)} kg`} sub={`${s.carbon.loadsKg.toFixed(0)} kg to loads (${s.carbonBasis === 'ac' ? 'AC flows' : 'LinDistFlow'})`} />
        <Card label="PV curtailed" value={`${s.pvCurtailedKwh.toFixed(0)} kWh`} sub="over the horizon" warn={s.pvCurtailedKwh > 0} />
        <Card label="Binding limits" value={String(s.binding.length)} sub={bindingSummary(s.binding)} warn={s.binding.length > 0} />
      </div>
      <HourPlayer T={data.T} dtHours={data.dtHours} />
      {classroom && (
        <p className="explain">
          The DLMP is what one more kWh at a bus would cost the feeder at that hour: the substation's energy price, plus a share for any voltage limit or line limit it would press against. Press play to watch prices and carbon move through the day on the diagram.
        </p>
      )}
      <div className="section-head">
        <span>DLMP by bus and hour</span>
        <span className="muted">
          {hour}: {Math.min(...period.buses.map((b) => b.dlmp.total)).toFixed(4)}–{Math.max(...period.buses.map((b) => b.dlmp.total)).toFixed(4)} /kWh
        </span>
      </div>
      <DlmpHeatMap data={data} t={period.t} />
      <div className="section-head">
        <span>Voltage envelope over the day</span>
        {s.maxVoltageErrorPu !== null && <span className="muted">LinDistFlow vs AC ≤ {s.maxVoltageErrorPu.toFixed(4)} p.u.</span>}
      </div>
      <VoltageEnvelope data={data} vminPu={vminPu} vmaxPu={vmaxPu} t={period.t} />
      <div className="section-head">
        <span>Dispatch by hour</span>
        <span className="muted">
          {hour}: import {period.importKw.toFixed(0)} kW at {period.importPricePerKwh.toFixed(3)} /kWh
        </span>
      </div>
      <DispatchStack data={data} t={period.t} />
      <div className="section-head">
        <span>Carbon intensity by bus · {hour}</span>
        <span className="muted">grid {period.gridCarbonKgPerKwh.toFixed(3)} kg/kWh (dashed)</span>
      </div>
      <CarbonByBus data={data} period={period} />
      {certificate && <OpfCertificatePanel certificate={certificate} />}
    </>
  );
}

function bindingSummary(binding: OpfData['summary']['binding']): string {
  if (!binding.length) return 'none';
  const kinds = new Map<string, number>();
  for (const b of binding) kinds.set(b.kind, (kinds.get(b.kind) ?? 0) + 1);
  return [...kinds].map(([k, n]) => `${n} ${k}`).join(', ');
}
