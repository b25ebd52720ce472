import { readFileSync } from 'node:fs';
import { runJob } from '/work/wt/microgrids/solver/jobs/run.ts';
const s = JSON.parse(readFileSync('/work/wt/microgrids/assets/scenarios/classroom-microgrids.ggs.json', 'utf8'));
const r = await runJob({ kind: 'mg-bargaining', scenario: { ...s, microgridCoordination: { communication: { lossProbability: Number(process.argv[2] ?? 0.3), maxDelayIterations: Number(process.argv[3] ?? 2) } } }, seed: 7 });
console.log(r.status, r.message, r.data?.admm?.iterations, r.data?.admm?.relativeGap, r.data?.admm?.messages);
