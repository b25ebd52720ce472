/**
 * OpenDSS scripts → a balanced single-phase (positive-sequence) equivalent
 * scenario network, for the subset of the language the IEEE 13- and 123-bus
 * test feeders use (docs/models/network.md, "OpenDSS import"):
 *
 *   Clear, Set, Redirect/Compile FILE, New circuit.X / New object=circuit.X,
 *   New LineCode/Line/Load/Transformer/RegControl/Capacitor/EnergyMeter,
 *   Class.name.property=value edits (e.g. Transformer.reg1a.wdg=2 Tap=…),
 *   Open Line.X terminal=N, BusCoords FILE, and the no-op commands of run
 *   scripts (Solve, Show, Plot, CalcVoltageBases, Help); `~` / `more`
 *   continuation lines, `!` and `//` comments, [..] and (..) arrays with `|`
 *   row separators, in-line RPN such as (0.00625 7 * 1 +).
 *
 * The equivalent (why each choice: docs/models/network.md):
 *  - 3-phase lines: Z₁ = Z_s − Z_m (mean self minus mean mutual impedance of
 *    the phase matrix, or r1/x1 when given); 1- and 2-phase laterals: (3/k)·Z_s,
 *    the drop that a load spread over its k phases causes on them, mutual
 *    coupling ignored; line capacitance ignored (the sweep has no shunts);
 *  - transformers at their nominal ratio: their series impedance, referred
 *    (with every line) to the feeder's main voltage, so p.u. voltages are
 *    those of the per-unit model; a regulator's tap is kept only where it sits
 *    at the source bus (then it is the substation voltage), else dropped with
 *    a warning (the power flow has no tap changers);
 *  - loads and capacitors summed per bus over phases as constant P and Q
 *    (load models 2 and 5 — constant Z and I — included as constant power).
 *
 * Anything else is refused with FILE:LINE and the reason.
 */
import type { ScenarioInput } from '../scenario/schema.ts';

export interface DssProblem {
  file: string;
  line: number;
  message: string;
}

export class DssError extends Error {
  readonly problems: DssProblem[];
  constructor(problems: DssProblem[]) {
    super(problems.map(formatDssProblem).join('\n'));
    this.name = 'DssError';
    this.problems = problems;
  }
}
export const formatDssProblem = (p: DssProblem) => `${p.file}:${p.line}: ${p.message}`;

/** Reads a file named relative to the including file's folder; undefined when it does not exist. */
export type DssReader = (path: string) => string | undefined;

interface Where {
  file: string;
  line: number;
}

type Props = Map<string, string>;

interface Element {
  cls: string;
  name: string;
  props: Props;
  /** transformer windings given one by one (wdg=1 bus=… kv=…) */
  windings: Props[];
  where: Where;
  /** properties in the order given (for `like=`) */
  open: number | null;
}

const NO_OPS = new Set(['solve', 'show', 'plot', 'calcvoltagebases', 'calcv', 'help', 'export', 'visualize', 'summary']);
const KNOWN_CLASSES = new Set(['circuit', 'linecode', 'line', 'load', 'transformer', 'regcontrol', 'capacitor', 'energymeter']);

/** Length units of OpenDSS, in km; `none` = the line code's own. */
const KM: Record<string, number> = { mi: 1.609344, kft: 0.3048, km: 1, m: 0.001, ft: 0.0003048, in: 0.0000254, cm: 0.00001 };

const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '');
const normalise = (path: string) => {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part !== '.') out.push(part);
  }
  return out.join('/');
};

/** One logical command per entry: continuation lines joined, comments gone. */
function* commands(text: string, file: string): Generator<{ text: string; where: Where }> {
  let pending: { text: string; where: Where } | null = null;
  const lines = text.split(/\r\n|\r|\n/);
  for (let k = 0; k < lines.length; k++) {
    const line = stripComment(lines[k]!).trim();
    if (line === '') continue;
    const more = /^(~|more\b)\s*/i.exec(line);
    if (more) {
      if (!pending) throw new DssError([{ file, line: k + 1, message: 'a continuation line (~) with no command before it' }]);
      pending.text += ' ' + line.slice(more[0].length);
      continue;
    }
    if (pending) yield pending;
    pending = { text: line, where: { file, line: k + 1 } };
  }
  if (pending) yield pending;
}

