/**
 * The EV charging editors (issue 20): the market's settings (energy per EV,
 * value of time, the DSO tariff and trade fee), the stations (road node,
 * feeder bus, chargers and their power, queue parameters, service cost,
 * price bounds, PV), the prosumers (load, PV, generator) and the EV origins.
 * Every cell shows the validation issue at its path (`evcs.stations[1].busId`),
 * including the cross-checks (a station at a centroid or the substation, a
 * price maximum below the minimum); every edit is one undo step.
 */
import { useCallback, useMemo } from 'react';
import { useDocument } from '../state/document.ts';
import { useIssues } from '../state/useIssues.ts';
import { EditableGrid, type FieldColumn } from '../components/EditableGrid.tsx';
import { FormField } from '../components/FormField.tsx';
import { BusIdList } from '../components/IdLists.tsx';
import { gridRows } from '../vpp/gridRows.ts';
import { RoadDiagram } from '../transport/RoadDiagram.tsx';
import { RoadNodeIdList } from '../transport/TransportEditors.tsx';
import { selectRoad, useRoadSelection } from '../transport/roadSelection.ts';
import { addEvOrigin, addProsumer, addStation, createEvcs, deleteEvcsRow, setEvcsField, setEvcsListField } from './evcsEdits.ts';

const NONE: never[] = [];

const STATION_COLUMNS: FieldColumn[] = [
  { key: 'id', label: 'Id', kind: 'text', width: 84 },
  { key: 'name', label: 'Name', kind: 'text', width: 96 },
  { key: 'node', label: 'Node', kind: 'text', width: 52, list: 'road-node-ids' },
  { key: 'busId', label: 'Bus', kind: 'text', width: 52, list: 'evcs-buses' },
  { key: 'chargers', label: 'Chargers', kind: 'number', width: 76 },
  { key: 'chargerKw', label: 'Charger', unit: 'kW', kind: 'number', width: 84 },
  { key: 'waitAlpha', label: 'Queue α', kind: 'optionalNumber', placeholder: '0.5', width: 74 },
  { key: 'waitBeta', label: 'Queue β', kind: 'optionalNumber', placeholder: '4', width: 74 },
  { key: 'serviceCostPerKwh', label: 'Service', unit: '/kWh', kind: 'optionalNumber', placeholder: '0', width: 100 },
  { key: 'priceMinPerKwh', label: 'Min price', unit: '/kWh', kind: 'optionalNumber', placeholder: '0', width: 112 },
  { key: 'priceMaxPerKwh', label: 'Max price', unit: '/kWh', kind: 'optionalNumber', placeholder: '1', width: 112 },
  { key: 'pvKw', label: 'PV', unit: 'kW', kind: 'optionalNumber', placeholder: '0', width: 70 },
];

const PROSUMER_COLUMNS: FieldColumn[] = [
  { key: 'id', label: 'Id', kind: 'text', width: 64 },
  { key: 'name', label: 'Name', kind: 'text', width: 96 },
  { key: 'busId', label: 'Bus', kind: 'text', width: 56, list: 'evcs-buses' },
  { key: 'loadKw', label: 'Load', unit: 'kW', kind: 'number', width: 70 },
  { key: 'pvKw', label: 'PV', unit: 'kW', kind: 'optionalNumber', placeholder: '0', width: 66 },
  { key: 'generator.pMaxKw', label: 'Gen max', unit: 'kW', kind: 'optionalNumber', placeholder: 'none', width: 84 },
  { key: 'generator.pMinKw', label: 'Gen min', unit: 'kW', kind: 'optionalNumber', placeholder: '0', width: 80 },
  { key: 'generator.costQuadraticPerKw2h', label: 'Gen a', unit: '/kW²h', kind: 'optionalNumber', placeholder: '0', width: 96 },
  { key: 'generator.costLinearPerKwh', label: 'Gen b', unit: '/kWh', kind: 'optionalNumber', placeholder: '—', width: 80 },
];

const ORIGIN_COLUMNS: FieldColumn[] = [
  { key: 'from', label: 'Road node', kind: 'text', width: 80, list: 'road-node-ids' },
  { key: 'vehPerH', label: 'EVs', unit: 'veh/h', kind: 'number', width: 90 },
];

function NoEvcs() {
  const hasRoads = useDocument((s) => s.scenario.transport !== undefined);
  return (
    <div className="form">
      <p className="form-hint">
        {hasRoads ? 'This scenario has no charging stations yet.' : 'Charging stations sit on a road network and a feeder: start a road network first (Roads), or import one (File → Import TNTP…).'}
      </p>
      {hasRoads && (
        <button onClick={createEvcs} data-testid="create-evcs">
          Add EV charging
        </button>
      )}
    </div>
  );
}

