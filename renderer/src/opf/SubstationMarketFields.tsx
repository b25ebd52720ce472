/** What the upstream grid charges, pays and emits at the substation, and how much it can deliver: constants or profile ids. */
import { FormField } from '../components/FormField.tsx';
import { useIssues } from '../state/useIssues.ts';
import { ProfileIdList } from '../components/IdLists.tsx';

export function SubstationMarketFields() {
  const issues = useIssues();
  const hint = 'a constant, or the id of a profile';
  return (
    <>
      <h3>Upstream grid</h3>
      <FormField path="network.substation.importPricePerKwh" label="Import price" unit="/kWh" kind="series" issues={issues} placeholder="0.2" hint={hint} list="substation-profile-ids" />
      <FormField path="network.substation.exportPricePerKwh" label="Export price" unit="/kWh" kind="series" issues={issues} placeholder="0" hint={hint} list="substation-profile-ids" />
      <FormField path="network.substation.carbonKgPerKwh" label="Carbon intensity" unit="kg/kWh" kind="series" issues={issues} placeholder="0.4" hint={hint} list="substation-profile-ids" />
      <FormField path="network.substation.importLimitKw" label="Import limit" unit="kW" kind="optionalNumber" issues={issues} placeholder="unlimited" />
      <ProfileIdList id="substation-profile-ids" />
    </>
  );
}