function stripComment(line: string): string {
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '[' || c === '(' || c === '"') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (depth <= 0 && (c === '!' || (c === '/' && line[i + 1] === '/'))) return line.slice(0, i);
  }
  return line;
}

/** `a=1 b = [x y | z] c=(1 2 +) d` → tokens, each `key=value` or a bare value. */
function tokens(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  const s = text.replace(/\s*=\s*/g, '=');
  while (i < s.length) {
    while (i < s.length && /\s|,/.test(s[i]!)) i++;
    if (i >= s.length) break;
    let j = i, depth = 0;
    while (j < s.length && (depth > 0 || !/\s|,/.test(s[j]!))) {
      const c = s[j]!;
      if (c === '[' || c === '(' || c === '{') depth++;
      else if (c === ']' || c === ')' || c === '}') depth--;
      else if (c === '"' || c === "'") {
        const end = s.indexOf(c, j + 1);
        j = end < 0 ? s.length - 1 : end;
      }
      j++;
    }
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

/** A number, or an RPN expression in parentheses (OpenDSS in-line math). */
function numberValue(raw: string): number | undefined {
  const v = raw.trim().replace(/^["']|["']$/g, '');
  const inner = /^[([{](.*)[)\]}]$/.exec(v)?.[1];
  if (inner === undefined) {
    const n = Number(v);
    return v !== '' && Number.isFinite(n) ? n : undefined;
  }
  const stack: number[] = [];
  for (const t of inner.trim().split(/\s+/)) {
    if (t === '') continue;
    if ('+-*/'.includes(t) && t.length === 1) {
      const b = stack.pop(), a = stack.pop();
      if (a === undefined || b === undefined) return undefined;
      stack.push(t === '+' ? a + b : t === '-' ? a - b : t === '*' ? a * b : a / b);
    } else {
      const n = Number(t);
      if (!Number.isFinite(n)) return undefined;
      stack.push(n);
    }
  }
  return stack.length === 1 ? stack[0] : undefined;
}

/** `[0.1 | 0.2 0.3]` → rows of numbers. */
function matrixValue(raw: string): number[][] | undefined {
  const inner = /^[([{"'](.*)[)\]}"']$/.exec(raw.trim())?.[1];
  if (inner === undefined) return undefined;
  const rows = inner.split('|').map((r) => r.trim().split(/[\s,]+/).filter((t) => t !== '').map(Number));
  return rows.every((r) => r.every(Number.isFinite)) ? rows : undefined;
}

function listValue(raw: string): string[] {
  const inner = /^[([{"'](.*)[)\]}"']$/.exec(raw.trim())?.[1] ?? raw;
  return inner.split(/[\s,]+/).filter((t) => t !== '');
}

/** `61s.1.2` → `61s` (node suffixes dropped: the equivalent is balanced), lower case as OpenDSS compares names. */
const busName = (raw: string) => raw.split('.')[0]!.toLowerCase();

export interface OpendssImport {
  scenario: ScenarioInput;
  warnings: string[];
}

/** Runs the script from `master` and builds the balanced equivalent; throws DssError with FILE:LINE problems. */
export function importOpendss(master: string, read: DssReader): OpendssImport {
  let elements = new Map<string, Element>();
  let circuit: Element | null = null;
  let coords = new Map<string, { x: number; y: number }>();
  const problems: DssProblem[] = [];
  const warnings: string[] = [];
  const fail = (where: Where, message: string) => problems.push({ file: where.file, line: where.line, message });

  const loadFile = (path: string, where: Where | null): string | undefined => {
    const text = read(path);
    if (text === undefined) {
      if (where) fail(where, `cannot read the file "${path}"`);
      else problems.push({ file: path, line: 0, message: 'cannot read the file' });
    }
    return text;
  };

  const run = (path: string, where: Where | null, depth: number) => {
    if (depth > 20) return fail(where!, 'Redirect/Compile nested more than 20 deep (a file that includes itself?)');
    const text = loadFile(path, where);
    if (text === undefined) return;
    let last: Element | null = null;
    try {
      for (const { text: cmd, where: at } of commands(text, path)) {
        if (problems.length >= 20) return;
        const toks = tokens(cmd);
        const verb = toks[0]!.toLowerCase();
        if (verb === 'clear') {
          elements = new Map();
          circuit = null;
          coords = new Map();
          last = null;
        } else if (verb === 'set' || NO_OPS.has(verb)) {
          // options (base frequency, voltage bases, control iterations) and reports do not change the network
        } else if (verb === 'redirect' || verb === 'compile') {
          const target = toks[1]?.replace(/^\(|\)$/g, '').replace(/^["']|["']$/g, '');
          if (!target) fail(at, `${verb} needs a file name`);
          else run(normalise(dirOf(path) + target.replace(/\\/g, '/')), at, depth + 1);
        } else if (verb === 'buscoords') {
          const target = toks[1]?.replace(/^\(|\)$/g, '');
          const file = target ? normalise(dirOf(path) + target) : '';
          const text = target ? loadFile(file, at) : undefined;
          if (!target) fail(at, 'BusCoords needs a file name');
          else if (text !== undefined) readCoords(text, file, coords, fail);
        } else if (verb === 'new') {
          const el = newElement(toks.slice(1), at, elements, fail);
          if (el?.cls === 'circuit') circuit = el;
          last = el ?? null;
        } else if (verb === 'open' || verb === 'close') {
          const [cls, ...rest] = (toks[1] ?? '').split('.');
          const el = elements.get(`${cls!.toLowerCase()}.${rest.join('.').toLowerCase()}`);
          if (!el) fail(at, `${verb}: no element "${toks[1]}"`);
          else el.open = verb === 'open' ? Number(propsOf(toks.slice(2)).get('terminal') ?? 1) : null;
        } else if (verb === 'edit') {
          const el = elements.get((toks[1] ?? '').toLowerCase());
          if (!el) fail(at, `edit: no element "${toks[1]}"`);
          else applyProps(el, toks.slice(2));
        } else if (/^[a-z]+\.[^=]+\.[a-z%]+=/i.test(toks[0]!) || (/^[a-z]+\.[^=]+$/i.test(toks[0]!) && elements.has(toks[0]!.toLowerCase()))) {
          // Class.name.property=value [more=…]: an edit of an existing element
          const m = /^([a-z]+\.[^.=]+)(?:\.([^=]+=.*))?$/i.exec(toks[0]!)!;
          const el = elements.get(m[1]!.toLowerCase());
          if (!el) fail(at, `no element "${m[1]}" to edit`);
          else applyProps(el, [...(m[2] ? [m[2]] : []), ...toks.slice(1)]);
        } else if (last && toks.every((t) => t.includes('='))) {
          // a property list after a New on the same element (rare, but legal)
          applyProps(last, toks);
        } else fail(at, `unsupported command "${toks[0]}" (the importer reads the subset the IEEE 13- and 123-bus feeders use)`);
      }
    } catch (e) {
      if (e instanceof DssError) problems.push(...e.problems);
      else throw e;
    }
  };

  run(normalise(master.replace(/\\/g, '/')), null, 0);
  if (problems.length > 0) throw new DssError(problems);
  if (!circuit) throw new DssError([{ file: master, line: 0, message: 'defines no circuit (New circuit.NAME basekv=… bus1=…)' }]);
  return build(circuit, elements, coords, warnings, master);
}

function propsOf(toks: string[]): Props {
  const p: Props = new Map();
  for (const t of toks) {
    const eq = t.indexOf('=');
    if (eq > 0) p.set(t.slice(0, eq).toLowerCase(), t.slice(eq + 1));
  }
  return p;
}

function applyProps(el: Element, toks: string[]): void {
  for (const t of toks) {
    const eq = t.indexOf('=');
    if (eq <= 0) continue;
    const key = t.slice(0, eq).toLowerCase(), value = t.slice(eq + 1);
    if (el.cls === 'transformer' && key === 'wdg') {
      const w = Number(value) - 1;
      while (el.windings.length <= w) el.windings.push(new Map());
      el.props.set('wdg', String(w));
      continue;
    }
    // per-winding properties go to the active winding
    if (el.cls === 'transformer' && el.props.has('wdg') && ['bus', 'kv', 'kva', '%r', 'conn', 'tap'].includes(key)) el.windings[Number(el.props.get('wdg'))]!.set(key, value);
    else el.props.set(key, value);
  }
}

function newElement(toks: string[], at: Where, elements: Map<string, Element>, fail: (w: Where, m: string) => void): Element | undefined {
  let head = toks[0] ?? '';
  let rest = toks.slice(1);
  if (/^object=/i.test(head)) head = head.slice(7);
  const dot = head.indexOf('.');
  if (dot <= 0) return void fail(at, `New needs Class.name, found "${head}"`);
  const cls = head.slice(0, dot).toLowerCase(), name = head.slice(dot + 1).toLowerCase();
  if (!KNOWN_CLASSES.has(cls)) return void fail(at, `element class "${head.slice(0, dot)}" is not supported (supported: ${[...KNOWN_CLASSES].join(', ')})`);
  const el: Element = { cls, name, props: new Map(), windings: [], where: at, open: null };
  const like = rest.find((t) => /^like=/i.test(t));
  if (like) {
    const proto = elements.get(`${cls}.${like.slice(5).toLowerCase()}`);
    if (!proto) return void fail(at, `like=${like.slice(5)}: no ${cls} of that name before this line`);
    el.props = new Map(proto.props);
    el.props.delete('wdg');
    el.windings = proto.windings.map((w) => new Map(w));
    rest = rest.filter((t) => t !== like);
  }
  if (cls === 'energymeter') rest = rest.filter((t) => t.includes('=')); // its positional element and terminal
  const bare = rest.find((t) => !t.includes('='));
  if (bare) return void fail(at, `"${bare}": properties must be written name=value`);
  applyProps(el, rest);
  elements.set(`${cls}.${name}`, el);
  return el;
}

function readCoords(text: string, file: string, coords: Map<string, { x: number; y: number }>, fail: (w: Where, m: string) => void): void {
  text.split(/\r\n|\r|\n/).forEach((raw, k) => {
    const line = stripComment(raw).trim();
    if (line === '') return;
    const [bus, xs, ys] = line.split(/[\s,]+/);
    const x = Number(xs), y = Number(ys);
    if (!bus || !Number.isFinite(x) || !Number.isFinite(y)) fail({ file, line: k + 1 }, `expected "bus x y", found "${line}"`);
    else coords.set(bus.toLowerCase(), { x, y });
  });
}

// ───────────────────────── the balanced equivalent ─────────────────────────

const tidy = (x: number) => Number(x.toPrecision(10));

interface Branch {
  id: string;
  from: string;
  to: string;
  /** ohm at the kV of its own buses */
  r: number;
  x: number;
  inService: boolean;
  /** kV of the branch's buses; transformers: [from side, to side] */
  kv?: [number, number];
}

function build(circuit: Element, elements: Map<string, Element>, coords: Map<string, { x: number; y: number }>, warnings: string[], master: string): OpendssImport {
  const problems: DssProblem[] = [];
  const fail = (el: Element, message: string) => problems.push({ file: el.where.file, line: el.where.line, message: `${el.cls}.${el.name}: ${message}` });
  const num = (el: Element, key: string, fallback?: number): number => {
    const raw = el.props.get(key);
    if (raw === undefined) {
      if (fallback === undefined) fail(el, `${key} is required`);
      return fallback ?? NaN;
    }
    const v = numberValue(raw);
    if (v === undefined) fail(el, `${key}=${raw} is not a number`);
    return v ?? NaN;
  };
  const sourceKv = num(circuit, 'basekv', 115);
  const sourcePu = num(circuit, 'pu', 1);
  const sourceBus = busName(circuit.props.get('bus1') ?? 'sourcebus');
  const byClass = (cls: string) => [...elements.values()].filter((e) => e.cls === cls);

  const branches: Branch[] = [];
  // line codes: per-unit-length impedance of the equivalent, ohm per km
  const codes = new Map<string, { r: number; x: number; phases: number }>();
  for (const lc of byClass('linecode')) {
    const unitKm = KM[(lc.props.get('units') ?? 'none').toLowerCase()] ?? 1;
    const k = num(lc, 'nphases', 3);
    const rm = lc.props.get('rmatrix'), xm = lc.props.get('xmatrix');
    let z: { r: number; x: number } | undefined;
    if (rm !== undefined && xm !== undefined) {
      const R = matrixValue(rm), X = matrixValue(xm);
      if (!R || !X || R.length !== k || X.length !== k) fail(lc, `rmatrix/xmatrix must be lower-triangular ${k}×${k} matrices of numbers`);
      else z = { r: sequence(R, k), x: sequence(X, k) };
    } else if (lc.props.has('r1') && lc.props.has('x1')) z = { r: num(lc, 'r1') * (k === 3 ? 1 : 3 / k), x: num(lc, 'x1') * (k === 3 ? 1 : 3 / k) };
    else fail(lc, 'needs rmatrix and xmatrix, or r1 and x1');
    if (z) codes.set(lc.name, { r: z.r / unitKm, x: z.x / unitKm, phases: k });
  }

  for (const l of byClass('line')) {
    const from = busName(l.props.get('bus1') ?? ''), to = busName(l.props.get('bus2') ?? '');
    if (!from || !to) {
      fail(l, 'needs bus1 and bus2');
      continue;
    }
    const units = (l.props.get('units') ?? 'none').toLowerCase();
    if (units !== 'none' && KM[units] === undefined) fail(l, `units=${units} is not a length unit OpenDSS knows (mi, kft, km, m, ft, in, cm)`);
    const length = num(l, 'length', 1);
    const phases = num(l, 'phases', 3);
    const code = l.props.get('linecode')?.toLowerCase();
    let r: number, x: number;
    if (code !== undefined) {
      const c = codes.get(code);
      if (!c) {
        fail(l, `linecode ${code} is not defined before it is used`);
        continue;
      }
      // a line without units takes its code's; the code's impedances are per its own unit (converted to km above)
      const lengthKm = units === 'none' ? length * (KM[(elements.get(`linecode.${code}`)!.props.get('units') ?? 'none').toLowerCase()] ?? 1) : length * KM[units]!;
      r = c.r * lengthKm;
      x = c.x * lengthKm;
    } else {
      // impedances given on the line itself, per its unit of length (switches: r1=1e-3 … length=0.001)
      const scale = phases === 3 ? 1 : 3 / phases;
      r = num(l, 'r1', 0.0580) * length * scale;
      x = num(l, 'x1', 0.1206) * length * scale;
    }
    const enabled = !/^(n|no|false)/i.test(l.props.get('enabled') ?? 'yes');
    branches.push({ id: `line.${l.name}`, from, to, r, x, inService: enabled && l.open === null });
  }

  // transformers: buses, kV and kVA per winding (array form or wdg= form)
  let headTap = 1;
  const taps: string[] = [];
  for (const t of byClass('transformer')) {
    const windings = t.windings.length > 0 ? t.windings : [];
    const busesRaw = t.props.get('buses') ? listValue(t.props.get('buses')!) : windings.map((w) => w.get('bus') ?? '');
    const kvs = t.props.get('kvs') ? listValue(t.props.get('kvs')!).map(Number) : windings.map((w) => numberValue(w.get('kv') ?? '') ?? NaN);
    const kvas = t.props.get('kvas') ? listValue(t.props.get('kvas')!).map(Number) : windings.map((w) => numberValue(w.get('kva') ?? '') ?? NaN);
    const n = num(t, 'windings', 2);
    if (n !== 2 || busesRaw.length !== 2) {
      fail(t, `only two-winding transformers are supported (this one has ${busesRaw.length || n})`);
      continue;
    }
    const [kv1, kv2] = [kvs[0] ?? NaN, kvs[1] ?? NaN];
    const kva = kvas[0] ?? NaN;
    if (!(kv1 > 0 && kv2 > 0 && kva > 0)) {
      fail(t, 'needs kv and kva of both windings');
      continue;
    }
    const phases = num(t, 'phases', 3);
    const xhl = num(t, 'xhl', 7);
    const loadLoss = t.props.has('%loadloss') ? num(t, '%loadloss') : windings.reduce((s, w) => s + (numberValue(w.get('%r') ?? '') ?? 0.2), 0) || 0.4;
    // series impedance per phase, ohm at winding 1: %·kV²/MVA with the unit's own rating — line-to-neutral kV and
    // one phase's kVA for a single-phase unit, line-to-line kV and three-phase kVA for a three-phase one
    const zBase = (kv1 * kv1) / (kva / 1000);
    const from = busName(busesRaw[0]!), to = busName(busesRaw[1]!);
    const tap = numberValue(windings[1]?.get('tap') ?? t.props.get('tap') ?? '1') ?? 1;
    if (tap !== 1) {
      if (from === sourceBus) headTap = tap;
      else taps.push(`${t.name} (${from} → ${to}) tap ${tap.toFixed(5)}`);
    }
    const sameBank = branches.find((b) => b.id.startsWith('transformer.') && b.from === from && b.to === to);
    if (sameBank) continue; // the other phases of a bank of single-phase units: one branch in the balanced equivalent
    branches.push({ id: `transformer.${t.name}`, from, to, r: (loadLoss / 100) * zBase, x: (xhl / 100) * zBase, inService: t.open === null, kv: [phases === 1 ? kv1 * Math.sqrt(3) : kv1, phases === 1 ? kv2 * Math.sqrt(3) : kv2] });
  }
  if (problems.length > 0) throw new DssError(problems);
  if (taps.length > 0) warnings.push(`regulator taps away from the feeder head are not modelled (the power flow has no tap changers): ${taps.join('; ')}`);
  if (byClass('regcontrol').length > 0) warnings.push(`${byClass('regcontrol').length} regulator controls are not simulated: taps stay where the script sets them${headTap !== 1 ? ` (the feeder-head tap ${headTap.toFixed(5)} is the substation voltage)` : ''}`);

  // nominal kV of every bus: from the source through the transformers' ratios
  const kvOf = new Map<string, number>([[sourceBus, sourceKv]]);
  for (let changed = true; changed; ) {
    changed = false;
    for (const b of branches) {
      for (const [p, q, ratio] of [[b.from, b.to, b.kv ? b.kv[1] / b.kv[0] : 1], [b.to, b.from, b.kv ? b.kv[0] / b.kv[1] : 1]] as const)
        if (kvOf.has(p) && !kvOf.has(q)) (kvOf.set(q, kvOf.get(p)! * ratio), (changed = true));
    }
  }
  // the feeder's main voltage: the one most buses have; everything is referred to it
  const count = new Map<number, number>();
  for (const kv of kvOf.values()) count.set(tidy(kv), (count.get(tidy(kv)) ?? 0) + 1);
  const mainKv = [...count].sort((a, b) => b[1] - a[1])[0]![0];

  const busIds = new Set<string>([sourceBus]);
  for (const b of branches) busIds.add(b.from), busIds.add(b.to);
  const unreached = [...busIds].filter((b) => !kvOf.has(b));
  if (unreached.length > 0) throw new DssError([{ file: master, line: 0, message: `buses not connected to the source ${sourceBus}: ${unreached.slice(0, 10).join(', ')}` }]);

  const pd = new Map<string, number>(), qd = new Map<string, number>();
  for (const ld of byClass('load')) {
    const bus = busName(ld.props.get('bus1') ?? '');
    if (!busIds.has(bus)) {
      fail(ld, `bus ${bus} has no line or transformer`);
      continue;
    }
    const kw = num(ld, 'kw', 10);
    const kvar = ld.props.has('kvar') ? num(ld, 'kvar') : kw * Math.tan(Math.acos(num(ld, 'pf', 0.88)));
    pd.set(bus, (pd.get(bus) ?? 0) + kw);
    qd.set(bus, (qd.get(bus) ?? 0) + kvar);
  }
  for (const c of byClass('capacitor')) {
    const bus = busName(c.props.get('bus1') ?? '');
    if (!busIds.has(bus)) fail(c, `bus ${bus} has no line or transformer`);
    else qd.set(bus, (qd.get(bus) ?? 0) - num(c, 'kvar', 600));
  }
  if (problems.length > 0) throw new DssError(problems);
  const loadModels = new Set(byClass('load').map((l) => l.props.get('model') ?? '1'));
  if ([...loadModels].some((m) => m !== '1')) warnings.push(`load models ${[...loadModels].filter((m) => m !== '1').join(', ')} (constant impedance or current) are taken as constant power`);

  const referred = (kv: number) => (mainKv / kv) ** 2;
  const name = circuit.name;
  const scenario: ScenarioInput = {
    schemaVersion: 1,
    metadata: {
      name,
      description: `Balanced single-phase equivalent of the OpenDSS circuit ${name} (${master}): ${busIds.size} buses, ${branches.length} branches, ${mainKv} kV, ${tidy([...pd.values()].reduce((s, v) => s + v, 0))} kW of load (docs/models/network.md, OpenDSS import).`,
      tags: ['opendss', 'balanced-equivalent'],
      job: 'powerflow',
    },
    time: { T: 1, dtHours: 1, start: '2026-01-01T00:00' },
    profiles: [],
    network: {
      baseKv: mainKv,
      substation: { busId: sourceBus, vmPu: tidy(sourcePu * headTap) },
      buses: [...busIds].map((id) => {
        const kv = kvOf.get(id)!;
        const c = coords.get(id);
        return {
          id,
          ...(tidy(kv) !== mainKv ? { name: `${tidy(kv)} kV (referred to ${mainKv} kV)` } : {}),
          pdKw: tidy(pd.get(id) ?? 0),
          qdKvar: tidy(qd.get(id) ?? 0),
          ...(c ? { x: c.x, y: c.y } : {}),
        };
      }),
      lines: branches.map((b) => {
        const f = referred(kvOf.get(b.from)!);
        return { id: b.id, from: b.from, to: b.to, rOhm: tidy(b.r * f), xOhm: tidy(b.x * f), inService: b.inService };
      }),
      source: `OpenDSS ${master}`,
    },
  };
  return { scenario, warnings };
}

/** Positive-sequence (3 phases) or per-phase-equivalent (1, 2 phases) impedance of a lower-triangular phase matrix. */
function sequence(lower: number[][], k: number): number {
  const self = lower.reduce((s, row, i) => s + row[i]!, 0) / k;
  if (k < 3) return (3 / k) * self;
  let mutual = 0, m = 0;
  lower.forEach((row, i) => row.slice(0, i).forEach((v) => ((mutual += v), m++)));
  return self - mutual / m;
}
