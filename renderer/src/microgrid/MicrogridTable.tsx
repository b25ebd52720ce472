/**
 * The microgrids editor: one row each — bus, load and PV, generator (quadratic
 * cost and limits), battery, ADN exchange prices and limits, and the partners
 * it may trade with at what cost; below, the coordination settings (ADMM and
 * the simulated communication links). Every cell shows the validation issue
 * at its path (`microgrids[2].generator.pMaxKw`); what the user typed stays
 * in the cell even when it does not parse.
 */
import { useCallback, useMemo } from 'react';
import { useDocument } from '../state/document.ts';
import { useIssues } from '../state/useIssues.ts';
import { EditableGrid, type FieldColumn } from '../components/EditableGrid.tsx';
import { FormField } from '../components/FormField.tsx';
import { BusIdList, ProfileIdList } from '../components/IdLists.tsx';
import { gridRows } from '../vpp/gridRows.ts';
import { CommunicationLinksEditor } from './CommunicationLinksEditor.tsx';
import { CommNetworkEditor } from './CommNetworkEditor.tsx';
import { addMicrogrid, deleteMicrogrid, formatPartners, setCoordinationField, setMicrogridField, type PartnerInput } from './microgridEdits.ts';

const NONE: never[] = [];

const COLUMNS: FieldColumn[] = [
  { key: 'id', label: 'Id', kind: 'text', width: 64 },
  { key: 'busId', label: 'Bus', kind: 'text', width: 46, list: 'mg-buses' },
  { key: 'loadKw', label: 'Load', unit: 'kW', kind: 'series', width: 96, list: 'mg-series' },
  { key: 'pvKwp', label: 'PV', unit: 'kWp', kind: 'optionalNumber', placeholder: '0', width: 70 },
  { key: 'pvProfile', label: 'PV profile', unit: 'p.u.', kind: 'series', placeholder: '0', width: 100, list: 'mg-series' },
  { key: 'generator.pMaxKw', label: 'Gen max', unit: 'kW', kind: 'optionalNumber', placeholder: 'none', width: 84 },
  { key: 'generator.pMinKw', label: 'Gen min', unit: 'kW', kind: 'optionalNumber', placeholder: '0', width: 80 },
  { key: 'generator.costQuadraticPerKw2h', label: 'Gen a', unit: '/kW²h', kind: 'optionalNumber', placeholder: '0', width: 96 },
  { key: 'generator.costLinearPerKwh', label: 'Gen b', unit: '/kWh', kind: 'optionalNumber', placeholder: '—', width: 80 },
  { key: 'generator.rampKwPerH', label: 'Ramp', unit: 'kW/h', kind: 'optionalNumber', placeholder: '∞', width: 84 },
  { key: 'battery.kwh', label: 'Battery', unit: 'kWh', kind: 'optionalNumber', placeholder: 'none', width: 100 },
  { key: 'battery.kw', label: 'Battery', unit: 'kW', kind: 'optionalNumber', placeholder: '—', width: 86 },
  { key: 'battery.degradationCostPerKwh', label: 'Wear', unit: '/kWh', kind: 'optionalNumber', placeholder: '0', width: 80 },
  { key: 'adn.buyPricePerKwh', label: 'ADN buy', unit: '/kWh', kind: 'series', width: 100, list: 'mg-series' },
  { key: 'adn.sellPricePerKwh', label: 'ADN sell', unit: '/kWh', kind: 'series', width: 100, list: 'mg-series' },
  { key: 'adn.maxImportKw', label: 'Import max', unit: 'kW', kind: 'optionalNumber', placeholder: '∞', width: 104 },
  { key: 'adn.maxExportKw', label: 'Export max', unit: 'kW', kind: 'optionalNumber', placeholder: '∞', width: 104 },
  { key: 'partners', label: 'Partners', unit: 'id:cost[:kW]', kind: 'text', width: 210 },
];

export function MicrogridTable() {
  const microgrids = useDocument((s) => s.scenario.microgrids ?? NONE);
  const issues = useIssues();
  const rows = useMemo(
    () =>
      gridRows(microgrids, COLUMNS).map((r) => ({ ...r, partners: Array.isArray(r.partners) ? formatPartners(r.partners as PartnerInput[]) : r.partners })),
    [microgrids],
  );
  const onEdit = useCallback((i: number, key: string, v: unknown) => setMicrogridField(i, key, v), []);
  return (
    <div className="vpp-editor" data-testid="microgrid-editor">
      <ProfileIdList id="mg-series" />
      <BusIdList id="mg-buses" />
      <p className="form-hint">
        A series field (load, PV profile, ADN prices) takes a number or a profile id. Clearing Gen max removes the generator, clearing the battery's kWh removes the battery.
        Partners: <code>mg2:0.005, mg3:0.01:80</code> — the microgrid, what this one pays per kWh traded with it, and an optional kW limit; a pair trades only when each lists the other.
      </p>
      <EditableGrid rows={rows} columns={COLUMNS} basePath="microgrids" issues={issues} selectedId={null} onSelect={() => {}} onEdit={onEdit} onDelete={deleteMicrogrid} onAdd={addMicrogrid} addLabel="Add microgrid" testId="microgrid-table" />
    </div>
  );
}

/** ADMM settings and the simulated message network between the agents (mg-bargaining, dual-ascent). */
export function MicrogridCoordinationEditor() {
  const issues = useIssues();
  const f = (field: string, label: string, unit: string | undefined, placeholder: string, hint?: string) => (
    <FormField path={`microgridCoordination.${field}`} label={label} {...(unit ? { unit } : {})} kind="optionalNumber" placeholder={placeholder} issues={issues} commit={setCoordinationField} {...(hint ? { hint } : {})} />
  );
  return (
    <div className="form" data-testid="mg-coordination-editor">
      <h3>Communication links</h3>
      <p className="form-hint">Every message between two agents (one proposal per iteration) passes a simulated link; the draws are seeded by the run's seed. These settings hold for every link without its own (below).</p>
      {f('communication.lossProbability', 'Loss probability', undefined, '0', 'a lost message leaves the receiver with the last value it got (0 … 0.95)')}
      {f('communication.maxDelayIterations', 'Largest delay', 'iterations', '0', 'each message is delayed uniformly by 0 … this many iterations')}
      {f('communication.bandwidthKbitPerIteration', 'Bandwidth', 'kbit per iteration', 'unlimited', 'per link and direction; a message of n numbers is 0.064·n kbit and waits for what does not fit')}
      <h4>Per link</h4>
      <CommunicationLinksEditor />
      <h3>Communication network of the trades (energy–communication)</h3>
      <CommNetworkEditor />
      <h3>ADMM</h3>
      {f('admm.rho', 'Penalty ρ', '/kW² per period', '0.005')}
      {f('admm.maxIterations', 'Iteration limit', undefined, '2000', 'a run that reaches it returns its last iterate, marked not converged')}
      {f('admm.epsAbs', 'Absolute tolerance', 'kW', '3e-4')}
      {f('admm.epsRel', 'Relative tolerance', undefined, '1e-6')}
      <h3>Privacy (dual ascent)</h3>
      {f('privacy.epsilon', 'ε', undefined, '1', 'smaller: more private, noisier reports (Laplace noise of scale Δ/ε)')}
      {f('privacy.sensitivityKw', 'Sensitivity Δ', 'kW', '1')}
    </div>
  );
}
