/**
 * The `ledger` job's result: a block explorer (blocks, transactions,
 * signatures) with Verify, Save and Open buttons and a "tamper" button that
 * changes one price so Verify can be seen to catch it; the QoT reputation
 * plot; the two malleability cases side by side; the tangles growing.
 * Verification runs here, in the page, with the same code as `ggs ledger
 * verify` (solver/ledger/verify.ts).
 */
import { useMemo, useState } from 'react';
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import type { LedgerData } from '../../../solver/jobs/kinds/ledger.ts';
import { serializeLedger, type LedgerFile } from '../../../solver/ledger/format.ts';
import { verifyLedger, verifyLedgerBytes, type LedgerReport } from '../../../solver/ledger/verify.ts';
import { merkleProof, verifyMerkleProof } from '../../../solver/ledger/merkle.ts';
import { useShownResult } from '../results/useShownResult.ts';
import { Card } from '../components/Card.tsx';
import { Plot } from '../components/Plot.tsx';
import { downloadText } from '../host/download.ts';
import { TangleView } from './TangleView.tsx';
import './ledger.css';

const short = (h: string, n = 10) => `${h.slice(0, n)}…`;
/** a signature's first and last 16 hex digits: ECDSA's r stays, s changes at the end */
const ends = (h: string) => `${h.slice(0, 16)}…${h.slice(-16)}`;
const fmt = (x: number, digits = 3) => Number(x.toFixed(digits)).toString();

type Tab = 'blocks' | 'reputation' | 'malleability' | 'tangle';

export function LedgerResultView({ classroom }: { classroom: boolean }) {
  const shown = useShownResult();
  const [tab, setTab] = useState<Tab>('blocks');
  if (!shown || shown.result.job !== 'ledger' || !hasAnswer(shown.result.status) || !shown.result.data) return null;
  const d = shown.result.data as LedgerData;
  return (
    <>
      <div className="cards" data-testid="ledger-summary">
        <Card label="Blocks" value={String(d.report.blocks)} sub={`${d.report.transactions} transactions (${d.ledger.config.run.market})`} />
        <Card label="Validators" value={String(d.ledger.config.validators.nodes.length)} sub={`f = ${d.ledger.config.validators.f}: a block needs ${2 * d.ledger.config.validators.f + 1} commits`} />
        <Card label="Co-signatures" value={`${d.ledger.config.neutral.threshold} of ${d.ledger.config.neutral.nodes.length}`} sub="neutral nodes per transaction" />
        <Card label="QoT excluded" value={d.reputation ? String(Object.keys(d.reputation.excludedAt).length) : '—'} sub={d.reputation ? `shortfall ${fmt(d.reputation.totalShortfall, 2)} vs ${fmt(d.reputation.totalShortfallWithoutExclusion, 2)} kWh` : 'rule cannot re-clear'} />
      </div>
      <div className="tabs" role="tablist">
        {(['blocks', 'reputation', 'malleability', 'tangle'] as const).map((t) => (
          <button key={t} role="tab" aria-selected={tab === t} className={tab === t ? 'active' : ''} data-testid={`ledger-tab-${t}`} onClick={() => setTab(t)}>
            {t === 'blocks' ? 'Block explorer' : t === 'reputation' ? 'QoT reputation' : t === 'malleability' ? 'Malleability' : 'Tangles'}
          </button>
        ))}
      </div>
      {tab === 'blocks' && <Explorer key={shown.hash} built={d.ledger} classroom={classroom} />}
      {tab === 'reputation' && <ReputationPlot d={d} classroom={classroom} />}
      {tab === 'malleability' && <Malleability d={d} classroom={classroom} />}
      {tab === 'tangle' && <TangleView key={shown.hash} tangle={d.tangle} classroom={classroom} />}
    </>
  );
}

