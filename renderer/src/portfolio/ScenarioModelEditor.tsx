/**
 * The "Price & demand" section: where the portfolio's scenarios come from.
 * Simulated — the spot-price model (hour-of-day and weekday shape, mean
 * reversion, volatility, jumps, floor and cap), the demand model (expected
 * kW, volatility, correlation with price), the number of scenarios and the
 * seed — or imported from the user's CSV. Every field edits the document
 * (one undo step) and shows the validation issue at its JSON path; below,
 * the preview of what the job will see.
 */
import { useState } from 'react';
import { readField, useDocument } from '../state/document.ts';
import { issuesUnder, useIssues } from '../state/useIssues.ts';
import { FormField, type FormFieldProps } from '../components/FormField.tsx';
import { CellInput, fieldIssue } from '../components/CellInput.tsx';
import { ProfileIdList } from '../components/IdLists.tsx';
import { applySimulatedScenarios, setPortfolioField } from './portfolioEdits.ts';
import { SimulationPreview } from './SimulationPreview.tsx';
import { CsvImportDialog } from './CsvImportDialog.tsx';
import './portfolio.css';

const HOURS = Array.from({ length: 24 }, (_, h) => String(h));
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** A FormField that also creates an absent optional parent (a file may omit `jumps`). */
function Field(props: Omit<FormFieldProps, 'issues' | 'commit'>) {
  const issues = useIssues();
  return <FormField {...props} issues={issues} commit={setPortfolioField} />;
}

/** One multiplier per hour or weekday, each cell at its own path (`portfolio.spotPrice.hourShape[7]`). */
function ShapeRow({ path, labels, title, unitHint }: { path: string; labels: string[]; title: string; unitHint: string }) {
  const issues = useIssues();
  const values = useDocument((s) => readField(s.scenario, path) as unknown[] | undefined);
  const whole = issues.get(path);
  return (
    <div className="shape-row">
      <div className="shape-title">
        <span>
          {title} <span className="unit">{unitHint}</span>
        </span>
        <button className="small-button" title="Set every multiplier to 1" onClick={() => setPortfolioField(path, labels.map(() => 1))}>
          flat
        </button>
      </div>
      <div className="shape-cells" style={{ gridTemplateColumns: `repeat(${Math.min(labels.length, 12)}, minmax(0, 1fr))` }} data-testid={`shape-${path}`}>
        {labels.map((label, i) => (
          <label key={label} className="shape-cell">
            <span>{label}</span>
            <CellInput
              value={values?.[i] ?? 1}
              kind="number"
              label={`${title} ${label}`}
              issue={fieldIssue(issues, `${path}[${i}]`, 'number')}
              testId={`field-${path}[${i}]`}
              onCommit={(v) => setPortfolioField(`${path}[${i}]`, v)}
            />
          </label>
        ))}
      </div>
      {whole && <div className="form-issue">{whole}</div>}
    </div>
  );
}

