/** The vpp-game options that are not numbers: building control, the constant-vs-flexible comparison, the potential oracle. */
import { setJobOption, useSession } from '../state/session.ts';

export function VppRunOptions() {
  const options = useSession((s) => s.jobOptions['vpp-game']);
  const control = typeof options?.control === 'string' ? options.control : 'scenario';
  return (
    <>
      <label className="option">
        <span>Buildings</span>
        <select value={control} aria-label="building control" onChange={(e) => setJobOption('control', e.target.value === 'scenario' ? undefined : e.target.value)}>
          <option value="scenario">as in scenario</option>
          <option value="constant">all constant</option>
          <option value="flexible">all flexible</option>
        </select>
      </label>
      <label className="option check">
        <input type="checkbox" checked={options?.compareControl === true} data-testid="option-compareControl" onChange={(e) => setJobOption('compareControl', e.target.checked || undefined)} />
        <span>Compare constant/flexible</span>
      </label>
      <label className="option check">
        <input type="checkbox" checked={options?.potentialCheck !== false} onChange={(e) => setJobOption('potentialCheck', e.target.checked ? undefined : false)} />
        <span>Potential check</span>
      </label>
    </>
  );
}
