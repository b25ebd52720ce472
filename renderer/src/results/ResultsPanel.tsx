/**
 * The results of the job on screen: a typed failure in plain words, or the
 * power-flow summary, the voltage profile, losses, line loading and the
 * certificate. A result computed before the latest edit is marked stale.
 */
import type { JobResult, PowerflowCertificate, PowerflowData } from '../../../solver/contract.ts';
import { useSession } from '../state/session.ts';
import { formatTolerance, hasAnswer } from '../../../solver/jobs/certification.ts';
import { useShownResult, usePowerflowPeriod } from './useShownResult.ts';
import { VoltageProfile } from './VoltageProfile.tsx';
import { LossesView } from './LossesView.tsx';
import { LineLoadingTable } from './LineLoadingTable.tsx';
import { CertificatePanel } from './CertificatePanel.tsx';
import { downloadCsv, toCsv } from './csv.ts';
import { Card } from '../components/Card.tsx';
import { VppGameView } from '../vpp/VppGameView.tsx';
import { OpfResultView } from '../opf/OpfResultView.tsx';
import { BayesResultView, isBayesJob } from '../bayes/BayesResultView.tsx';
import { PortfolioResultView } from '../portfolio/PortfolioResultView.tsx';
import { MechanismResultView } from '../market/MechanismResultView.tsx';
import { LedgerResultView } from '../ledger/LedgerResultView.tsx';
import { ConsensusResultView } from '../ledger/ConsensusResultView.tsx';
import { TrafficResultView } from '../transport/TrafficResultView.tsx';
import { EvcsResultView } from '../evcs/EvcsResultView.tsx';
import { MicrogridResultView } from '../microgrid/MicrogridResultView.tsx';
import { ForecastResultView } from '../forecast/ForecastResultView.tsx';
import { DsoFeesResultView } from '../dsoFees/DsoFeesResultView.tsx';
import { DualAscentResultView } from '../microgrid/DualAscentResultView.tsx';
import { TrainLiveView, TrainResultView } from '../learn/TrainResultView.tsx';
import { DlmpLearnResultView } from '../learn/DlmpLearnResultView.tsx';
import { CommunityDesignResultView } from '../learn/CommunityDesignResultView.tsx';
import { EnergyCommResultView } from '../microgrid/EnergyCommResultView.tsx';
import { AdnOperatorResultView } from '../learn/AdnOperatorResultView.tsx';

export function ResultsPanel() {
  const shown = useShownResult();
  const classroom = useSession((s) => s.classroom);
  // training: the learning curve grows while the teacher watches
  const training = useSession((s) => s.job.running && s.job.kind === 'train');
  if (training) return <TrainLiveView classroom={classroom} />;
  if (!shown) return <div className="empty-results">No results yet. Press Run (Ctrl+Enter) to run the job chosen in the Run panel.</div>;
  const { result, stale } = shown;
  return (
    <div className="results" data-testid="results" data-status={result.status}>
      {stale && <div className="banner stale">The scenario changed since this result was computed. Run again to update.</div>}
      {result.status === 'uncertified' && <UncertifiedBadge result={result} />}
      {!hasAnswer(result.status) ? (
        <FailureView result={result} />
      ) : result.job === 'powerflow' ? (
        <PowerflowView classroom={classroom} />
      ) : result.job === 'vpp-game' ? (
        <VppGameView result={result as JobResult<'vpp-game'>} resultKey={shown.hash} classroom={classroom} />
      ) : result.job === 'opf' ? (
        <OpfResultView classroom={classroom} />
      ) : isBayesJob(result.job) ? (
        <BayesResultView job={result.job} classroom={classroom} />
      ) : result.job === 'portfolio' || result.job === 'portfolio-evaluate' ? (
        <PortfolioResultView classroom={classroom} />
      ) : result.job === 'mechanism' ? (
        <MechanismResultView classroom={classroom} />
      ) : result.job === 'ledger' ? (
        <LedgerResultView classroom={classroom} />
      ) : result.job === 'consensus' ? (
        <ConsensusResultView classroom={classroom} />
      ) : result.job === 'traffic' ? (
        <TrafficResultView classroom={classroom} />
      ) : result.job === 'evcs-market' ? (
        <EvcsResultView classroom={classroom} />
      ) : result.job === 'mg-bargaining' ? (
        <MicrogridResultView classroom={classroom} />
      ) : result.job === 'forecast' ? (
        <ForecastResultView classroom={classroom} />
      ) : result.job === 'dso-fees' || result.job === 'dso-fees-evaluate' ? (
        <DsoFeesResultView classroom={classroom} />
      ) : result.job === 'dual-ascent' ? (
        <DualAscentResultView classroom={classroom} />
      ) : result.job === 'train' ? (
        <TrainResultView classroom={classroom} />
      ) : result.job === 'dlmp-learn' ? (
        <DlmpLearnResultView classroom={classroom} />
      ) : result.job === 'community-design' ? (
        <CommunityDesignResultView classroom={classroom} />
      ) : result.job === 'mg-energy-comm' ? (
        <EnergyCommResultView classroom={classroom} />
      ) : result.job === 'adn-operator' ? (
        <AdnOperatorResultView classroom={classroom} />
      ) : (
        <div className="empty-results">{result.message}. This job kind has no result view yet; its certificate is in the log.</div>
      )}
    </div>
  );
}