function ScenarioSource() {
  const scenarios = useDocument((s) => s.scenario.portfolio?.scenarios);
  const [importing, setImporting] = useState(false);
  const issues = useIssues();
  if (!scenarios) return null;
  // imported rows have no field of their own: their issues (a row of the wrong length after time.T changed) are listed here
  const rowIssues = scenarios.kind === 'imported' ? issuesUnder(issues, 'portfolio.scenarios') : [];
  return (
    <>
      <div className="source-row">
        <span className="form-label">Scenarios</span>
        <span data-testid="scenario-source">
          {scenarios.kind === 'simulated' ? 'simulated from the models below' : `imported: ${scenarios.pricePerKwh.length} scenarios from ${scenarios.source || 'a CSV file'}`}
        </span>
        <button data-testid="csv-import-open" onClick={() => setImporting(true)}>
          Import CSV…
        </button>
        {scenarios.kind === 'imported' && (
          <button data-testid="simulate-instead" onClick={() => applySimulatedScenarios(scenarios.pricePerKwh.length)}>
            Simulate instead
          </button>
        )}
      </div>
      {rowIssues.length > 0 && (
        <ul className="whatif-issues" data-testid="imported-issues">
          {rowIssues.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {scenarios.kind === 'simulated' && (
        <>
          <Field path="portfolio.scenarios.count" label="Number of scenarios S" kind="number" hint="1 to 100 000; the LP grows with S (docs/models/portfolio.md)" />
          <Field path="portfolio.scenarios.seed" label="Seed" kind="optionalNumber" placeholder="the job's seed (1)" hint="same seed, same scenarios on every machine" />
        </>
      )}
      {importing && <CsvImportDialog onClose={() => setImporting(false)} />}
    </>
  );
}

export function ScenarioModelEditor() {
  const imported = useDocument((s) => s.scenario.portfolio?.scenarios.kind === 'imported');
  return (
    <div className="portfolio-model" data-testid="portfolio-scenarios-editor">
      <ProfileIdList id="portfolio-profile-ids" />
      <div className="form">
        <ScenarioSource />
      </div>
      <div className={`model-columns${imported ? ' inactive' : ''}`} title={imported ? 'used again when you switch back to simulated scenarios' : undefined}>
        <div className="form">
          <h3>Spot price model</h3>
          <Field path="portfolio.spotPrice.basePricePerKwh" label="Base price" unit="/kWh" kind="number" hint="median price at shape multipliers 1" />
          <Field path="portfolio.spotPrice.meanReversionPerHour" label="Mean reversion κ" unit="1/h" kind="optionalNumber" placeholder="0.1" hint="a deviation decays as e^(−κt)" />
          <Field path="portfolio.spotPrice.volatilityPerSqrtHour" label="Volatility σ" unit="1/√h" kind="optionalNumber" placeholder="0.05" hint="of log-price; stationary std σ/√(2κ)" />
          <Field path="portfolio.spotPrice.floorPerKwh" label="Price floor" unit="/kWh" kind="optionalNumber" placeholder="0" />
          <Field path="portfolio.spotPrice.capPerKwh" label="Price cap" unit="/kWh" kind="optionalNumber" placeholder="none" />
          <h3>Price jumps</h3>
          <Field path="portfolio.spotPrice.jumps.perDay" label="Intensity" unit="per day" kind="optionalNumber" placeholder="0" hint="Poisson: expected jumps per day" />
          <Field path="portfolio.spotPrice.jumps.meanLog" label="Size, mean" unit="log-price" kind="optionalNumber" placeholder="0.5" hint="0.5 ≈ a ×1.65 spike" />
          <Field path="portfolio.spotPrice.jumps.stdLog" label="Size, std" unit="log-price" kind="optionalNumber" placeholder="0.2" hint="jump sizes ~ N(mean, std²)" />
          <Field path="portfolio.spotPrice.jumps.decayPerHour" label="Decay" unit="1/h" kind="optionalNumber" placeholder="0.5" hint="a spike fades as e^(−decay·t)" />
        </div>
        <div className="form">
          <h3>Demand model</h3>
          <Field path="portfolio.demand.kw" label="Expected demand" unit="kW" kind="series" list="portfolio-profile-ids" hint="a constant or a load profile's id" />
          <Field path="portfolio.demand.volatility" label="Volatility σ_D" kind="optionalNumber" placeholder="0.1" hint="std of the log demand factor, 0 to 3" />
          <Field path="portfolio.demand.priceCorrelation" label="Price correlation ρ" kind="optionalNumber" placeholder="0" hint="between log demand and log-price, −1 to 1" />
        </div>
      </div>
      <div className={`shapes${imported ? ' inactive' : ''}`}>
        <ShapeRow path="portfolio.spotPrice.hourShape" labels={HOURS} title="Hour-of-day shape" unitHint="p.u., hour 0 = 00:00–01:00" />
        <ShapeRow path="portfolio.spotPrice.weekdayShape" labels={WEEKDAYS} title="Weekday shape" unitHint="p.u." />
      </div>
      <SimulationPreview />
    </div>
  );
}
