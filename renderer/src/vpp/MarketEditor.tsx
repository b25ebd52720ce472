/** The P2P market: buyers' inverse demand (retail → feed-in price over their demand) and the operator's fee. */
import { useDocument } from '../state/document.ts';
import { useIssues } from '../state/useIssues.ts';
import { FormField } from '../components/FormField.tsx';
import { VppDatalists } from './VppDatalists.tsx';
import { addMarket } from './vppEdits.ts';

export function MarketEditor() {
  const hasMarket = useDocument((s) => s.scenario.market !== undefined);
  const issues = useIssues();
  if (!hasMarket)
    return (
      <div className="form">
        <p className="form-hint">This scenario has no P2P market; the VPP game needs one.</p>
        <button className="add-row" onClick={addMarket}>
          + Add P2P market
        </button>
      </div>
    );
  return (
    <div className="form">
      <VppDatalists />
      <h3>Buyers</h3>
      <p className="form-hint">The P2P price falls linearly from the retail price (nothing sold P2P) to the feed-in price (buyers' whole demand sold P2P). A field takes a number or a profile id.</p>
      <FormField path="market.retailPricePerKwh" label="Retail price r" unit="/kWh" kind="series" list="vpp-series" issues={issues} />
      <FormField path="market.feedInPricePerKwh" label="Feed-in price w" unit="/kWh" kind="series" list="vpp-series" issues={issues} />
      <FormField path="market.buyerDemandKw" label="Buyers' demand D" unit="kW" kind="series" list="vpp-series" issues={issues} />
      <h3>Market operator</h3>
      <FormField path="market.serviceFeePerKwh" label="Service quotation f" unit="/kWh" kind="number" issues={issues} />
      <FormField path="market.serviceFeeMaxPerKwh" label="Upper limit f_max" unit="/kWh" kind="number" issues={issues} hint="the fee charged per kWh sold P2P is min(f, f_max)" />
    </div>
  );
}
