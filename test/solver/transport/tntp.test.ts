/**
 * The TNTP importer on hand-made files in the format of the Transportation
 * Networks for Research collection (we ship none of its data sets): a good
 * city imports and solves; bad files are refused with file, line and reason.
 */
import { describe, expect, it } from 'vitest';
import { importTntp, TntpError, formatTntpProblem } from '../../../solver/import/tntp.ts';
import { validateScenario } from '../../../solver/scenario/validate.ts';
import { solveTrafficJob } from './support.ts';

const NET = `<NUMBER OF ZONES> 2
<NUMBER OF NODES> 4
<FIRST THRU NODE> 3
<NUMBER OF LINKS> 5
<ORIGINAL HEADER>~ hand-made test network
<END OF METADATA>

~ 	init_node	term_node	capacity	length	free_flow_time	b	power	speed	toll	link_type	;
	1	3	2000	1.0	6	0.15	4	0	0	1	;
	3	2	2000	1.0	6	0.15	4	0	0	1	;
	1	4	1000	2.0	8	0.15	4	0	0	1	;
	4	2	1000	2.0	8	0.15	4	0	0	1	;
	3	4	500	0.5	2	0.15	4	0	0	1	;
`;

const TRIPS = `<NUMBER OF ZONES> 2
<TOTAL OD FLOW> 3000.0
<END OF METADATA>


Origin \t1
    1 :      0.0;     2 :   2500.0;

Origin \t2
    1 :    500.0;     2 :      0.0;
`;

const NODES = `Node\tX\tY\t;
1\t0\t0\t;
2\t10\t0\t;
3\t5\t3\t;
4\t5\t-3\t;
`;

const file = (name: string, text: string) => ({ name, text });

function problems(net: string, trips: string, nodes?: string): string[] {
  try {
    importTntp(file('net.tntp', net), file('trips.tntp', trips), nodes === undefined ? undefined : file('node.tntp', nodes));
  } catch (e) {
    if (e instanceof TntpError) return e.problems.map(formatTntpProblem);
    throw e;
  }
  throw new Error('expected the import to be refused');
}

describe('a good TNTP city', () => {
  it('imports nodes with coordinates, BPR links, zones that take no through traffic, and positive demand', () => {
    const { scenario, warnings } = importTntp(file('Test_net.tntp', NET), file('Test_trips.tntp', TRIPS), file('Test_node.tntp', NODES));
    expect(warnings).toEqual([]);
    const t = scenario.transport!;
    expect(t.nodes.map((n) => [n.id, n.x, n.y, n.through ?? true])).toEqual([
      ['1', 0, 0, false],
      ['2', 10, 0, false],
      ['3', 5, 3, true],
      ['4', 5, -3, true],
    ]);
    expect(t.links[4]).toEqual({ id: '3-4', from: '3', to: '4', freeFlowMin: 2, capacityVehPerH: 500, bprAlpha: 0.15, bprBeta: 4, length: 0.5 });
    expect(t.demand).toEqual([
      { from: '1', to: '2', vehPerH: 2500 },
      { from: '2', to: '1', vehPerH: 500 },
    ]);
    expect(scenario.metadata.name).toBe('Test');
  });

  it('without a node file the nodes go on a circle, with a warning', () => {
    const { scenario, warnings } = importTntp(file('net.tntp', NET), file('trips.tntp', TRIPS));
    expect(warnings[0]).toMatch(/no node file/);
    expect(scenario.transport!.nodes[0]).toMatchObject({ x: 100, y: 0 });
  });

  it('node 2 → 1 has no road back: the scenario is refused at that demand', () => {
    const { scenario } = importTntp(file('net.tntp', NET), file('trips.tntp', TRIPS));
    const v = validateScenario(scenario);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues[0]!.path).toBe('transport.demand[1].to');
  });

  it('solves once the trips are routable', async () => {
    const oneWay = TRIPS.replace('1 :    500.0;', '1 :      0.0;').replace('3000.0', '2500.0');
    const { scenario } = importTntp(file('net.tntp', NET), file('trips.tntp', oneWay), file('node.tntp', NODES));
    const r = await solveTrafficJob(scenario, { method: 'both' });
    expect(r.status).toBe('ok');
    expect(r.data!.totalDemandVehPerH).toBe(2500);
  });
});

describe('refused files name the file, the line and the reason', () => {
  it('a file without <END OF METADATA>', () => {
    expect(problems(NET.replace('<END OF METADATA>\n', ''), TRIPS)[0]).toMatch(/^net\.tntp:8: expected a metadata line/);
  });

  it('a link line with a word where a number belongs, and one that is too short', () => {
    const bad = NET.replace('1\t4\t1000', '1\t4\tlots').replace('\t4\t2\t1000\t2.0\t8\t0.15\t4\t0\t0\t1\t;', '\t4\t2\t1000\t;');
    expect(problems(bad, TRIPS)).toEqual([
      'net.tntp:11: column 3 (capacity) is not a number: "lots"',
      'net.tntp:12: a link line needs at least 7 columns (init_node term_node capacity length free_flow_time b power), found 3',
    ]);
  });

  it('a link count that disagrees with <NUMBER OF LINKS>', () => {
    expect(problems(NET.replace('<NUMBER OF LINKS> 5', '<NUMBER OF LINKS> 6'), TRIPS)).toEqual(['net.tntp:4: <NUMBER OF LINKS> says 6, the file lists 5 links']);
  });

  it('trips that are not "destination : value;" pairs, and trips before any Origin', () => {
    const bad = TRIPS.replace('2 :   2500.0;', '2 =   2500.0;');
    expect(problems(NET, bad)).toEqual(['trips.tntp:7: expected "destination : trips;", found "2 =   2500.0"']);
    expect(problems(NET, TRIPS.replace('Origin \t1\n', ''))[0]).toMatch(/^trips\.tntp:6: trips before the first "Origin <node>" line/);
  });

  it('a negative trip count and a destination outside the zones', () => {
    expect(problems(NET, TRIPS.replace('2 :   2500.0;', '2 :   -5;'))).toEqual(['trips.tntp:7: trips to node 2 are negative (-5)']);
    expect(problems(NET, TRIPS.replace('2 :   2500.0;', '3 :   10;'))).toEqual(['trips.tntp:7: trips 1 → 3: zones are numbered 1–2 (<NUMBER OF ZONES>)']);
  });

  it('files of different networks (zone counts differ)', () => {
    expect(problems(NET, TRIPS.replace('<NUMBER OF ZONES> 2', '<NUMBER OF ZONES> 24'))).toEqual([
      'trips.tntp:1: <NUMBER OF ZONES> is 24 here but 2 in net.tntp: the files are not of the same network',
    ]);
  });

  it('a node file with a missing node and a bad coordinate', () => {
    expect(problems(NET, TRIPS, NODES.replace('4\t5\t-3\t;\n', '').replace('3\t5\t3', '3\tfive\t3'))).toEqual([
      'node.tntp:4: node 3: x and y must be numbers, found "3\tfive\t3\t;"',
    ]);
    expect(problems(NET, TRIPS, NODES.replace('4\t5\t-3\t;\n', ''))).toEqual(['node.tntp: no coordinates for node 4']);
  });
});
