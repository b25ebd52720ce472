/**
 * EV fleets: per fleet its bus, the responsiveness levels (type model and
 * prior), and either the explicit EV table or the generator's settings, with
 * a button that samples the generator and freezes the fleet into a table.
 */
import { EvGenerator, type Distribution, type EvFleet } from '../../../solver/scenario/schema.ts';
import { sampleFleet } from '../../../solver/ev/fleet.ts';
import { EditableGrid, type FieldColumn } from '../components/EditableGrid.tsx';
import { FormField } from '../components/FormField.tsx';
import { useDocument } from '../state/document.ts';
import { useIssues } from '../state/useIssues.ts';

const EV_COLUMNS: FieldColumn[] = [
  { key: 'id', label: 'Id', kind: 'text', width: 70 },
  { key: 'capacityKwh', label: 'Capacity', unit: 'kWh', kind: 'number', width: 70 },
  { key: 'arrivalH', label: 'Arrival', unit: 'h', kind: 'number', width: 60 },
  { key: 'departureH', label: 'Departure', unit: 'h', kind: 'number', width: 70 },
  { key: 'arrivalSoc', label: 'SOC in', kind: 'number', width: 60 },
  { key: 'requiredSoc', label: 'SOC req', kind: 'number', width: 60 },
  { key: 'maxChargeKw', label: 'Ch', unit: 'kW', kind: 'number', width: 50 },
  { key: 'maxDischargeKw', label: 'Dis', unit: 'kW', kind: 'number', width: 50 },
  { key: 'chargeEfficiency', label: 'η ch', kind: 'optionalNumber', placeholder: '0.95', width: 50 },
  { key: 'dischargeEfficiency', label: 'η dis', kind: 'optionalNumber', placeholder: '0.95', width: 50 },
  { key: 'degradationCostPerKwh', label: 'Degr.', unit: '/kWh', kind: 'optionalNumber', placeholder: '0.02', width: 60 },
];

const LEVEL_COLUMNS: FieldColumn[] = [
  { key: 'id', label: 'Id', kind: 'text', width: 80 },
  { key: 'name', label: 'Name', kind: 'text', width: 170 },
  { key: 'dissatisfactionPerKwh2', label: 'Dissatisfaction', unit: '/kWh²', kind: 'number', width: 110 },
  { key: 'prior', label: 'Prior', kind: 'number', width: 60 },
];

const GEN_KEYS = ['capacityKwh', 'arrivalH', 'stayH', 'arrivalSoc', 'requiredSoc', 'maxChargeKw', 'maxDischargeKw', 'chargeEfficiency', 'dischargeEfficiency', 'degradationCostPerKwh'] as const;

export function describeDistribution(d: Distribution | undefined): string {
  if (!d) return 'default';
  const clip = (lo?: number, hi?: number) => (lo !== undefined || hi !== undefined ? `, clipped to [${lo ?? '−∞'}, ${hi ?? '∞'}]` : '');
  switch (d.kind) {
    case 'fixed':
      return `fixed ${d.value}`;
    case 'uniform':
      return `uniform [${d.min}, ${d.max}]`;
    case 'normal':
      return `normal mean ${d.mean}, sd ${d.sd}${clip(d.min, d.max)}`;
    case 'empirical':
      return `empirical ${d.values.join(', ')}${d.weights ? ` weights ${d.weights.join(', ')}` : ''}`;
  }
}

