import { readFileSync } from 'node:fs';
import { runJob } from '../solver/jobs/run.ts';
const s = JSON.parse(readFileSync('assets/scenarios/community-entities.ggs.json','utf8'));
for (const period of [1, 13, 20]) {
const r = await runJob({ kind: 'mechanism', scenario: s, options: { period, misreport: false } });
console.log(period, r.status, r.error, r.data && { bids: r.data.bids, buyers: r.data.buyers, sellers: r.data.sellers, ew: r.data.efficientWelfare, ci: r.data.clearingInterval }, r.data?.mechanisms.map(m => m.id + ':' + (m.status==='ok'? m.efficiency?.toFixed(3) : m.status)).join(' '));
}
