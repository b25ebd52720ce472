/**
 * TNTP files → scenario `transport` section.
 *
 * TNTP is the text format of the Transportation Networks for Research
 * collection (github.com/bstabler/TransportationNetworks), where Sioux Falls,
 * Anaheim, Chicago and the other test cities live. Each file opens with
 * metadata lines `<KEY> value` up to `<END OF METADATA>`; `~` starts a
 * comment anywhere. Three files make a city:
 *
 *  - the network (…_net.tntp): one link per line, `init_node term_node
 *    capacity length free_flow_time b power speed toll link_type ;`, with the
 *    BPR time t = free_flow_time·(1 + b·(x/capacity)^power); nodes numbered
 *    below <FIRST THRU NODE> are zones that no through traffic may cross;
 *  - the trips (…_trips.tntp): blocks `Origin i` followed by `j : v;` pairs;
 *  - optionally the nodes (…_node.tntp): `node x y ;` (the header row is
 *    skipped). Without it the nodes are placed on a circle, with a warning.
 *
 * Anything that cannot be read is refused with the file, the line and the
 * reason (all problems at once, up to a limit), never guessed around.
 */
import type { ScenarioInput } from '../scenario/schema.ts';

export interface TntpProblem {
  file: string;
  /** 1-based line number; 0 for the file as a whole */
  line: number;
  message: string;
}

export class TntpError extends Error {
  readonly problems: TntpProblem[];
  constructor(problems: TntpProblem[]) {
    super(problems.map(formatTntpProblem).join('\n'));
    this.name = 'TntpError';
    this.problems = problems;
  }
}

export const formatTntpProblem = (p: TntpProblem) => (p.line > 0 ? `${p.file}:${p.line}: ${p.message}` : `${p.file}: ${p.message}`);

/** More problems than this and the file is surely not TNTP: the list stops there. */
const MAX_PROBLEMS = 20;

export interface TntpFile {
  name: string;
  text: string;
}

interface Line {
  no: number;
  text: string;
}

interface Parsed {
  metadata: Map<string, { value: string; line: number }>;
  /** the data lines after <END OF METADATA>, comments removed, blank lines dropped */
  body: Line[];
}

class Problems {
  readonly list: TntpProblem[] = [];
  add(file: string, line: number, message: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ file, line, message });
  }
  get full(): boolean {
    return this.list.length >= MAX_PROBLEMS;
  }
}

/** Splits metadata from data; a file without <END OF METADATA> is not TNTP. */
function parseSections(file: TntpFile, problems: Problems, requireMetadata: boolean): Parsed {
  const metadata = new Map<string, { value: string; line: number }>();
  const body: Line[] = [];
  const lines = file.text.split(/\r?\n/);
  let inMetadata = requireMetadata;
  let sawEnd = false;
  lines.forEach((raw, k) => {
    const no = k + 1;
    if (inMetadata) {
      const m = /^\s*<([^>]+)>\s*(.*)$/.exec(raw);
      if (m) {
        const key = m[1]!.trim().toUpperCase();
        if (key === 'END OF METADATA') {
          inMetadata = false;
          sawEnd = true;
        } else metadata.set(key, { value: m[2]!.replace(/~.*$/, '').trim(), line: no });
        return;
      }
      if (raw.trim() === '' || raw.trim().startsWith('~')) return;
      // data before <END OF METADATA>: a file with a header but no end marker, or no header at all
      problems.add(file.name, no, `expected a metadata line "<KEY> value" or <END OF METADATA> before the data, found "${clip(raw)}"`);
      inMetadata = false;
    }
    const text = raw.replace(/~.*$/, '').trim();
    if (text !== '') body.push({ no, text });
  });
  if (requireMetadata && !sawEnd && problems.list.length === 0) problems.add(file.name, 0, 'has no <END OF METADATA> line: not a TNTP file');
  return { metadata, body };
}

const clip = (s: string) => {
  const t = s.trim();
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
};

/** A metadata value that must be a whole number ≥ min, or undefined when absent. */
function metaInt(p: Parsed, key: string, file: string, problems: Problems, min: number): number | undefined {
  const entry = p.metadata.get(key);
  if (!entry) return undefined;
  const v = Number(entry.value);
  if (entry.value === '' || !Number.isInteger(v) || v < min) {
    problems.add(file, entry.line, `<${key}> must be a whole number ≥ ${min}, not "${entry.value}"`);
    return undefined;
  }
  return v;
}

