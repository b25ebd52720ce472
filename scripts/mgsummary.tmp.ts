import { readFileSync } from 'node:fs';
import { runJob } from '../solver/jobs/run.ts';
import { mgBargainingSummary } from '../solver/jobs/kinds/mgBargaining.ts';
import { setAtPath } from '../solver/scenario/paths.ts';
let s = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
for (const a of process.argv.slice(3)) { const [p, v] = a.split('='); s = setAtPath(s, p!, JSON.parse(v!)); }
const t0 = performance.now();
const r = await runJob({ kind: 'mg-bargaining', scenario: s });
console.log(r.status, r.message, (performance.now() - t0).toFixed(0), 'ms');
if (r.data) console.log(mgBargainingSummary(r.data, r.certificate).join('\n'));
console.log(r.warnings);
if (r.data?.safety) console.log(JSON.stringify(r.data.safety.rounds).slice(0, 600));
