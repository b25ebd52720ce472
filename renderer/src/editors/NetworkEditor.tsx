import { FormField } from '../components/FormField.tsx';
import { useIssues } from '../state/useIssues.ts';
import { useDocument } from '../state/document.ts';
import { SubstationMarketFields } from '../opf/SubstationMarketFields.tsx';
import { BusIdList } from '../components/IdLists.tsx';

/** Feeder-wide settings: nominal voltage, base power, the load-scale what-if knob. */
export function NetworkSettings() {
  const issues = useIssues();
  const source = useDocument((s) => s.scenario.network.source);
  return (
    <div className="form">
      <h3>Feeder</h3>
      <FormField path="network.baseKv" label="Nominal voltage" unit="kV" kind="number" issues={issues} />
      <FormField path="network.baseMva" label="Base power" unit="MVA" kind="number" issues={issues} placeholder="1" />
      <FormField path="network.loadScale" label="Load scale" unit="×" kind="number" issues={issues} placeholder="1" hint="multiplies every bus load: a quick what-if" />
      {source && <p className="form-hint">Source: {source}</p>}
    </div>
  );
}

/** The slack bus and the voltage it holds. */
export function SubstationEditor() {
  const issues = useIssues();
  return (
    <div className="form">
      <h3>Substation (slack bus)</h3>
      <FormField path="network.substation.busId" label="Bus" kind="text" issues={issues} list="bus-ids-all" />
      <FormField path="network.substation.vmPu" label="Voltage" unit="p.u." kind="number" issues={issues} placeholder="1" />
      <FormField path="network.substation.vaDeg" label="Angle" unit="°" kind="number" issues={issues} placeholder="0" />
      <SubstationMarketFields />
      <BusIdList id="bus-ids-all" />
    </div>
  );
}
