/** The LP layer: model builder, CPLEX-LP files, glpk.js and HiGHS backends, solve sessions, certificate, diagnosis. */
export { LpModel, type LpVar, type LpRow, type LpOrigin, type LpSense, type VarSpec, type RowBounds, type LinearTerms, type CsrMatrix, type CscMatrix, type LpArrays } from './model.ts';
export { sanitiseLpName } from './names.ts';
export { toCplexLp, parseCplexLp } from './lpFormat.ts';
export { loadLpBackend, configureLpRuntime, LP_BACKENDS, type LpBackend, type LpBackendName, type LpSolution, type LpStatus, type LpSolveOptions, type LpRuntimeConfig, type LpSession } from './backend.ts';
export { openLpSession, withLpSession, rebuildingSession } from './session.ts';
export { lpCertificate, type LpCertificate } from './certificate.ts';
export { diagnoseInfeasibility, diagnoseUnboundedness, elasticModel, type LpSuspect, type InfeasibilityDiagnosis, type UnboundedDirection } from './diagnosis.ts';
export { solveOptimal, describeSuspect, formatOrigin, type ExplainOptions } from './solveOptimal.ts';
