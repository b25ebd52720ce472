/** CSV import of price/demand scenarios: units converted, every problem reported by row and column. */
import { describe, expect, it } from 'vitest';
import { parseScenarioCsv } from '../../../solver/portfolio/csvScenarios.ts';

const good = `scenario,period,price_per_mwh,demand_kw
a,1,100,800
a,2,120,900
b,2,90,700
b,1,80,650
`;

describe('parseScenarioCsv', () => {
  it('reads scenarios in order of appearance, periods in any order, converting MWh prices to /kWh', () => {
    const r = parseScenarioCsv(good, 2);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.scenarioNames).toEqual(['a', 'b']);
    expect(r.value.pricePerKwh).toEqual([[0.1, 0.12], [0.08, 0.09]]);
    expect(r.value.demandKw).toEqual([[800, 900], [650, 700]]);
  });

  it('accepts semicolons with decimal commas and MW demand', () => {
    const r = parseScenarioCsv('Scenario;Period;Price_per_kWh;Demand_MW\nx;1;0,11;1,5\n', 1);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.pricePerKwh[0]![0]).toBeCloseTo(0.11, 15);
    expect(r.value.demandKw[0]![0]).toBe(1500);
  });

  it('names the header problems: a missing column, a price without its unit', () => {
    const r = parseScenarioCsv('scenario,period,price,demand_kw\n', 24);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toContainEqual({ row: 1, column: 'price', message: 'name the unit in the header: price_per_kwh or price_per_mwh' });
    const noPeriod = parseScenarioCsv('scenario,price_per_kwh,demand_kw\n', 24);
    expect(noPeriod.ok || noPeriod.issues.map((i) => i.message)).toEqual(['missing column period (1..T)']);
  });

  it('reports missing values, non-numbers, bad periods, negative demand, short rows and duplicates by row and column', () => {
    const text = `scenario,period,price_per_kwh,demand_kw
a,1,0.1,
a,2,abc,900
a,3,0.1,900
a,0,0.1,900
a,2,0.1,-5
a,2,0.1
a,1,0.1,500
a,2,0.1,500
a,2,0.2,600
`;
    const r = parseScenarioCsv(text, 2);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      { row: 2, column: 'demand_kw', message: 'missing value' },
      { row: 3, column: 'price_per_kwh', message: 'the price must be a number, not "abc"' },
      { row: 4, column: 'period', message: 'must be a whole number from 1 to 2 (the horizon time.T), not "3"' },
      { row: 5, column: 'period', message: 'must be a whole number from 1 to 2 (the horizon time.T), not "0"' },
      { row: 6, column: 'demand_kw', message: 'demand must not be negative (-5)' },
      { row: 7, column: null, message: 'holds 3 values but the header names 4 columns' },
      { row: 10, column: 'period', message: 'scenario "a" period 2 is given twice (also on row 9)' },
    ]);
  });

  it('reports a scenario missing periods at its first row', () => {
    const r = parseScenarioCsv('scenario,period,price_per_kwh,demand_kw\na,1,0.1,1\nb,1,0.1,1\nb,2,0.1,1\n', 3);
    expect(r.ok || r.issues).toEqual([
      { row: 2, column: 'period', message: 'scenario "a" has no row for periods 2, 3 (every scenario needs periods 1..3)' },
      { row: 3, column: 'period', message: 'scenario "b" has no row for period 3 (every scenario needs periods 1..3)' },
    ]);
  });

  it('refuses an empty file and a header without rows', () => {
    expect(parseScenarioCsv('', 1).ok).toBe(false);
    expect(parseScenarioCsv('scenario,period,price_per_kwh,demand_kw\n', 1)).toEqual({ ok: false, issues: [{ row: 2, column: null, message: 'the file holds a header but no scenario rows' }] });
  });
});
