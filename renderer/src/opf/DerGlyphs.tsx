/** Small glyphs of the resources at a bus on the one-line diagram: sun (PV), battery, generator. */
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';

export interface DersAtBus {
  pv: number;
  battery: number;
  generator: number;
}

/** Which resources sit at each bus (buses without any are absent). */
export function dersByBus(der: ScenarioInput['network']['der']): Map<string, DersAtBus> {
  const at = new Map<string, DersAtBus>();
  const entry = (bus: string) => at.get(bus) ?? at.set(bus, { pv: 0, battery: 0, generator: 0 }).get(bus)!;
  for (const p of der?.pv ?? []) entry(p.busId).pv++;
  for (const b of der?.batteries ?? []) entry(b.busId).battery++;
  for (const g of der?.generators ?? []) entry(g.busId).generator++;
  return at;
}

const Sun = () => (
  <svg viewBox="0 0 12 12" className="der-glyph pv" aria-label="PV">
    <title>PV</title>
    <circle cx="6" cy="6" r="2.4" />
    {[0, 45, 90, 135, 180, 225, 270, 315].map((a) => (
      <line key={a} x1="6" y1="1" x2="6" y2="2.4" transform={`rotate(${a} 6 6)`} />
    ))}
  </svg>
);

const Battery = () => (
  <svg viewBox="0 0 12 12" className="der-glyph battery" aria-label="battery">
    <title>Battery</title>
    <rect x="1" y="3.5" width="9" height="5" rx="0.8" />
    <rect x="10" y="5" width="1.2" height="2" className="tip" />
    <rect x="2.2" y="4.7" width="4" height="2.6" className="charge" />
  </svg>
);

const Generator = () => (
  <svg viewBox="0 0 12 12" className="der-glyph generator" aria-label="generator">
    <title>Generator</title>
    <circle cx="6" cy="6" r="4.6" />
    <path d="M3.4 6 q1.3 -2.6 2.6 0 t2.6 0" fill="none" />
  </svg>
);

export function DerGlyphs({ ders }: { ders: DersAtBus }) {
  return (
    <div className="der-glyphs" data-testid="der-glyphs">
      {ders.pv > 0 && <Sun />}
      {ders.battery > 0 && <Battery />}
      {ders.generator > 0 && <Generator />}
    </div>
  );
}
