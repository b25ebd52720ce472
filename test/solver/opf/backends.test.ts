import { describe, expect, it } from 'vitest';
import { loadLpBackend } from '../../../solver/lp/backend.ts';
import { parseCplexLp, toCplexLp } from '../../../solver/lp/lpFormat.ts';
import { toLp } from '../../../solver/opf/toLp.ts';
import { readAsset } from '../support/network.ts';
import { valid } from './support.ts';

const samples = ['ieee33.ggs.json', 'ieee33-day.ggs.json', 'ieee33-der.ggs.json'];

describe('opf LP across backends', () => {
  for (const file of samples) {
    it(`glpk and HiGHS agree on the objective of ${file} to 1e-7, also when each solves the other's exported LP file`, async () => {
      const scenario = valid(JSON.parse(readAsset(`scenarios/${file}`)));
      // ieee33-day has no DER: its 0.95 p.u. floor is out of reach at peak, so it is solved with the 0.90 floor planners use for it
      for (const b of scenario.network.buses) b.vminPu = Math.min(b.vminPu, 0.9);
      const { model } = toLp(scenario, { polygonSides: 12 });
      const [glpk, highs] = await Promise.all([loadLpBackend('glpk'), loadLpBackend('highs')]);
      const a = glpk.solve(model);
      const b = highs.solve(model);
      expect(a.status).toBe('optimal');
      expect(b.status).toBe('optimal');
      const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(1, Math.abs(y));
      expect(rel(a.objective, b.objective)).toBeLessThan(1e-7);

      const reread = parseCplexLp(toCplexLp(model));
      expect(rel(highs.solve(reread).objective, a.objective)).toBeLessThan(1e-7);
      expect(rel(glpk.solve(reread).objective, b.objective)).toBeLessThan(1e-7);
    });
  }
});
