/** How ε is written for people, in messages and in the CLI's certificate line (its own module: the kind modules print it without importing the solver). */

/** ε as people write it: 1e-6, not 0.000001. */
export const formatEpsilon = (e: number) => (e !== 0 && Math.abs(e) < 1e-3 ? e.toExponential().replace(/\.?0*e/, 'e') : String(e));
