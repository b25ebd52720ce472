/**
 * A solve session: one LpModel solved again and again as its costs and
 * bounds change (best-response iterations, sweep points, ADMM iterations).
 *
 * Callers change the model through its own setters (`setCost`,
 * `setVarBounds`, `setRowBounds`, `setQuadraticCost`, `setObjective`) and
 * call `solve()`; the session finds what changed since its last solve and
 * hands only that to the solver, which starts from its last basis. Rows
 * appended to the model are passed on as rows (the basis grows with them);
 * any other change of shape (a new variable) passes the model afresh.
 *
 * HiGHS keeps a persistent native model per session (highsBackend.ts);
 * glpk.js has no persistent model in its JavaScript API, so its session
 * rebuilds and solves cold every time — the reference the tests compare
 * the warm HiGHS solves against. A HiGHS session owns WebAssembly memory:
 * call `dispose()` (or use `withLpSession`) when done.
 */
import type { LpBackend, LpSession } from './backend.ts';
import type { LpModel } from './model.ts';

export type { LpSession };

/** A session for backends without a persistent model: every solve is a cold `backend.solve`. */
export function rebuildingSession(backend: LpBackend, model: LpModel): LpSession {
  let disposed = false;
  return {
    backend: backend.name,
    model,
    solve(options) {
      if (disposed) throw new Error(`the ${backend.name} session of ${model.name} was disposed`);
      return backend.solve(model, options);
    },
    dispose() {
      disposed = true;
    },
    get disposed() {
      return disposed;
    },
  };
}

/** The backend's persistent session when it has one, else a rebuilding one. */
export function openLpSession(backend: LpBackend, model: LpModel): LpSession {
  return backend.session ? backend.session(model) : rebuildingSession(backend, model);
}

/** Runs `use` with a session that is disposed afterwards, whatever happens. */
export function withLpSession<R>(backend: LpBackend, model: LpModel, use: (session: LpSession) => R): R {
  const session = openLpSession(backend, model);
  try {
    return use(session);
  } finally {
    session.dispose();
  }
}
