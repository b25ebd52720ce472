import { describe, expect, it } from 'vitest';
import { runMatlab, MatlabError, type Matrix } from '../../solver/import/matlab.ts';
import { thrown } from './support/thrown.ts';

const run = (source: string) => runMatlab(source, { multiOutput: { idx_demo: [10, 20, 30] } });
const matrix = (source: string, name = 'x') => {
  const v = run(source).variables.get(name) as Matrix;
  return { rows: v.rows, cols: v.cols, data: Array.from(v.data) };
};
const failure = (source: string) => thrown(MatlabError, () => run(source));

describe('runMatlab (the MATPOWER subset of MATLAB)', () => {
  it('reads matrix literals with rows on lines or after ";", comments and "..." continuations', () => {
    expect(matrix('x = [ % header\n 1\t2, 3; ...\n 4 5 6  % tail\n];')).toEqual({ rows: 2, cols: 3, data: [1, 2, 3, 4, 5, 6] });
  });

  it('separates "[1 -2]" into two elements but computes "[1 - 2]"', () => {
    expect(matrix('x = [1 -2]').data).toEqual([1, -2]);
    expect(matrix('x = [1 - 2]').data).toEqual([-1]);
  });

  it('follows MATLAB precedence: -2^2 = -4, 2^-1 = 0.5, 1 + 2 * 3 = 7, 8 / 2 / 2 = 2', () => {
    expect(matrix('x = [-2^2, 2^-1, 1 + 2 * 3, 8 / 2 / 2]').data).toEqual([-4, 0.5, 7, 2]);
  });

  it('binds [A, B, C] = f to the outputs of a known function, in order', () => {
    expect(matrix('[A, B, ...\n C] = idx_demo; x = [C B A]').data).toEqual([30, 20, 10]);
  });

  it('reads and writes a struct field through (rows, cols) subscripts with ":" and vectors', () => {
    const src = 's.m = [1 2 3; 4 5 6]; c = 3; s.m(:, [1 c]) = s.m(:, [1 c]) / 10; s.m(2, 2) = sin(acos(0.6));';
    const m = run(src).variables.get('s');
    expect(m?.kind).toBe('struct');
    const inner = (m as { fields: Map<string, Matrix> }).fields.get('m')!;
    expect(Array.from(inner.data)).toEqual([0.1, 2, 0.3, 0.4, expect.closeTo(0.8, 12), 0.6]);
  });

  it('keeps texts in quotes, with a "%" inside them', () => {
    const v = run("s.version = '2 % not a comment';").variables.get('s') as { fields: Map<string, { text: string }> };
    expect(v.fields.get('version')!.text).toBe('2 % not a comment');
  });

  it('records the output of a leading "function OUT = NAME" line', () => {
    expect(run('function mpc = case9\nmpc.baseMVA = 100;')).toMatchObject({ functionOutput: 'mpc', functionName: 'case9' });
  });

  it('refuses what it does not support, quoting the statement and its line', () => {
    const e = failure('x = 1;\ny = [1 2] * [3 4];');
    expect(e.statement).toBe('y = [1 2] * [3 4]');
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/matrix products/);
    expect(failure('x = [1 2]; x(3, 1) = 5;').message).toMatch(/row index 3 is beyond/);
    expect(failure("x = [1 2]';").message).toMatch(/unexpected "'"/);
    expect(failure('for k = 1:3').message).toMatch(/only assignments/);
    expect(failure('[a, b] = unknown_fn;').message).toMatch(/not a function the importer knows/);
  });
});
