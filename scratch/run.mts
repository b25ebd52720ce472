import { readFileSync } from 'node:fs';
import { runJob } from '/work/wt/portfolio/solver/jobs/run.ts';
const scenario = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
for (const backend of (process.argv[3] ?? 'highs,glpk').split(',') as ('glpk'|'highs')[]) {
  for (const kind of ['portfolio', 'portfolio-evaluate'] as const) {
    const t0 = performance.now();
    const r = await runJob({ kind, scenario, backend });
    const { costs, ...rest } = (r.data ?? {}) as any;
    console.log(backend, kind, r.status, r.message, (performance.now() - t0).toFixed(0), 'ms', JSON.stringify(rest?.volumes), rest?.expectedCost, rest?.cvar, JSON.stringify(r.certificate), r.warnings, r.error);
  }
}
