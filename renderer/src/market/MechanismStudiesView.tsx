/**
 * The mechanism laboratory's studies over random books, each a what-if study
 * of the `mechanism` job run from here (workers, progress, Cancel, points
 * drawn as they finish): efficiency and budget against market size,
 * community prices against the supply–demand ratio, and a Monte Carlo
 * comparison of every metric's distribution per mechanism.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { MECHANISM_IDS } from '../../../solver/market/mechanismIds.ts';
import { Plot } from '../components/Plot.tsx';
import { StudyProgressBar } from '../components/StudyProgressBar.tsx';
import { useDocument } from '../state/document.ts';
import { useSession } from '../state/session.ts';
import { describeGenerator, MC_METRICS, monteCarloFigure, monteCarloStudy, monteCarloTable, ratioFigure, ratioStudy, sizeFigure, sizeStudy, STUDY_MECHANISMS, studyGenerator, type StudyId } from './mechanismStudies.ts';
import { cancelMechanismStudy, runMechanismStudy, useMechanismStudies } from './mechanismStudiesRun.ts';

const fmt = (x: number, digits = 3) => Number(x.toFixed(digits)).toString();

function StudyControls({ id, children, runLabel, title }: { id: StudyId; children: ReactNode; runLabel: string; title: string }) {
  const st = useMechanismStudies((s) => s[id]);
  const current = useDocument((s) => s.scenario);
  const stale = st.scenario !== null && st.scenario !== current;
  return (
    <>
      <div className="mech-study-form">
        {children}
        <button type="submit" className="primary" data-testid={`mech-${id}-run`} disabled={st.running} title={title}>
          {runLabel}
        </button>
        <button type="button" data-testid={`mech-${id}-cancel`} disabled={!st.running} onClick={() => cancelMechanismStudy(id)}>
          ■ Cancel
        </button>
        {stale && !st.running && (
          <span className="stale" data-testid={`mech-${id}-stale`}>
            the scenario changed since: run again to update
          </span>
        )}
      </div>
      <StudyProgressBar className="progress whatif-progress" progress={st.progress} running={st.running} idle="not run yet" testId={`mech-${id}-status`} />
      {st.issues.length > 0 && (
        <ul className="whatif-issues" data-testid={`mech-${id}-issues`}>
          {st.issues.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      )}
    </>
  );
}

/** A labelled text input whose value is kept by the card (validated when the study is built). */
function Field({ label, value, onChange, testId, width = 70 }: { label: string; value: string; onChange(v: string): void; testId: string; width?: number }) {
  return (
    <label>
      {label}
      <input className="mech-study-input" style={{ width }} aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
    </label>
  );
}

export function SizeStudyCard() {
  const scenario = useDocument((s) => s.scenario);
  const st = useMechanismStudies((s) => s.size);
  const [sizes, setSizes] = useState('2,4,8,16,32,64');
  const [books, setBooks] = useState('4');
  const fig = useMemo(() => sizeFigure(st.points), [st.points]);
  const run = () => void runMechanismStudy('size', sizeStudy(scenario, { sizes, books: Number(books) }), scenario);
  return (
    <section data-testid="mech-size">
      <div className="section-head">
        <span>Efficiency and budget against market size</span>
        <span className="muted">{STUDY_MECHANISMS.size.join(', ')} on random unit-demand books, buyers = sellers</span>
      </div>
      <form onSubmit={(e) => (e.preventDefault(), run())}>
        <StudyControls id="size" runLabel="▶ Run" title="one mechanism job per size and seed">
          <Field label="agents per side" value={sizes} onChange={setSizes} testId="mech-size-sizes" width={150} />
          <Field label="books per size" value={books} onChange={setBooks} testId="mech-size-books" />
        </StudyControls>
      </form>
      {st.points.length > 0 && (
        <>
          <Plot testId="mech-size-plot" exportName="mechanism-market-size" height={460} data={fig.data} layout={fig.layout} />
          <p className="muted">Lines: the mean over the books of each size; dots: each book. VCG and uniform price are efficient at every size, VCG at a deficit; McAfee, SBBA and the competition padding auction give up at most one trade, so their efficiency tends to 1 as the market grows, and never run a deficit.</p>
        </>
      )}
    </section>
  );
}