export function EvcsSettings() {
  const issues = useIssues();
  const has = useDocument((s) => s.scenario.evcs !== undefined);
  if (!has) return <NoEvcs />;
  const f = (path: string, label: string, unit: string, placeholder: string, hint?: string) => (
    <FormField path={path} label={label} unit={unit} kind="optionalNumber" placeholder={placeholder} issues={issues} commit={setEvcsField} {...(hint ? { hint } : {})} />
  );
  return (
    <div className="form" data-testid="evcs-settings">
      <h3>Drivers</h3>
      {f('evcs.energyPerEvKwh', 'Energy per EV', 'kWh', '30', 'what one EV takes; a station serves chargers·kW / this EVs per hour')}
      {f('evcs.valueOfTimePerHour', 'Value of time', 'per hour', '20', 'turns the charging price into minutes of generalised cost')}
      <h3>DSO (upper level)</h3>
      {f('evcs.dso.buyPricePerKwh', 'Tariff (buy)', '/kWh', '0.25', 'what a participant pays the DSO, every bus')}
      {f('evcs.dso.sellPricePerKwh', 'Feed-in (sell)', '/kWh', '0.05', 'what the DSO pays; not above the tariff')}
      {f('evcs.dso.tradeFeePerKwh', 'P2P trade fee', '/kWh', '0.005', 'paid by each side of a trade')}
      <p className="form-hint">The ADMM's settings are those of Microgrids → Coordination & links.</p>
    </div>
  );
}

export function StationTable() {
  const stations = useDocument((s) => s.scenario.evcs?.stations);
  const selected = useRoadSelection((s) => s.station);
  const issues = useIssues();
  const onEdit = useCallback((i: number, key: string, v: unknown) => setEvcsListField('stations', i, key, v), []);
  if (!stations) return <NoEvcs />;
  return (
    <div className="vpp-editor evcs-wide" data-testid="evcs-station-editor">
      <RoadDiagram />
      <RoadNodeIdList />
      <BusIdList id="evcs-buses" />
      <p className="form-hint">A station at a through road node draws from a feeder bus (not the substation). Capacity: chargers · kW / energy per EV EVs an hour; the queue adds charge time · α · (EVs / capacity)^β minutes.</p>
      <EditableGrid rows={stations as never} columns={STATION_COLUMNS} basePath="evcs.stations" issues={issues} selectedId={selected} onSelect={(id) => selectRoad({ station: id })} onEdit={onEdit} onDelete={(i) => deleteEvcsRow('stations', i)} onAdd={addStation} addLabel="Add station" testId="evcs-station-table" />
    </div>
  );
}

export function ProsumerTable() {
  const prosumers = useDocument((s) => s.scenario.evcs?.prosumers ?? (s.scenario.evcs ? NONE : undefined));
  const issues = useIssues();
  const rows = useMemo(() => gridRows(prosumers ?? NONE, PROSUMER_COLUMNS), [prosumers]);
  const onEdit = useCallback((i: number, key: string, v: unknown) => setEvcsListField('prosumers', i, key, v), []);
  if (!prosumers) return <NoEvcs />;
  return (
    <div className="vpp-editor evcs-wide" data-testid="evcs-prosumer-editor">
      <BusIdList id="evcs-buses" />
      <p className="form-hint">The stations' P2P partners: load, curtailable PV and an optional generator (cost a·P² + b·P per hour). Clearing Gen max removes the generator.</p>
      <EditableGrid rows={rows} columns={PROSUMER_COLUMNS} basePath="evcs.prosumers" issues={issues} selectedId={null} onSelect={() => {}} onEdit={onEdit} onDelete={(i) => deleteEvcsRow('prosumers', i)} onAdd={addProsumer} addLabel="Add prosumer" testId="evcs-prosumer-table" />
    </div>
  );
}

export function EvOriginTable() {
  const demand = useDocument((s) => s.scenario.evcs?.demand);
  const issues = useIssues();
  const onEdit = useCallback((i: number, key: string, v: unknown) => setEvcsListField('demand', i, key, v), []);
  if (!demand) return <NoEvcs />;
  return (
    <>
      <RoadNodeIdList />
      <p className="form-hint">EVs setting out from a road node in the hour to charge; each picks the station (and route) with the least travel + waiting time + price.</p>
      <EditableGrid rows={demand as never} columns={ORIGIN_COLUMNS} basePath="evcs.demand" issues={issues} selectedId={null} onSelect={() => {}} onEdit={onEdit} onDelete={(i) => deleteEvcsRow('demand', i)} onAdd={addEvOrigin} addLabel="Add EV origin" testId="evcs-origin-table" />
    </>
  );
}
