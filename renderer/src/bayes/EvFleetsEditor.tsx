/**
 * EV fleets: per fleet its bus, the responsiveness levels (type model and
 * prior), and either the generator (distributions, live preview, freeze into
 * a table) or the explicit EV table.
 */
import type { EvFleet } from '../../../solver/scenario/schema.ts';
import { EditableGrid, type FieldColumn } from '../components/EditableGrid.tsx';
import { FormField } from '../components/FormField.tsx';
import { BusIdList } from '../components/IdLists.tsx';
import { useDocument } from '../state/document.ts';
import { useIssues } from '../state/useIssues.ts';
import { FleetGeneratorEditor } from './FleetGeneratorEditor.tsx';
import { ResponsivenessEditor } from './ResponsivenessEditor.tsx';
import { NEW_EV_MARKET } from './EvMarketEditor.tsx';

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

export function EvFleetsEditor() {
  const issues = useIssues();
  const fleets = useDocument((s) => (s.scenario as { evFleets?: EvFleet[] }).evFleets ?? []);
  if (!fleets.length)
    return (
      <div className="form" data-testid="ev-fleets-editor">
        <p className="muted">This scenario has no EV fleets (the ev-parking-lot sample has one).</p>
        <button className="add-row" data-testid="ev-fleet-add" onClick={addFleet}>
          + Add an EV fleet
        </button>
      </div>
    );
  const edit = (fn: (f: EvFleet) => void, i: number) =>
    useDocument.getState().edit((draft) => {
      fn((draft as unknown as { evFleets: EvFleet[] }).evFleets[i]!);
    });
  return (
    <div data-testid="ev-fleets-editor">
      <BusIdList id="ev-bus-ids" />
      {fleets.map((f, i) => (
        <section key={i} className="form ev-fleet">
          <div className="section-head">
            <span>
              Fleet {f.id} {f.name && `· ${f.name}`}
            </span>
            <span className="muted">{f.evs ? `${f.evs.length} EVs (table)` : f.generator ? `${f.generator.count} EVs (generator)` : 'no EVs'}</span>
          </div>
          <FormField path={`evFleets[${i}].name`} label="Name" kind="text" issues={issues} />
          <FormField path={`evFleets[${i}].busId`} label="Bus" kind="text" list="ev-bus-ids" issues={issues} hint="the parking lot's bus in the network" />
          <ResponsivenessEditor levels={f.responsiveness} index={i} issues={issues} />
          {f.generator && !f.evs && <FleetGeneratorEditor fleet={f} index={i} issues={issues} />}
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

/** A generated fleet of 20 EVs at the substation bus, three responsiveness levels, and a microgrid when there is none. */
function addFleet() {
  useDocument.getState().edit((d) => {
    const n = (d.evFleets ??= []).length + 1;
    const busId = d.network.substation?.busId ?? d.network.buses[0]?.id ?? '1';
    d.evFleets.push({
      id: `fleet${n}`,
      name: '',
      busId,
      generator: {
        count: 20,
        seed: 1,
        capacityKwh: { kind: 'empirical', values: [40, 60, 75], weights: [0.3, 0.45, 0.25] },
        arrivalH: { kind: 'normal', mean: 8.5, sd: 1.2, min: 6, max: 12 },
        stayH: { kind: 'normal', mean: 8.5, sd: 1.5, min: 3, max: 11 },
        arrivalSoc: { kind: 'uniform', min: 0.2, max: 0.9 },
        requiredSoc: { kind: 'uniform', min: 0.45, max: 0.75 },
        maxChargeKw: { kind: 'fixed', value: 7.4 },
        maxDischargeKw: { kind: 'fixed', value: 7.4 },
      },
      responsiveness: [
        { id: 'low', name: 'Low responsiveness', dissatisfactionPerKwh2: 0.02, prior: 1 },
        { id: 'medium', name: 'Medium responsiveness', dissatisfactionPerKwh2: 0.006, prior: 1 },
        { id: 'high', name: 'High responsiveness', dissatisfactionPerKwh2: 0.002, prior: 1 },
      ],
    });
    d.evMarket ??= { ...NEW_EV_MARKET };
  });
}