const NODE_NUMBER = /^[0-9]+$/;

function number(token: string | undefined): number | undefined {
  if (token === undefined || token === '') return undefined;
  const v = Number(token);
  return Number.isFinite(v) ? v : undefined;
}

interface RawLink {
  from: number;
  to: number;
  capacity: number;
  length: number;
  freeFlow: number;
  b: number;
  power: number;
  toll: number;
  line: number;
}

const LINK_COLUMNS = ['init_node', 'term_node', 'capacity', 'length', 'free_flow_time', 'b', 'power', 'speed', 'toll', 'link_type'] as const;

function parseLinks(file: TntpFile, p: Parsed, problems: Problems): RawLink[] {
  const links: RawLink[] = [];
  for (const { no, text } of p.body) {
    if (problems.full) break;
    const tokens = text.replace(/;\s*$/, '').trim().split(/\s+/);
    if (tokens.length < 7) {
      problems.add(file.name, no, `a link line needs at least 7 columns (${LINK_COLUMNS.slice(0, 7).join(' ')}), found ${tokens.length}`);
      continue;
    }
    const values = tokens.map(number);
    const bad = values.findIndex((v, k) => k < LINK_COLUMNS.length && v === undefined);
    if (bad >= 0) {
      problems.add(file.name, no, `column ${bad + 1} (${LINK_COLUMNS[bad]}) is not a number: "${tokens[bad]}"`);
      continue;
    }
    const [from, to, capacity, length, freeFlow, b, power] = values as number[];
    const toll = values[8] ?? 0;
    if (!NODE_NUMBER.test(tokens[0]!) || !NODE_NUMBER.test(tokens[1]!)) problems.add(file.name, no, `node numbers must be positive whole numbers, found "${tokens[0]}" and "${tokens[1]}"`);
    else if (from === to) problems.add(file.name, no, `the link leads from node ${from} to itself`);
    else if (!(capacity! > 0)) problems.add(file.name, no, `capacity must be positive, not ${capacity}`);
    else if (freeFlow! < 0 || length! < 0 || b! < 0 || power! < 0 || toll < 0)
      problems.add(file.name, no, 'length, free_flow_time, b, power and toll must not be negative');
    else links.push({ from: from!, to: to!, capacity: capacity!, length: length!, freeFlow: freeFlow!, b: b!, power: power!, toll, line: no });
  }
  return links;
}

interface RawTrip {
  from: number;
  to: number;
  flow: number;
  line: number;
}

function parseTrips(file: TntpFile, p: Parsed, problems: Problems): RawTrip[] {
  const trips: RawTrip[] = [];
  let origin: number | undefined;
  const seenOrigins = new Set<number>();
  for (const { no, text } of p.body) {
    if (problems.full) break;
    const head = /^origin\s+(\S+)\s*$/i.exec(text);
    if (head) {
      const o = Number(head[1]);
      if (!NODE_NUMBER.test(head[1]!)) {
        problems.add(file.name, no, `"Origin" must be followed by a node number, not "${head[1]}"`);
        origin = undefined;
      } else if (seenOrigins.has(o)) {
        problems.add(file.name, no, `origin ${o} has a second block`);
        origin = undefined;
      } else {
        origin = o;
        seenOrigins.add(o);
      }
      continue;
    }
    if (/^origin\b/i.test(text)) {
      problems.add(file.name, no, `expected "Origin <node>", found "${clip(text)}"`);
      origin = undefined;
      continue;
    }
    if (origin === undefined) {
      if (seenOrigins.size === 0) problems.add(file.name, no, `trips before the first "Origin <node>" line: "${clip(text)}"`);
      continue; // the rest of a refused block: its header is reported already
    }
    for (const entry of text.split(';')) {
      const pair = entry.trim();
      if (pair === '') continue;
      const m = /^(\S+)\s*:\s*(\S+)$/.exec(pair);
      if (!m) {
        problems.add(file.name, no, `expected "destination : trips;", found "${clip(pair)}"`);
        continue;
      }
      const flow = number(m[2]);
      if (!NODE_NUMBER.test(m[1]!)) problems.add(file.name, no, `destination "${m[1]}" is not a node number`);
      else if (flow === undefined) problems.add(file.name, no, `trips to node ${m[1]} are not a number: "${m[2]}"`);
      else if (flow < 0) problems.add(file.name, no, `trips to node ${m[1]} are negative (${flow})`);
      else trips.push({ from: origin, to: Number(m[1]), flow, line: no });
    }
  }
  if (seenOrigins.size === 0 && problems.list.length === 0) problems.add(file.name, 0, 'holds no "Origin <node>" block');
  return trips;
}