function Explorer({ built, classroom }: { built: LedgerFile; classroom: boolean }) {
  const [ledger, setLedger] = useState<LedgerFile>(built);
  const [source, setSource] = useState('as settled by the job');
  const [report, setReport] = useState<LedgerReport | null>(null);
  const [open, setOpen] = useState<number | null>(0);
  const verify = () => setReport(verifyLedger(ledger));
  const tamper = () => {
    const copy = structuredClone(ledger);
    const tx = copy.blocks.flatMap((b) => b.transactions).find((t) => t.body.kind === 'trade');
    if (!tx || tx.body.kind !== 'trade') return;
    tx.body.price = Number((tx.body.price + 1).toFixed(9));
    setLedger(copy);
    setSource('tampered: the first trade’s price raised by 1 after signing');
    setReport(null);
  };
  const openFile = async (file: File) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const r = verifyLedgerBytes(bytes);
    setReport(r);
    try {
      setLedger(JSON.parse(new TextDecoder().decode(bytes)) as LedgerFile);
      setSource(`opened from ${file.name}`);
    } catch {
      setSource(`${file.name} is not JSON`);
    }
  };
  return (
    <>
      {classroom && (
        <p className="explain">
          Every transaction's id is the SHA-256 of its body in canonical JSON (RFC 8785); seller and buyer sign the id with Ed25519, and {ledger.config.neutral.threshold} of the {ledger.config.neutral.nodes.length} neutral nodes co-sign it. A block holds the Merkle root of its ids and the hash of the previous block, and {2 * ledger.config.validators.f + 1} of the {ledger.config.validators.nodes.length} validators sign its hash. Change any byte and Verify names the first broken item.
        </p>
      )}
      <div className="ledger-actions">
        <button className="primary" data-testid="ledger-verify" onClick={verify}>
          Verify
        </button>
        <button data-testid="ledger-tamper" onClick={tamper} title="change one signed price to see verification fail">
          Tamper with a price
        </button>
        <button data-testid="ledger-save" onClick={() => downloadText(`${ledger.config.run.market}.ggsledger.json`, serializeLedger(ledger), 'application/json')}>
          Save ledger…
        </button>
        <label className="file-button">
          Open ledger…
          <input type="file" accept=".json,.ggsledger.json" data-testid="ledger-open" onChange={(e) => e.target.files?.[0] && void openFile(e.target.files[0])} />
        </label>
        <span className="muted">{source}</span>
      </div>
      {report && (
        <div className={`banner ${report.ok ? 'ok' : 'error'}`} data-testid="ledger-verdict" role="status">
          {report.ok
            ? `Valid: ${report.blocks} blocks, ${report.transactions} transactions; every hash and signature checks${report.recleared ? `, ${report.recleared} blocks re-cleared from their bids` : ''}.`
            : `Broken at ${report.faults[0]!.path}: ${report.faults[0]!.message}${report.faults.length > 1 ? ` (and ${report.faults.length - 1} more)` : ''}`}
          {report.configHash && <div className="muted">config {report.configHash}</div>}
        </div>
      )}
      <div className="chain" data-testid="ledger-chain">
        {ledger.blocks.map((b, i) => (
          <button key={b.hash + i} className={`block-card${open === i ? ' open' : ''}`} onClick={() => setOpen(open === i ? null : i)} data-testid={`ledger-block-${i}`}>
            <div className="block-title">
              Block {b.header.height} · period {b.header.period}
            </div>
            <div>hash {short(b.hash)}</div>
            <div>prev {short(b.header.prevHash)}</div>
            <div>Merkle {short(b.header.merkleRoot)}</div>
            <div>
              {b.header.txCount} tx · {b.commits.length} commits{b.contract ? ' · contract' : ''}
            </div>
          </button>
        ))}
      </div>
      {open !== null && ledger.blocks[open] && <BlockDetail ledger={ledger} index={open} report={report} />}
    </>
  );
}

