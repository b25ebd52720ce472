/**
 * The editor of the `learning` section (issue 19): the community the train
 * job's bidders learn in, its market rule, and the training and network
 * hyper-parameters, as one form in four groups. Every field says what it does
 * and its unit or range; a bad value stays in its cell, flagged with the
 * schema's message at its path (`learning.training.episodes`); every edit is
 * one undo step. The Run panel's train job reads these values (its own
 * option fields override them for one run).
 */
import { FormField } from '../components/FormField.tsx';
import { useDocument } from '../state/document.ts';
import { issuesUnder, useIssues } from '../state/useIssues.ts';
import { LEARNING_GROUPS, type LearningField } from './learningFields.ts';
import { addLearningSection, removeLearningSection, setLearningField } from './learningEdits.ts';

const MECHANISMS = [
  { value: 'uniform-price', label: 'uniform price (one price per quarter-hour)' },
  { value: 'pay-as-bid', label: 'pay as bid' },
  { value: 'bilateral', label: 'bilateral (matched pairs, k-weighted price)' },
] as const;

function NoLearning() {
  const hasData = useDocument((s) => s.scenario.forecast !== undefined);
  return (
    <div className="form" data-testid="learning-editor-empty">
      <p className="form-hint">
        This scenario has no learning community. The train job's households live days of the scenario's metered load and PV (the Forecast section)
        {hasData ? '.' : ', which this scenario does not have yet: import meter data first (File → Import meter data…), or open the community-learning sample.'}
      </p>
      <button onClick={addLearningSection} data-testid="add-learning">
        Add a learning section
      </button>
      <p className="form-hint">It starts with the defaults: 20 households, half with PV, 30 % with a battery, uniform price with k = ½.</p>
    </div>
  );
}

function MechanismField({ issues }: { issues: Map<string, string> }) {
  const mechanism = useDocument((s) => s.scenario.learning?.mechanism);
  const issue = issues.get('learning.mechanism');
  return (
    <label className="form-field">
      <span className="form-label">Mechanism</span>
      <select value={mechanism ?? 'uniform-price'} aria-label="learning mechanism" data-testid="field-learning.mechanism" onChange={(e) => setLearningField('learning.mechanism', e.target.value)}>
        {MECHANISMS.map((m) => (
          <option key={m.value} value={m.value}>
            {m.label}
          </option>
        ))}
      </select>
      {issue ? <span className="form-issue">{issue}</span> : <span className="form-hint">the mechanism laboratory's rule that clears every quarter-hour's bids</span>}
    </label>
  );
}

function Field({ f, issues }: { f: LearningField; issues: Map<string, string> }) {
  // a list's issues sit at its items (`learning.training.hidden[0]`): show them at the list's field
  const own = issues.get(f.path);
  const nested = f.path.endsWith('.hidden') && !own ? issuesUnder(issues, f.path) : [];
  // the message names its field path, as the CLI and the job's errors do
  const shown = own ? new Map([[f.path, `${f.path}: ${own}`]]) : nested.length ? new Map([[f.path, nested.join('; ')]]) : issues;
  return <FormField path={f.path} label={f.label} kind={f.kind} issues={shown} hint={f.hint} commit={setLearningField} {...(f.unit ? { unit: f.unit } : {})} {...(f.placeholder ? { placeholder: f.placeholder } : {})} />;
}

export function LearningEditor() {
  const issues = useIssues();
  const has = useDocument((s) => s.scenario.learning !== undefined);
  const hasData = useDocument((s) => s.scenario.forecast !== undefined);
  if (!has) return <NoLearning />;
  const other = issuesUnder(issues, 'learning').filter((m) => !LEARNING_GROUPS.some((g) => g.fields.some((f) => m.startsWith(f.path + ':') || m.startsWith(f.path + '['))) && !m.startsWith('learning.mechanism:'));
  return (
    <div className="form learning-editor" data-testid="learning-editor">
      {!hasData && <p className="form-issue">The community needs metered load and PV: this scenario has no Forecast section (the train job stops with an error).</p>}
      {LEARNING_GROUPS.map((g) => (
        <section key={g.id} className="learning-group" data-testid={`learning-group-${g.id}`}>
          <h3>{g.title}</h3>
          <p className="form-hint">{g.intro}</p>
          {g.id === 'market' && <MechanismField issues={issues} />}
          {g.fields.map((f) => (
            <Field key={f.path} f={f} issues={issues} />
          ))}
        </section>
      ))}
      {other.length > 0 && (
        <ul className="form-issue" data-testid="learning-other-issues">
          {other.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      <p>
        <button onClick={removeLearningSection} data-testid="remove-learning" title="Remove the learning section (undo brings it back)">
          Remove the learning section
        </button>
      </p>
    </div>
  );
}