function parseNodes(file: TntpFile, problems: Problems): Map<number, { x: number; y: number }> {
  // node files have no metadata: a header row "Node X Y ;" and then one node per line
  const p = parseSections(file, problems, false);
  const coords = new Map<number, { x: number; y: number }>();
  p.body.forEach(({ no, text }, k) => {
    if (problems.full) return;
    const tokens = text.replace(/;\s*$/, '').trim().split(/[\s,]+/);
    if (k === 0 && !NODE_NUMBER.test(tokens[0]!)) return; // the header row
    const [id, x, y] = [tokens[0], number(tokens[1]), number(tokens[2])];
    if (!NODE_NUMBER.test(id ?? '')) problems.add(file.name, no, `expected "node x y", the node is not a number: "${clip(text)}"`);
    else if (x === undefined || y === undefined) problems.add(file.name, no, `node ${id}: x and y must be numbers, found "${clip(text)}"`);
    else if (coords.has(Number(id))) problems.add(file.name, no, `node ${id} is listed twice`);
    else coords.set(Number(id), { x, y });
  });
  return coords;
}

export interface TntpImport {
  scenario: ScenarioInput;
  warnings: string[];
}

/** The three TNTP files of a city → a scenario for the `traffic` job; throws TntpError with every problem found. */
export function importTntp(net: TntpFile, trips: TntpFile, nodesFile?: TntpFile): TntpImport {
  const problems = new Problems();
  const warnings: string[] = [];
  const netParsed = parseSections(net, problems, true);
  const tripParsed = parseSections(trips, problems, true);
  if (problems.list.length > 0) throw new TntpError(problems.list);

  const zones = metaInt(netParsed, 'NUMBER OF ZONES', net.name, problems, 1);
  const nodeCount = metaInt(netParsed, 'NUMBER OF NODES', net.name, problems, 1);
  const firstThru = metaInt(netParsed, 'FIRST THRU NODE', net.name, problems, 1) ?? 1;
  const linkCount = metaInt(netParsed, 'NUMBER OF LINKS', net.name, problems, 1);
  const tripZones = metaInt(tripParsed, 'NUMBER OF ZONES', trips.name, problems, 1);
  const links = parseLinks(net, netParsed, problems);
  const tripRows = parseTrips(trips, tripParsed, problems);
  const coords = nodesFile ? parseNodes(nodesFile, problems) : undefined;
  if (problems.list.length > 0) throw new TntpError(problems.list);

  // metadata against the data: counts that disagree mean a truncated or mixed-up file
  if (linkCount !== undefined && linkCount !== links.length)
    problems.add(net.name, netParsed.metadata.get('NUMBER OF LINKS')!.line, `<NUMBER OF LINKS> says ${linkCount}, the file lists ${links.length} links`);
  const maxNode = Math.max(...links.flatMap((l) => [l.from, l.to]));
  if (nodeCount !== undefined && maxNode > nodeCount)
    problems.add(net.name, links.find((l) => l.from === maxNode || l.to === maxNode)!.line, `node ${maxNode} exceeds <NUMBER OF NODES> ${nodeCount}`);
  if (zones !== undefined && tripZones !== undefined && zones !== tripZones)
    problems.add(trips.name, tripParsed.metadata.get('NUMBER OF ZONES')!.line, `<NUMBER OF ZONES> is ${tripZones} here but ${zones} in ${net.name}: the files are not of the same network`);
  const nodeNumbers = new Set(links.flatMap((l) => [l.from, l.to]));
  for (const t of tripRows) {
    if (problems.full) break;
    for (const n of [t.from, t.to])
      if (!nodeNumbers.has(n)) problems.add(trips.name, t.line, `node ${n} has no link in ${net.name}`);
    if (zones !== undefined && (t.from > zones || t.to > zones) && t.flow > 0)
      problems.add(trips.name, t.line, `trips ${t.from} → ${t.to}: zones are numbered 1–${zones} (<NUMBER OF ZONES>)`);
  }
  if (coords) {
    const missing = [...nodeNumbers].filter((n) => !coords.has(n)).sort((a, b) => a - b);
    if (missing.length > 0) problems.add(nodesFile!.name, 0, `no coordinates for node${missing.length > 1 ? 's' : ''} ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`);
  }
  if (problems.list.length > 0) throw new TntpError(problems.list);

  // scenario entities; ids are the TNTP numbers as text
  const numbers = [...nodeNumbers].sort((a, b) => a - b);
  const layout = coords ?? circle(numbers);
  if (!coords) warnings.push(`no node file: the ${numbers.length} nodes are placed on a circle (give NODES.tntp for the map)`);
  const nodes = numbers.map((n) => ({ id: String(n), x: layout.get(n)!.x, y: layout.get(n)!.y, ...(n < firstThru ? { through: false } : {}) }));

  const linkIds = new Map<string, number>();
  const scenarioLinks = links.map((l) => {
    const base = `${l.from}-${l.to}`;
    const k = (linkIds.get(base) ?? 0) + 1;
    linkIds.set(base, k);
    return {
      id: k === 1 ? base : `${base}_${k}`,
      from: String(l.from),
      to: String(l.to),
      freeFlowMin: l.freeFlow,
      capacityVehPerH: l.capacity,
      bprAlpha: l.b,
      bprBeta: l.power,
      ...(l.length > 0 ? { length: l.length } : {}),
      ...(l.toll > 0 ? { toll: l.toll } : {}),
    };
  });
  const parallel = [...linkIds.values()].filter((k) => k > 1).length;
  if (parallel > 0) warnings.push(`${parallel} node pair${parallel > 1 ? 's have' : ' has'} parallel links (ids get a suffix _2, _3, …)`);

  const demand = tripRows.filter((t) => t.flow > 0 && t.from !== t.to).map((t) => ({ from: String(t.from), to: String(t.to), vehPerH: t.flow }));
  const selfTrips = tripRows.filter((t) => t.flow > 0 && t.from === t.to).length;
  if (selfTrips > 0) warnings.push(`${selfTrips} intra-zonal demand${selfTrips > 1 ? 's' : ''} (origin = destination) dropped: they use no road`);
  const total = demand.reduce((s, d) => s + d.vehPerH, 0);
  const declared = tripParsed.metadata.get('TOTAL OD FLOW');
  const listed = tripRows.reduce((s, t) => s + t.flow, 0);
  if (declared && Math.abs(Number(declared.value) - listed) > 1e-6 * Math.max(1, listed))
    warnings.push(`<TOTAL OD FLOW> says ${declared.value}, the trips add up to ${listed}`);

  const cityName = net.name.replace(/(_net)?\.tntp$/i, '').replace(/^.*[\\/]/, '');
  const scenario: ScenarioInput = {
    schemaVersion: 1,
    metadata: {
      name: cityName,
      description: `Imported from the TNTP files ${net.name} and ${trips.name}${nodesFile ? ` and ${nodesFile.name}` : ''}: ${nodes.length} nodes, ${scenarioLinks.length} links, ${demand.length} origin–destination pairs, ${total} trips. Units are the data set's own (see its README).`,
      tags: ['transport', 'tntp'],
      job: 'traffic',
    },
    time: { T: 1, dtHours: 1, start: '2026-01-01T00:00' },
    profiles: [],
    // the traffic job does not use the power network; a scenario needs one bus
    network: { baseKv: 12.47, substation: { busId: 'grid' }, buses: [{ id: 'grid', name: 'Placeholder (no power network)' }], lines: [] },
    transport: { nodes, links: scenarioLinks, demand, source: `TNTP ${net.name}` },
  };
  return { scenario, warnings };
}

function circle(numbers: readonly number[]): Map<number, { x: number; y: number }> {
  const r = 100;
  return new Map(numbers.map((n, k) => [n, { x: Number((r * Math.cos((2 * Math.PI * k) / numbers.length)).toFixed(6)), y: Number((r * Math.sin((2 * Math.PI * k) / numbers.length)).toFixed(6)) }]));
}
