/**
 * A fleet generator: fleet size and seed, one distribution editor per
 * generated quantity, and a live preview of the fleet it samples — each
 * quantity's histogram against its distribution, the market roles of the
 * sampled EVs, the sampled table itself — then "Freeze into table" stores
 * exactly that fleet as an editable table.
 */
import { useMemo } from 'react';
import { EvGenerator, type Ev, type EvFleet } from '../../../solver/scenario/schema.ts';
import { FormField } from '../components/FormField.tsx';
import { useDocument } from '../state/document.ts';
import { DistributionEditor } from './DistributionEditor.tsx';
import { GENERATED, previewGenerator } from './generatorPreview.ts';

/** What an absent optional quantity means: the schema's default (efficiencies 0.95, degradation 0.02). */
const schemaDefault = (key: keyof typeof EvGenerator.shape) => {
  const r = EvGenerator.shape[key].safeParse(undefined);
  return r.success ? r.data : undefined;
};

export function FleetGeneratorEditor({ fleet, index, issues }: { fleet: EvFleet; index: number; issues: Map<string, string> }) {
  const time = useDocument((s) => s.scenario.time);
  const generator = fleet.generator as unknown as Record<string, Record<string, unknown> | number | undefined>;
  const result = useMemo(() => previewGenerator(fleet, fleet.generator, time), [fleet, time]);
  const base = `evFleets[${index}].generator`;
  const preview = result.ok ? result.preview : null;
  return (
    <div data-testid={`ev-generator-${index}`}>
      <div className="section-head">
        <span>Generator</span>
        <span>
          <button
            title="Draw another fleet from the same distributions"
            data-testid={`ev-reseed-${index}`}
            onClick={() => useDocument.getState().setField(`${base}.seed`, (Number(generator.seed) || 0) + 1)}
          >
            ↻ Another seed
          </button>{' '}
          <button data-testid={`ev-freeze-${index}`} disabled={!preview} title="Store the fleet shown below as an editable table (the generator is removed)" onClick={() => preview && freeze(index, preview.evs)}>
            Freeze into table
          </button>
        </span>
      </div>
      <FormField path={`${base}.count`} label="Fleet size" unit="EVs" kind="number" issues={issues} />
      <FormField path={`${base}.seed`} label="Seed" kind="number" issues={issues} hint="the same seed always gives the same fleet" />
      {preview ? (
        <p className="ev-roles" data-testid={`ev-roles-${index}`}>
          Sampled: <b>{preview.evs.length}</b> EVs — <b>{preview.roles.seller}</b> sellers (surplus {preview.roles.surplusKwh.toFixed(1)} kWh), <b>{preview.roles.buyer}</b> buyers (need {preview.roles.needKwh.toFixed(1)} kWh), {preview.roles.idle} idle
          {preview.cutAtHorizon > 0 && <span className="muted"> · {preview.cutAtHorizon} leave at the horizon's end (stay cut)</span>}
        </p>
      ) : (
        !result.ok && (
          <p className="form-issue" role="alert" data-testid={`ev-preview-issue-${index}`}>
            No preview: {base}.{result.path}: {result.message}
          </p>
        )
      )}
      <p className="muted ev-legend">
        Bars: the sampled fleet. <span style={{ color: '#e07b00' }}>Line</span>: what the distribution expects (EVs per bin). The fleet also keeps SOC and efficiencies in 0..1 and stays within the horizon.
      </p>
      <div className="ev-dist-grid">
        {GENERATED.map(({ key, label, unit }) => {
          const stored = generator[key];
          const shown = preview?.quantities.find((q) => q.key === key)?.distribution ?? (typeof stored === 'object' ? stored : schemaDefault(key));
          return (
            <DistributionEditor
              key={key}
              path={`${base}.${key}`}
              label={label}
              unit={unit}
              stored={typeof stored === 'object' ? stored : undefined}
              shown={shown as never}
              preview={preview?.quantities.find((q) => q.key === key)}
              issues={issues}
              testId={`ev-gen-${index}-${key}`}
            />
          );
        })}
      </div>
      {preview && (
        <details className="ev-sampled">
          <summary>Sampled EVs ({preview.evs.length}) — what “Freeze into table” stores</summary>
          <div className="table-scroll">
            <table className="grid readonly" data-testid={`ev-sampled-${index}`}>
              <thead>
                <tr>
                  {['id', 'kWh', 'arrive h', 'leave h', 'SOC in', 'SOC req', 'ch kW', 'dis kW', 'η ch', 'η dis', 'degr.'].map((h) => (
                    <th key={h}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.evs.map((e) => (
                  <tr key={e.id}>
                    <td>{e.id}</td>
                    {[e.capacityKwh, e.arrivalH, e.departureH, e.arrivalSoc, e.requiredSoc, e.maxChargeKw, e.maxDischargeKw, e.chargeEfficiency, e.dischargeEfficiency, e.degradationCostPerKwh].map((v, k) => (
                      <td key={k} className="num">
                        {v.toFixed(2)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </div>
  );
}

function freeze(index: number, evs: Ev[]) {
  useDocument.getState().edit((draft) => {
    const fleet = draft.evFleets![index]!;
    fleet.evs = evs;
    delete fleet.generator;
  });
}
