import { describe, expect, it } from 'vitest';
import { apparentPowerPolygon } from '../../../solver/opf/polygon.ts';

describe('apparentPowerPolygon(sides)', () => {
  for (const sides of [8, 12, 16]) {
    it(`with ${sides} sides is inscribed in the circle, touching it at the vertices, P axis included`, () => {
      const facets = apparentPowerPolygon(sides);
      const allowed = (p: number, q: number) => facets.every((f) => f.cp * p + f.cq * q <= f.rhsPerS + 1e-12);
      for (let k = 0; k < sides; k++) {
        const a = (2 * Math.PI * k) / sides;
        expect(allowed(Math.cos(a), Math.sin(a))).toBe(true);
        // just past a vertex is outside the polygon (and the circle)
        expect(allowed(1.001 * Math.cos(a), 1.001 * Math.sin(a))).toBe(false);
      }
      // no allowed point lies outside the circle: the facet midpoints are the closest, at cos(π/N)
      for (let deg = 0; deg < 360; deg += 0.5) {
        const a = (deg * Math.PI) / 180;
        expect(allowed(1.0000001 * Math.cos(a), 1.0000001 * Math.sin(a))).toBe(false);
      }
      expect(allowed(Math.cos(Math.PI / sides) * Math.cos(Math.PI / sides), Math.cos(Math.PI / sides) * Math.sin(Math.PI / sides))).toBe(true);
    });
  }

  it('refuses fewer than 4 sides', () => {
    expect(() => apparentPowerPolygon(3)).toThrow(/at least 4 sides/);
  });
});
