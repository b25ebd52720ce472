/**
 * How an OPF result colours the one-line diagram at the chosen hour: buses by
 * voltage, DLMP or carbon intensity (scales fixed over the whole day, so a
 * colour change while playing is a real change), lines by loading.
 */
import { useMemo } from 'react';
import type { OpfData, OpfPeriod } from '../../../solver/contract.ts';
import { loadingColour, voltageColour, voltageGradient, VOLTAGE_TOP } from '../results/colourScales.ts';
import { carbonStops, colourAt, cssGradient, dlmpStops, range } from './opfScales.ts';
import { hourLabel, useOpfResult, useOpfView, type OpfMapLayer } from './opfView.ts';

export interface DiagramColouring {
  bus: Map<string, { colour: string; tip: string[] }>;
  line: Map<string, { colour: string; width: number; tip: string }>;
  legend: { title: string; gradient: string; ticks: string[]; stale: boolean };
}

const money = (v: number) => v.toFixed(4);

function busTip(b: OpfPeriod['buses'][number]): string[] {
  return [
    `load ${b.loadKw.toFixed(1)} kW / ${b.loadKvar.toFixed(1)} kvar`,
    `V ${b.vLinPu.toFixed(4)} p.u. (LinDistFlow)${b.vAcPu !== null ? `, ${b.vAcPu.toFixed(4)} AC` : ''}`,
    `DLMP ${money(b.dlmp.total)} /kWh = energy ${money(b.dlmp.energy)} + voltage ${money(b.dlmp.voltage)} + congestion ${money(b.dlmp.congestion)}`,
    `carbon ${b.carbonKgPerKwh.toFixed(3)} kg/kWh`,
  ];
}

function busScale(data: OpfData, layer: OpfMapLayer, vmin: number): { colour: (b: OpfPeriod['buses'][number]) => string; gradient: string; ticks: string[]; title: string } {
  const all = data.periods.flatMap((p) => p.buses);
  if (layer === 'dlmp') {
    const [lo, hi] = range(all.map((b) => b.dlmp.total));
    const stops = dlmpStops(lo, hi);
    return { colour: (b) => colourAt(stops, b.dlmp.total), gradient: cssGradient(stops), ticks: [money(lo), money((lo + hi) / 2), money(hi)], title: 'DLMP, /kWh' };
  }
  if (layer === 'carbon') {
    const [, hi] = range(all.map((b) => b.carbonKgPerKwh));
    const stops = carbonStops(hi);
    return { colour: (b) => colourAt(stops, b.carbonKgPerKwh), gradient: cssGradient(stops), ticks: ['0', (hi / 2).toFixed(3), hi.toFixed(3)], title: 'Carbon intensity, kg/kWh' };
  }
  return { colour: (b) => voltageColour(b.vLinPu, vmin), gradient: voltageGradient(vmin), ticks: [vmin.toFixed(2), '1.00', VOLTAGE_TOP.toFixed(2)], title: 'Bus voltage, p.u.' };
}

/** The diagram's colouring by the OPF result on screen, or null when none is shown. */
export function useOpfDiagramColouring(vmin: number): DiagramColouring | null {
  const opf = useOpfResult();
  const layer = useOpfView((s) => s.layer);
  return useMemo(() => {
    if (!opf) return null;
    const { data, period, stale } = opf;
    const scale = busScale(data, layer, vmin);
    const bus = new Map(period.buses.map((b) => [b.id, { colour: scale.colour(b), tip: busTip(b) }]));
    const line = new Map(
      period.lines.map((l) => [
        l.id,
        {
          colour: loadingColour(l.loadingPct),
          width: l.loadingPct !== null ? 1.5 + Math.min(l.loadingPct, 120) / 30 : 2,
          tip: `Line ${l.id}: ${l.from} → ${l.to}\nP ${l.pKw.toFixed(1)} kW, Q ${l.qKvar.toFixed(1)} kvar${l.loadingPct !== null ? `\nloading ${l.loadingPct.toFixed(1)} %${l.congested ? ' (at its limit)' : ''}` : ''}${l.acLoadingPct !== null ? `\nAC loading ${l.acLoadingPct.toFixed(1)} %` : ''}`,
        },
      ]),
    );
    return { bus, line, legend: { title: `${scale.title} · ${hourLabel(period.t, data.dtHours)}`, gradient: scale.gradient, ticks: scale.ticks, stale } };
  }, [opf?.data, opf?.period, opf?.stale, layer, vmin]);
}