export function EvFleetsEditor() {
  const issues = useIssues();
  const fleets = useDocument((s) => (s.scenario as { evFleets?: EvFleet[] }).evFleets ?? []);
  const horizonH = useDocument((s) => s.scenario.time.T * s.scenario.time.dtHours);
  if (!fleets.length) return <div className="form" data-testid="ev-fleets-editor"><p className="muted">This scenario has no EV fleets (open the ev-parking-lot sample).</p></div>;
  const edit = (fn: (f: EvFleet) => void, i: number) =>
    useDocument.getState().edit((draft) => {
      fn((draft as unknown as { evFleets: EvFleet[] }).evFleets[i]!);
    });
  return (
    <div data-testid="ev-fleets-editor">
      {fleets.map((f, i) => (
        <section key={i} className="form">
          <div className="section-head">
            <span>
              Fleet {f.id} {f.name && `· ${f.name}`}
            </span>
            <span className="muted">{f.evs ? `${f.evs.length} EVs (table)` : f.generator ? `${f.generator.count} EVs (generator)` : 'no EVs'}</span>
          </div>
          <FormField path={`evFleets[${i}].name`} label="Name" kind="text" issues={issues} />
          <FormField path={`evFleets[${i}].busId`} label="Bus" kind="text" issues={issues} />
          <div className="section-head">
            <span>Responsiveness levels (private types) and prior</span>
          </div>
          <EditableGrid
            rows={f.responsiveness as never}
            columns={LEVEL_COLUMNS}
            basePath={`evFleets[${i}].responsiveness`}
            issues={issues}
            selectedId={null}
            onSelect={() => {}}
            onEdit={(r, key, v) => edit((fl) => void ((fl.responsiveness[r] as Record<string, unknown>)[key] = v), i)}
            onDelete={(r) => edit((fl) => void fl.responsiveness.splice(r, 1), i)}
            onAdd={() => edit((fl) => void fl.responsiveness.push({ id: `level${fl.responsiveness.length + 1}`, name: '', dissatisfactionPerKwh2: 0.01, prior: 0 }), i)}
            addLabel="Add level"
            testId={`ev-levels-${i}`}
          />
          {f.generator && !f.evs && (
            <>
              <div className="section-head">
                <span>Generator</span>
                <button
                  data-testid={`ev-freeze-${i}`}
                  title="Sample the fleet from the generator's seed and store it as an editable table"
                  onClick={() => {
                    // the document holds the input form: defaults (efficiencies, degradation) are filled by parsing
                    const evs = sampleFleet(f.id, EvGenerator.parse(f.generator), horizonH);
                    edit((fl) => {
                      fl.evs = evs;
                      delete fl.generator;
                    }, i);
                  }}
                >
                  Freeze into table
                </button>
              </div>
              <FormField path={`evFleets[${i}].generator.count`} label="EVs" kind="number" issues={issues} />
              <FormField path={`evFleets[${i}].generator.seed`} label="Seed" kind="number" issues={issues} />
              <dl className="kv" data-testid={`ev-generator-${i}`}>
                {GEN_KEYS.map((k) => (
                  <div key={k} style={{ display: 'contents' }}>
                    <dt>{k}</dt>
                    <dd>{describeDistribution(f.generator![k] as Distribution | undefined)}</dd>
                  </div>
                ))}
              </dl>
            </>
          )}
          {f.evs && (
            <>
              <div className="section-head">
                <span>EVs</span>
              </div>
              <EditableGrid
                rows={f.evs as never}
                columns={EV_COLUMNS}
                basePath={`evFleets[${i}].evs`}
                issues={issues}
                selectedId={null}
                onSelect={() => {}}
                onEdit={(r, key, v) => edit((fl) => void ((fl.evs![r] as Record<string, unknown>)[key] = v), i)}
                onDelete={(r) => edit((fl) => void fl.evs!.splice(r, 1), i)}
                onAdd={() =>
                  edit((fl) => {
                    const last = fl.evs![fl.evs!.length - 1];
                    fl.evs!.push({ ...(last ?? { capacityKwh: 60, arrivalH: 8, departureH: 17, arrivalSoc: 0.5, requiredSoc: 0.6, maxChargeKw: 7.4, maxDischargeKw: 7.4, name: '', chargeEfficiency: 0.95, dischargeEfficiency: 0.95, degradationCostPerKwh: 0.02 }), id: `${fl.id}-ev${fl.evs!.length + 1}` });
                  }, i)
                }
                addLabel="Add EV"
                testId={`ev-table-${i}`}
              />
            </>
          )}
        </section>
      ))}
    </div>
  );
}