export function RatioStudyCard() {
  const scenario = useDocument((s) => s.scenario);
  const st = useMechanismStudies((s) => s.ratio);
  const [buyers, setBuyers] = useState('20');
  const [sellers, setSellers] = useState('2,4,6,8,10,12,14,16,18,20,24,28,32,40');
  const fig = useMemo(() => ratioFigure(st.points, { buy: st.scenario?.bidBook?.gridBuyPricePerKwh ?? 0.2, sell: st.scenario?.bidBook?.gridSellPricePerKwh ?? 0.05 }), [st.points, st.scenario]);
  const run = () => void runMechanismStudy('ratio', ratioStudy(scenario, { buyers: Number(buyers), sellers }), scenario);
  return (
    <section data-testid="mech-ratio">
      <div className="section-head">
        <span>Community prices against the supply–demand ratio</span>
        <span className="muted">SDR, MMR and bill sharing; sellers swept against a fixed number of buyers</span>
      </div>
      <form onSubmit={(e) => (e.preventDefault(), run())}>
        <StudyControls id="ratio" runLabel="▶ Run" title="one mechanism job per seller count">
          <Field label="buyers" value={buyers} onChange={setBuyers} testId="mech-ratio-buyers" />
          <Field label="sellers" value={sellers} onChange={setSellers} testId="mech-ratio-sellers" width={220} />
        </StudyControls>
      </form>
      {st.points.length > 0 && (
        <>
          <Plot testId="mech-ratio-plot" exportName="mechanism-community-prices" height={400} data={fig.data} layout={fig.layout} />
          <p className="muted">Solid: what buyers pay per kWh; dashed: what sellers receive. Dotted: the grid's buy and sell prices and the ratio 1, where the community stops importing. Members' payments minus receipts equal the grid bill under every rule.</p>
        </>
      )}
    </section>
  );
}

export function MonteCarloCard() {
  const scenario = useDocument((s) => s.scenario);
  const options = useSession((s) => s.jobOptions['mechanism']);
  const st = useMechanismStudies((s) => s['monte-carlo']);
  const [books, setBooks] = useState('20');
  const order = st.mechanisms.length ? st.mechanisms : [...MECHANISM_IDS];
  const fig = useMemo(() => monteCarloFigure(st.points, order), [st.points, order]);
  const table = useMemo(() => monteCarloTable(st.points, order), [st.points, order]);
  const run = () => void runMechanismStudy('monte-carlo', monteCarloStudy(scenario, { books: Number(books) }, options ?? {}), scenario);
  return (
    <section data-testid="mech-monte-carlo">
      <div className="section-head">
        <span>Monte Carlo over random books</span>
        <span className="muted">the rules chosen in the Run panel, with the misreport search, on N books drawn with seeds 1…N</span>
      </div>
      <form onSubmit={(e) => (e.preventDefault(), run())}>
        <StudyControls id="monte-carlo" runLabel="▶ Run" title="one mechanism job per book">
          <Field label="N books" value={books} onChange={setBooks} testId="mech-monte-carlo-books" />
        </StudyControls>
      </form>
      {st.points.length > 0 && (
        <>
          <Plot testId="mech-monte-carlo-plot" exportName="mechanism-monte-carlo" height={640} data={fig.data} layout={fig.layout} />
          <div className="table-scroll" style={{ maxHeight: 'none' }}>
            <table className="grid readonly" data-testid="mech-monte-carlo-table">
              <thead>
                <tr>
                  <th>Mechanism</th>
                  <th>books</th>
                  {MC_METRICS.map((m) => (
                    <th key={m.id} title="median [min, max]">
                      {m.title}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.map((r) => (
                  <tr key={r.mechanism} data-mechanism={r.mechanism}>
                    <td>{r.mechanism}</td>
                    <td className="num">{r.books}</td>
                    {MC_METRICS.map((m) => {
                      const c = r.cells[m.id];
                      return (
                        <td key={m.id} className="num">
                          {c ? `${fmt(c.median)} [${fmt(c.min)}, ${fmt(c.max)}]` : '—'}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** The caption naming the books the studies draw. */
export function StudyBooksNote() {
  const scenario = useDocument((s) => s.scenario);
  const g = studyGenerator(scenario);
  if (!g) return null;
  return (
    <p className="muted" data-testid="mech-study-books">
      Random books {scenario.bidBook?.generator ? "from the scenario's generator" : 'like this book'}: {g.buyers} buyers, {g.sellers} sellers; {describeGenerator(g)}. Each point is one mechanism job in a worker.
    </p>
  );
}
