import { describe, expect, it } from 'vitest';
import { runStudy } from '../../../solver/whatif/execute.ts';
import { pointsTable } from '../../../solver/whatif/table.ts';
import { baseRequest, countingExecutor } from './fixtures.ts';

describe('pointsTable', () => {
  it('has a row per point: index, swept values, status, then every output flattened', async () => {
    const result = await runStudy(
      {
        base: baseRequest,
        outputs: ['minVoltagePu', 'lossesKw', 'busVoltagePu'],
        design: {
          kind: 'grid',
          param: { path: 'network.loadScale', values: { kind: 'list', values: [-1, 1] } },
          param2: { path: 'network.buses[id=2].pdKw', values: { kind: 'list', values: [100] } },
        },
      },
      countingExecutor(),
    );
    const table = pointsTable(result);
    expect(table.columns).toEqual([
      'index', 'network.loadScale', 'network.buses[id=2].pdKw', 'status', 'message',
      'minVoltagePu', 'minVoltagePu@', 'lossesKw[0]', 'lossesKw[1]', 'busVoltagePu[1]', 'busVoltagePu[2]', 'busVoltagePu[3]',
      'certificate.certified', 'certificate.value',
    ]);
    expect(table.rows[0]!.slice(0, 4)).toEqual([0, -1, 100, 'invalid']);
    expect(table.rows[0]!.slice(5)).toEqual([null, null, null, null, null, null, null, null, null]);
    expect(table.rows[1]).toEqual([1, 1, 100, 'ok', 'solved', 0.96, '3', 10, 20, 1, 0.98, 0.96, 1, 0]);
  });
});
