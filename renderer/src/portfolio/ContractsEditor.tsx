/**
 * The "Contracts" section: the forward contracts of the portfolio (delivery
 * shape, price, volume bounds), the spot bid–ask spread and the risk settings
 * (α, λ or a CVaR limit), each validated at its JSON path.
 */
import { useCallback, useState } from 'react';
import { useDocument } from '../state/document.ts';
import { useIssues } from '../state/useIssues.ts';
import { EditableGrid, type FieldColumn } from '../components/EditableGrid.tsx';
import { FormField } from '../components/FormField.tsx';
import { ProfileIdList } from '../components/IdLists.tsx';
import { addContract, deleteContract, setContractField, setPortfolioField } from './portfolioEdits.ts';

const COLUMNS: FieldColumn[] = [
  { key: 'id', label: 'Id', kind: 'text', width: 70 },
  { key: 'name', label: 'Name', kind: 'text', width: 170 },
  { key: 'shape', label: 'Shape', kind: 'text', width: 80, list: 'contract-shapes' },
  { key: 'profile', label: 'Profile', kind: 'optionalText', placeholder: 'custom only', width: 100, list: 'contract-profile-ids' },
  { key: 'pricePerKwh', label: 'Price', unit: '/kWh', kind: 'number', width: 70 },
  { key: 'minKw', label: 'Min', unit: 'kW', kind: 'optionalNumber', placeholder: '0', width: 64 },
  { key: 'maxKw', label: 'Max', unit: 'kW', kind: 'number', width: 64 },
  { key: 'heldKw', label: 'Held', unit: 'kW', kind: 'optionalNumber', placeholder: '= min', width: 64 },
];

export function ContractsEditor() {
  const rows = useDocument((s) => s.scenario.portfolio?.contracts ?? []);
  const issues = useIssues();
  const weekdaysOnly = useDocument((s) => s.scenario.portfolio?.peakHours?.weekdaysOnly ?? true);
  const [selected, setSelected] = useState<string | null>(null);
  const onEdit = useCallback((i: number, key: string, v: unknown) => setContractField(i, key, v), []);
  const onDelete = useCallback((i: number) => deleteContract(i), []);
  return (
    <div className="portfolio-editor">
      <datalist id="contract-shapes">
        <option value="baseload" />
        <option value="peak" />
        <option value="offpeak" />
        <option value="custom" />
      </datalist>
      <ProfileIdList id="contract-profile-ids" />
      <EditableGrid
        rows={rows as never}
        columns={COLUMNS}
        basePath="portfolio.contracts"
        issues={issues}
        selectedId={selected}
        onSelect={setSelected}
        onEdit={onEdit}
        onDelete={onDelete}
        onAdd={addContract}
        addLabel="Add contract"
        testId="contracts-table"
      />
      <div className="section-head">
        <span>Risk and spot market</span>
      </div>
      <div>
        <FormField path="portfolio.risk.alpha" label="Confidence α" kind="optionalNumber" placeholder="0.95" issues={issues} hint="VaR/CVaR level, in (0, 1)" commit={setPortfolioField} />
        <FormField path="portfolio.risk.lambda" label="Risk weight λ" kind="optionalNumber" placeholder="0" issues={issues} hint="minimise E[cost] + λ·CVaR" commit={setPortfolioField} />
        <FormField path="portfolio.risk.cvarLimit" label="CVaR limit" unit="currency" kind="optionalNumber" placeholder="none" issues={issues} hint="or: minimise E[cost] s.t. CVaR ≤ limit (clear λ)" commit={setPortfolioField} />
        <FormField path="portfolio.spot.bidAskSpreadPerKwh" label="Bid–ask spread" unit="/kWh" kind="optionalNumber" placeholder="0" issues={issues} hint="buy at p + spread/2, sell at p − spread/2" commit={setPortfolioField} />
      </div>
      <div className="section-head">
        <span>Peak hours (the peak and off-peak shapes)</span>
      </div>
      <div>
        <FormField path="portfolio.peakHours.fromHour" label="From hour" kind="optionalNumber" placeholder="8" issues={issues} hint="0–23, local time of time.start" commit={setPortfolioField} />
        <FormField path="portfolio.peakHours.toHour" label="To hour" kind="optionalNumber" placeholder="20" issues={issues} hint="1–24, exclusive" commit={setPortfolioField} />
        <label className="form-field">
          <span className="form-label">Weekdays only</span>
          <input type="checkbox" checked={weekdaysOnly} onChange={(e) => setPortfolioField('portfolio.peakHours.weekdaysOnly', e.target.checked)} data-testid="field-portfolio.peakHours.weekdaysOnly" />
        </label>
      </div>
    </div>
  );
}