function BlockDetail({ ledger, index, report }: { ledger: LedgerFile; index: number; report: LedgerReport | null }) {
  const b = ledger.blocks[index]!;
  const [picked, setPicked] = useState<number | null>(null);
  const broken = (t: number) => report?.faults.some((f) => f.path.startsWith(`blocks[${index}].transactions[${t}]`));
  return (
    <div className="table-scroll" style={{ maxHeight: 'none' }}>
      <table className="grid readonly" data-testid="ledger-transactions">
        <thead>
          <tr>
            <th>id</th>
            <th>kind</th>
            <th>seller → buyer</th>
            <th>kWh</th>
            <th>price</th>
            <th>amount</th>
            <th>signed by</th>
            <th>co-signed by</th>
          </tr>
        </thead>
        <tbody>
          {b.transactions.map((t, k) => (
            <tr key={t.id + k} className={`${broken(k) ? 'broken' : ''}${picked === k ? ' picked' : ''}`} data-tx={k} onClick={() => setPicked(picked === k ? null : k)} title="show its Merkle inclusion proof">
              <td title={t.id}>
                <code>{short(t.id, 12)}</code>
              </td>
              <td>{t.body.kind}</td>
              <td>{t.body.kind === 'trade' ? `${t.body.seller} → ${t.body.buyer}` : `contract → ${t.body.validator}`}</td>
              <td className="num">{t.body.kind === 'trade' ? fmt(t.body.kWh) : '—'}</td>
              <td className="num">{t.body.kind === 'trade' ? fmt(t.body.price) : '—'}</td>
              <td className="num">{fmt(t.body.amount)}</td>
              <td title={t.parties.map((p) => `${p.name}: ${p.signature}`).join('\n')}>{t.parties.map((p) => p.name).join(', ') || '—'}</td>
              <td title={t.cosigners.map((p) => `${p.name}: ${p.signature}`).join('\n')}>{t.cosigners.map((p) => p.name).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {picked !== null && b.transactions[picked] && <MerkleProofView ids={b.transactions.map((t) => t.id)} index={picked} root={b.header.merkleRoot} />}
      <p className="muted">
        Commits: {b.commits.map((c) => `${c.name} ${short(c.signature, 8)}`).join(' · ')}
        {b.contract && ` — contract: ${b.contract.mechanism} (k = ${b.contract.k}) re-cleared by every validator from ${b.contract.bids.length} recorded bids`}
      </p>
    </div>
  );
}

/** A transaction's Merkle inclusion proof: the sibling hashes from its leaf up to the block's root, and whether they reach it. */
function MerkleProofView({ ids, index, root }: { ids: string[]; index: number; root: string }) {
  const proof = merkleProof(ids, index);
  const ok = verifyMerkleProof(ids[index]!, proof, root);
  return (
    <div className="merkle-proof" data-testid="merkle-proof">
      Merkle proof of transaction {index}: leaf H(0x00 ‖ {short(ids[index]!, 8)})
      {proof.map((p, i) => (
        <span key={i}>
          {' '}→ H(0x01 ‖ {p.side === 'left' ? `${short(p.hash, 8)} ‖ ·` : `· ‖ ${short(p.hash, 8)}`})
        </span>
      ))}{' '}
      = {short(root, 8)} <strong className={ok ? 'good' : 'bad'}>{ok ? 'reaches the block’s root ✓' : 'does not reach the block’s root ✗'}</strong>
    </div>
  );
}

const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

function ReputationPlot({ d, classroom }: { d: LedgerData; classroom: boolean }) {
  const r = d.reputation;
  const data = useMemo(() => {
    if (!r) return [];
    const x = r.rounds.map((q) => q.round);
    return [
      ...r.agents.map((a, i) => ({
        type: 'scatter' as const,
        mode: 'lines' as const,
        name: `${a}${r.badActors.includes(a) ? ' (unreliable)' : ''}`,
        x,
        y: r.rounds.map((q) => q.scores[a]!),
        line: { color: COLOURS[i % COLOURS.length], width: r.badActors.includes(a) ? 3 : 1.5, dash: r.badActors.includes(a) ? ('solid' as const) : ('dot' as const) },
      })),
      { type: 'scatter' as const, mode: 'lines' as const, name: 'threshold', x, y: x.map(() => r.threshold), line: { color: '#b00020', dash: 'dash' as const, width: 2 } },
      { type: 'bar' as const, name: 'excluded volume, kWh', x, y: r.rounds.map((q) => q.excludedVolume), yaxis: 'y2', marker: { color: 'rgba(176,0,32,0.25)' } },
      { type: 'scatter' as const, mode: 'lines' as const, name: 'shortfall without exclusion, kWh', x, y: r.rounds.map((q) => q.shortfallWithoutExclusion), yaxis: 'y2', line: { color: '#555', width: 1.5 } },
      { type: 'scatter' as const, mode: 'lines' as const, name: 'shortfall with exclusion, kWh', x, y: r.rounds.map((q) => q.shortfall), yaxis: 'y2', line: { color: '#0b3c6b', width: 2 } },
    ];
  }, [r]);
  if (!r) return <p className="muted">QoT needs a rule that re-clears from the bids alone (not AGV).</p>;
  return (
    <>
      {classroom && (
        <p className="explain">
          Each round the community trades again. A seller's quality is what it delivered over what it promised, a party's how often it settled on time; the score is their running average. Below the threshold ({r.threshold}) an agent may not bid. Unreliable agents (thick lines) fall below it and the energy not delivered drops.
        </p>
      )}
      <Plot
        testId="reputation-plot"
        exportName="qot-reputation"
        height={440}
        data={data}
        layout={{
          xaxis: { title: { text: 'market round' }, anchor: 'y2' },
          yaxis: { title: { text: 'QoT score' }, range: [0, 1.05], domain: [0.42, 1], anchor: 'x' },
          yaxis2: { title: { text: 'kWh' }, domain: [0, 0.34], anchor: 'x' },
          showlegend: true,
          legend: { orientation: 'v', x: 1.02, y: 1 },
          margin: { l: 55, r: 10, t: 10, b: 45 },
        }}
      />
      <p className="muted" data-testid="reputation-excluded">
        Excluded: {Object.entries(r.excludedAt).map(([a, k]) => `${a} (round ${k})`).join(', ') || 'nobody'}. Energy not delivered over {r.rounds.length} rounds: {fmt(r.totalShortfall, 2)} kWh with exclusion, {fmt(r.totalShortfallWithoutExclusion, 2)} kWh without.
      </p>
    </>
  );
}

function Malleability({ d, classroom }: { d: LedgerData; classroom: boolean }) {
  return (
    <>
      {classroom && (
        <p className="explain">
          A relay re-encodes a payment's signature so that it still verifies. A scheme that names a transaction by the hash of the bytes it received sees a new transaction and pays again; this ledger names it by the hash of its body alone and pays once.
        </p>
      )}
      <div className="malleability" data-testid="malleability">
        {d.malleability.map((m) => (
          <div key={m.name} className="malleability-case">
            <h4>{m.name}</h4>
            <p>{m.explanation}</p>
            <div className="sig">
              <div>
                original <code>{ends(m.original.signature)}</code>
              </div>
              <div>
                re-encoded <code>{ends(m.mauled.signature)}</code>
              </div>
            </div>
            <div className="table-wrap">
            <table className="grid readonly">
              <thead>
                <tr>
                  <th>identified by</th>
                  <th>ids</th>
                  <th>outcomes</th>
                  <th>paid</th>
                </tr>
              </thead>
              <tbody>
                <tr className="naive">
                  <td>hash of signed bytes</td>
                  <td>{m.naive.ids.map((i) => short(i, 6)).join(' ≠ ')}</td>
                  <td>{m.naive.outcomes.join(', ')}</td>
                  <td className="num bad">{fmt(m.naive.paid)}</td>
                </tr>
                <tr className="ours">
                  <td>hash of body (ours)</td>
                  <td>{m.ours.ids.map((i) => short(i, 6)).join(' = ')}</td>
                  <td>{m.ours.outcomes.join(', ')}</td>
                  <td className="num good">{fmt(m.ours.paid)}</td>
                </tr>
              </tbody>
            </table>
            </div>
          </div>
        ))}
      </div>
    </>
  );
}
