/** Which LP solver runs the job: glpk.js (default) or HiGHS (docs/lp.md). */
import { useSession } from '../state/session.ts';

export function LpBackendSelect({ disabled }: { disabled: boolean }) {
  const backend = useSession((s) => s.lpBackend);
  return (
    <label className="option">
      <span>LP solver</span>
      <select value={backend} aria-label="LP backend" data-testid="lp-backend" disabled={disabled} onChange={(e) => useSession.getState().set({ lpBackend: e.target.value as 'glpk' | 'highs' })}>
        <option value="glpk">GLPK</option>
        <option value="highs">HiGHS</option>
      </select>
    </label>
  );
}