/** An answer whose certificate does not hold: shown, but flagged with the verdict and the reason. */
function UncertifiedBadge({ result }: { result: JobResult }) {
  const v = result.verdict;
  return (
    <div className="banner uncertified" role="status" data-testid="uncertified-badge">
      <div className="banner-title">
        <span className="badge warning">uncertified</span> The certificate does not hold{v ? `: ${v.measure} ${v.value.toExponential(2)} > ${formatTolerance(v.tolerance)}` : ''}
      </div>
      {v?.reason && <div className="reason">{v.reason}</div>}
      <div className="hint">The numbers below are the solver’s best answer, not a certified one.</div>
    </div>
  );
}

function FailureView({ result }: { result: JobResult }) {
  const e = result.error;
  return (
    <div className="banner error" role="alert" data-testid="result-error">
      <div className="banner-title">
        {result.status === 'invalid' ? 'Cannot solve this scenario' : result.status === 'not-converged' ? 'The power flow did not converge' : `Job ${result.status}`}
      </div>
      <div>{result.message}</div>
      {e?.hint && <div className="hint">{e.hint}</div>}
      {e?.issues && (
        <ul className="issue-list">
          {e.issues.map((i) => (
            <li key={i.path + i.message}>
              <code>{i.path}</code>: {i.message}
            </li>
          ))}
        </ul>
      )}
      {e?.details && (
        <div className="details">
          {Object.entries(e.details)
            .map(([k, v]) => `${k}: ${v}`)
            .join(' · ')}
        </div>
      )}
    </div>
  );
}

function PowerflowView({ classroom }: { classroom: boolean }) {
  const shown = usePowerflowPeriod();
  const result = useShownResult()!.result;
  if (!shown) return null;
  const { data, period } = shown;
  const multi = data.T > 1;
  return (
    <>
      <SummaryCards data={data} periodIndex={period.t} />
      {multi && <PeriodSlider data={data} />}
      <div className="section-head">
        <span>Voltage profile{multi ? ` · period ${period.t + 1} of ${data.T}` : ''}</span>
        <span className="muted" data-testid="plotted-min-voltage">
          min {period.minVoltage.vmPu.toFixed(5)} p.u. at bus {period.minVoltage.bus}
        </span>
      </div>
      {classroom && (
        <p className="explain">
          Each dot is a bus, in feeder order. Voltage falls along the feeder as current flows through the line resistance; the dashed lines are the limits a planner must keep every bus within.
        </p>
      )}
      <VoltageProfile period={period} />
      {multi && (
        <>
          <div className="section-head">
            <span>Losses by period</span>
            <span className="muted">{data.summary.energyLossesKwh.toFixed(1)} kWh over the horizon</span>
          </div>
          <LossesView data={data} />
        </>
      )}
      <LineLoadingTable period={period} />
      <BusVoltageExport data={data} />
      {result.certificate && <CertificatePanel certificate={result.certificate as PowerflowCertificate} />}
    </>
  );
}

function SummaryCards({ data, periodIndex }: { data: PowerflowData; periodIndex: number }) {
  const p = data.periods[periodIndex]!;
  const s = data.summary;
  const undervoltage = s.violations.filter((v) => v.kind === 'undervoltage').length;
  return (
    <div className="cards" data-testid="summary">
      <Card label="Losses" value={`${p.lossesKw.toFixed(2)} kW`} sub={`${((p.lossesKw / Math.max(p.substationKw, 1e-9)) * 100).toFixed(2)} % of import`} />
      <Card label="Min voltage" value={`${p.minVoltage.vmPu.toFixed(4)} p.u.`} sub={`bus ${p.minVoltage.bus}`} warn={undervoltage > 0} />
      <Card label="Substation import" value={`${p.substationKw.toFixed(0)} kW`} sub={`${p.substationKvar.toFixed(0)} kvar`} />
      <Card
        label="Max loading"
        value={s.maxLoadingPct ? `${s.maxLoadingPct.pct.toFixed(1)} %` : '—'}
        sub={s.maxLoadingPct ? `line ${s.maxLoadingPct.line}${data.T > 1 ? `, period ${s.maxLoadingPct.t + 1}` : ''}` : 'no line ratings'}
        warn={(s.maxLoadingPct?.pct ?? 0) > 100}
      />
      {s.violations.length > 0 && <Card label="Limit violations" value={String(s.violations.length)} sub={`${undervoltage} under-voltage`} warn />}
    </div>
  );
}

function PeriodSlider({ data }: { data: PowerflowData }) {
  const t = useSession((s) => s.period);
  return (
    <label className="period-slider">
      <span>Period</span>
      <input type="range" min={0} max={data.T - 1} value={Math.min(t, data.T - 1)} aria-label="period" onChange={(e) => useSession.getState().set({ period: Number(e.target.value) })} />
      <span className="num">
        {Math.min(t, data.T - 1) + 1} / {data.T}
      </span>
    </label>
  );
}

function BusVoltageExport({ data }: { data: PowerflowData }) {
  const exportCsv = () =>
    downloadCsv('bus-voltages.csv', toCsv(['period', 'bus', 'vmPu', 'vaDeg'], data.periods.flatMap((p) => p.buses.map((b) => [p.t + 1, b.id, b.vmPu, b.vaDeg]))));
  return (
    <div className="section-head">
      <span>Bus voltages, all periods</span>
      <button className="small-button" onClick={exportCsv}>
        CSV
      </button>
    </div>
  );
}
