/** Run-panel options of the `ledger` and `consensus` jobs: numbers as fields, choices and switches as components. */
import { MECHANISM_IDS } from '../../../solver/market/mechanismIds.ts';
import { setJobOption, useSession } from '../state/session.ts';

export const LEDGER_OPTION_FIELDS = [
  { key: 'f', label: 'f (validators 3f+1)', placeholder: '1' },
  { key: 'neutralNodes', label: 'Neutral nodes', placeholder: '3' },
  { key: 'threshold', label: 'Co-signatures m', placeholder: '2' },
];

export const CONSENSUS_OPTION_FIELDS = [
  { key: 'f', label: 'f (validators 3f+1)', placeholder: '1' },
  { key: 'faulty', label: 'Faulty validators', placeholder: '0' },
  { key: 'blocks', label: 'Blocks', placeholder: '3' },
  { key: 'timeoutRounds', label: 'Timeout, rounds', placeholder: '4' },
];

export function LedgerRunOptions() {
  const options = useSession((s) => s.jobOptions['ledger']);
  return (
    <label className="option">
      <span>Rule settled</span>
      <select aria-label="settled mechanism" value={typeof options?.mechanism === 'string' ? options.mechanism : 'uniform-price'} onChange={(e) => setJobOption('mechanism', e.target.value === 'uniform-price' ? undefined : e.target.value)}>
        {MECHANISM_IDS.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ConsensusRunOptions() {
  const options = useSession((s) => s.jobOptions['consensus']);
  return (
    <>
      <label className="option">
        <span>Faulty behaviour</span>
        <select aria-label="faulty behaviour" value={typeof options?.behaviour === 'string' ? options.behaviour : 'silent'} onChange={(e) => setJobOption('behaviour', e.target.value === 'silent' ? undefined : e.target.value)}>
          <option value="silent">silent</option>
          <option value="equivocating">equivocating</option>
          <option value="wrong-digest">wrong digest</option>
        </select>
      </label>
      <label className="option check">
        <input type="checkbox" checked={options?.faultyPrimary !== false} onChange={(e) => setJobOption('faultyPrimary', e.target.checked ? undefined : false)} />
        <span>Faulty primary</span>
      </label>
    </>
  );
}
