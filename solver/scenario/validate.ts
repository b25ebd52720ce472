/**
 * Turning untrusted text or objects into a validated Scenario.
 *
 * Never throws: every problem (malformed JSON, wrong type, dangling reference,
 * unsupported schema version) comes back as a list of issues, each with the
 * JSON path of the offending field and a sentence a planner understands.
 */
import * as z from 'zod';
import { Scenario, type Scenario as ScenarioT, type Series } from './schema.ts';
import { migrate } from './migrate.ts';
import { seriesValues } from './series.ts';
import { crossCheckVpps } from './vppChecks.ts';
import { crossCheckTransport } from './transportChecks.ts';
import { crossCheckEvcs } from './evcsChecks.ts';
import { crossCheckMicrogrids } from './microgridChecks.ts';
import type { ValidationIssue } from './validationIssue.ts';

export type { ValidationIssue } from './validationIssue.ts';

export type Validation<T> = { ok: true; value: T; warnings: ValidationIssue[] } | { ok: false; issues: ValidationIssue[] };

/** `['network','lines',4,'to']` → `network.lines[4].to` */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** "path: message" (or the message alone for the document root). */
export function formatIssue(issue: ValidationIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 30 ? value.slice(0, 30) + '…' : value)}`;
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : `the number ${value}`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

const expectedName: Record<string, string> = {
  number: 'a number',
  string: 'a text',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  int: 'a whole number',
};

/** Plain-sentence messages for zod's issue codes. */
function friendlyMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${expectedName[issue.expected] ?? issue.expected}, not ${describe(issue.input)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'array') return `must hold at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be ${issue.inclusive ? 'at least' : 'greater than'} ${issue.minimum}, not ${String(issue.input)}`;
    case 'too_big':
      if (issue.origin === 'array') return `must hold at most ${issue.maximum} items`;
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}, not ${String(issue.input)}`;
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, not ${describe(issue.input)}`;
    case 'invalid_union':
      return unionMessage(issue);
    case 'invalid_format':
      return `must be ${issue.format === 'regex' ? 'a text of the expected form' : `a valid ${issue.format}`}, not ${describe(issue.input)}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}, not ${describe(issue.input)}`;
    case 'invalid_key':
      return `has a field name that is not allowed here`;
    case 'invalid_element':
      return `holds an entry that is not allowed here`;
    default:
      return undefined;
  }
}

interface UnionOption {
  def?: { type?: string; shape?: Record<string, unknown> };
}

/** An alternative of a union in words: `a number`, `{"profile": …}`. */
function optionName(option: UnionOption | undefined, expected: string | undefined): string {
  if (option?.def?.type === 'object' && option.def.shape) return `{${Object.keys(option.def.shape).map((k) => `"${k}": …`).join(', ')}}`;
  return expectedName[expected ?? option?.def?.type ?? ''] ?? `a ${expected ?? option?.def?.type ?? 'value'}`;
}

/**
 * A value that fits none of a union's alternatives (a Series given as a text,
 * a distribution of an unknown kind): zod says only "Invalid input", so the
 * message lists what each alternative takes, and what the closest one lacked.
 */
function unionMessage(issue: z.core.$ZodRawIssue & { code: 'invalid_union' }): string {
  const raw = issue as unknown as { discriminator?: string; options?: unknown[]; inst?: { def?: { options?: UnionOption[] } } };
  if (raw.discriminator !== undefined)
    return `must be ${(raw.options ?? []).map((v) => JSON.stringify(v)).join(' or ')}, not ${describe(issue.input)}`;
  const options = raw.inst?.def?.options ?? [];
  const names = issue.errors.map((errs, k) => optionName(options[k], errs[0]?.path.length === 0 && errs[0].code === 'invalid_type' ? errs[0].expected : undefined));
  const nested = issue.errors.flat().find((e) => e.path.length > 0 || e.code === 'unrecognized_keys');
  let detail = '';
  if (nested?.code === 'unrecognized_keys') detail = `; unknown field${nested.keys.length > 1 ? 's' : ''} ${nested.keys.map((k) => `"${k}"`).join(', ')}`;
  else if (nested) detail = `; ${formatPath(nested.path)} ${/received undefined/.test(nested.message) ? 'is required' : `must be ${nested.code === 'invalid_type' ? (expectedName[nested.expected] ?? nested.expected) : 'valid'}`}`;
  return `must be ${[...new Set(names)].join(' or ')}, not ${describe(issue.input)}${detail}`;
}

function zodIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

/** Checks that zod cannot express: unique ids, references, lengths against T. */
export function crossCheck(s: ScenarioT): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (path: ReadonlyArray<PropertyKey>, message: string) => issues.push({ path: formatPath(path), message });

  const profileIds = new Map<string, number>();
  s.profiles.forEach((p, i) => {
    if (profileIds.has(p.id)) add(['profiles', i, 'id'], `profile id "${p.id}" is used twice (also profiles[${profileIds.get(p.id)}])`);
    else profileIds.set(p.id, i);
    if (p.values.length !== s.time.T)
      add(['profiles', i, 'values'], `holds ${p.values.length} values but the horizon time.T is ${s.time.T}`);
  });

  const net = s.network;
  const busIds = new Map<string, number>();
  net.buses.forEach((b, i) => {
    if (busIds.has(b.id)) add(['network', 'buses', i, 'id'], `bus id "${b.id}" is used twice (also network.buses[${busIds.get(b.id)}])`);
    else busIds.set(b.id, i);
    if (b.vminPu >= b.vmaxPu) add(['network', 'buses', i, 'vminPu'], `must be below vmaxPu (${b.vmaxPu})`);
    if (b.loadProfile !== undefined && !profileIds.has(b.loadProfile))
      add(['network', 'buses', i, 'loadProfile'], `profile "${b.loadProfile}" does not exist`);
  });

  const lineIds = new Map<string, number>();
  net.lines.forEach((l, i) => {
    if (lineIds.has(l.id)) add(['network', 'lines', i, 'id'], `line id "${l.id}" is used twice (also network.lines[${lineIds.get(l.id)}])`);
    else lineIds.set(l.id, i);
    if (!busIds.has(l.from)) add(['network', 'lines', i, 'from'], `bus "${l.from}" does not exist`);
    if (!busIds.has(l.to)) add(['network', 'lines', i, 'to'], `bus "${l.to}" does not exist`);
    if (l.from === l.to) add(['network', 'lines', i, 'to'], `a line cannot connect bus "${l.from}" to itself`);
  });

  if (!busIds.has(net.substation.busId))
    add(['network', 'substation', 'busId'], `bus "${net.substation.busId}" does not exist`);

  // a Series field naming a profile must name one that exists
  const checkSeries = (path: PropertyKey[], series: Series) => {
    if (typeof series !== 'number' && !profileIds.has(series.profile)) add([...path, 'profile'], `profile "${series.profile}" does not exist`);
  };
  const sub = net.substation;
  checkSeries(['network', 'substation', 'importPricePerKwh'], sub.importPricePerKwh);
  checkSeries(['network', 'substation', 'exportPricePerKwh'], sub.exportPricePerKwh);
  checkSeries(['network', 'substation', 'carbonKgPerKwh'], sub.carbonKgPerKwh);
  if (sub.importLimitKw === undefined && issues.length === 0) {
    // buying and selling back at a profit, without an import limit, has no optimum
    const imp = seriesValues(s, sub.importPricePerKwh), exp = seriesValues(s, sub.exportPricePerKwh);
    const t = exp.findIndex((e, k) => e > imp[k]!);
    if (t >= 0)
      add(['network', 'substation', 'exportPricePerKwh'], `exceeds the import price in period ${t} (${exp[t]} > ${imp[t]}): energy could be bought and sold back at a profit without limit; lower it or set network.substation.importLimitKw`);
  }

  crossCheckDer(net.der, busIds, add, checkSeries);
  crossCheckVpps(s, busIds, add, checkSeries);
  crossCheckMicrogrids(s, busIds, add, checkSeries);
  if (s.portfolio) crossCheckPortfolio(s, add, checkSeries);

  const fleetIds = new Map<string, number>();
  s.evFleets.forEach((f, i) => {
    const at = ['evFleets', i];
    if (fleetIds.has(f.id)) add([...at, 'id'], `fleet id "${f.id}" is used twice (also evFleets[${fleetIds.get(f.id)}])`);
    else fleetIds.set(f.id, i);
    if (!busIds.has(f.busId)) add([...at, 'busId'], `bus "${f.busId}" does not exist`);
    if ((f.evs === undefined) === (f.generator === undefined)) add(at, 'needs either an "evs" table or a "generator", not both or neither');
    const evIds = new Set<string>();
    f.evs?.forEach((ev, j) => {
      if (evIds.has(ev.id)) add([...at, 'evs', j, 'id'], `EV id "${ev.id}" is used twice in this fleet`);
      evIds.add(ev.id);
      if (!(ev.departureH > ev.arrivalH)) add([...at, 'evs', j, 'departureH'], `must be after arrivalH (${ev.arrivalH})`);
    });
    if (!f.responsiveness.some((l) => l.prior > 0)) add([...at, 'responsiveness'], 'needs at least one level with a positive prior');
    if (f.generator)
      for (const [key, d] of Object.entries(f.generator)) {
        if (typeof d !== 'object' || d === null || !('kind' in d)) continue;
        const where = [...at, 'generator', key];
        if ((d.kind === 'uniform' || d.kind === 'normal') && d.min !== undefined && d.max !== undefined && d.min > d.max)
          add([...where, 'max'], `must not be below min (${d.min})`);
        if (d.kind === 'empirical' && d.weights !== undefined && d.weights.length !== d.values.length)
          add([...where, 'weights'], `holds ${d.weights.length} weights for ${d.values.length} values`);
      }
  });
  if (s.evMarket) {
    const m = s.evMarket;
    if (m.pvProfile !== undefined) checkSeries(['evMarket', 'pvProfile'], m.pvProfile);
    for (const key of ['gridBuyPricePerKwh', 'gridSellPricePerKwh', 'gridCarbonKgPerKwh'] as const) checkSeries(['evMarket', key], m[key]);
  }
  if (s.evFleets.length > 0 && !s.evMarket) add(['evMarket'], 'is required when the scenario has EV fleets (grid prices, PV, carbon)');

  if (s.kda) {
    const kda = s.kda;
    if (!(kda.min < kda.max)) add(['kda', 'max'], `must be above kda.min (${kda.min})`);
    for (const key of ['buyerPrior', 'sellerPrior'] as const) {
      const prior = kda[key];
      if (prior === undefined) continue;
      if (prior.length !== kda.typePoints) add(['kda', key], `holds ${prior.length} weights but kda.typePoints is ${kda.typePoints}`);
      else if (!prior.some((w) => w > 0)) add(['kda', key], 'needs at least one positive weight');
    }
  }
  if (s.bidBook) crossCheckBidBook(s.bidBook, busIds, add);
  if (s.transport) crossCheckTransport(s.transport, add);
  crossCheckEvcs(s, add);
  return issues;
}

/** Bids at buses that exist, within the block rule, one side per agent; history rows of agents in the book on their side; an ordered support. */
function crossCheckBidBook(book: NonNullable<ScenarioT['bidBook']>, busIds: ReadonlyMap<string, number>, add: (path: ReadonlyArray<PropertyKey>, message: string) => void): void {
  const sideOf = new Map<string, { side: string; at: number }>();
  book.bids.forEach((b, i) => {
    const at = ['bidBook', 'bids', i];
    if (b.bus !== undefined && !busIds.has(b.bus)) add([...at, 'bus'], `bus "${b.bus}" does not exist`);
    if (book.units === 'blocks' && !Number.isInteger(b.quantity)) add([...at, 'quantity'], `a block book trades whole kWh, but this bid asks for ${b.quantity}; use an integer or set bidBook.units to "divisible"`);
    const first = sideOf.get(b.agent);
    if (!first) sideOf.set(b.agent, { side: b.side, at: i });
    else if (first.side !== b.side) add([...at, 'side'], `agent "${b.agent}" already ${first.side}s in bidBook.bids[${first.at}]; an agent is a buyer or a seller, not both (give the other role another agent id)`);
  });
  book.history.forEach((r, i) => {
    const own = sideOf.get(r.agent);
    if (!own) add(['bidBook', 'history', i, 'agent'], `agent "${r.agent}" has no bid in bidBook.bids`);
    else if (own.side !== r.side) add(['bidBook', 'history', i, 'side'], `agent "${r.agent}" ${own.side}s in the book, but this history row is a ${r.side} bid`);
  });
  if (book.generator && book.bids.length > 0) add(['bidBook', 'generator'], 'the book has both bids and a generator; keep one (the generator draws the bids)');
  if (book.entities && (book.bids.length > 0 || book.generator)) add(['bidBook', 'entities'], `the book has both ${book.generator ? 'a generator' : 'bids'} and entities to draw from; keep one`);
  if (!book.generator && !book.entities && book.bids.length === 0) add(['bidBook', 'bids'], 'holds no bid; add bids, a generator or entities to draw from');
  for (const key of ['values', 'costs'] as const) {
    const d = book.generator?.[key];
    if (d?.kind === 'uniform' && d.min > d.max) add(['bidBook', 'generator', key, 'max'], `must not be below min (${d.min})`);
  }
  const q = book.generator?.quantity;
  if (typeof q === 'object' && q.min > q.max) add(['bidBook', 'generator', 'quantity', 'max'], `must not be below min (${q.min})`);
  if (book.support && !(book.support[0] < book.support[1])) add(['bidBook', 'support'], `lower bound ${book.support[0]} must be below upper bound ${book.support[1]}`);
  // spectrum sellers are agents of their own: an energy bidder's utility would mix two markets' payments
  const energyAgents = new Set(book.bids.map((b) => b.agent));
  book.spectrum?.asks.forEach((a, i) => {
    if (energyAgents.has(a.agent)) add(['bidBook', 'spectrum', 'asks', i, 'agent'], `agent "${a.agent}" also bids energy in bidBook.bids; a spectrum seller is an agent of its own (give it another id)`);
  });
  if (book.spectrum && !book.spectrum.asks.some((a) => a.quantity > 0)) add(['bidBook', 'spectrum', 'asks'], 'offers no spectrum unit: nothing could trade; give an ask a positive quantity');
}

/** Contracts (unique ids, ordered volume bounds, custom profiles), imported scenarios against T, risk settings. */
function crossCheckPortfolio(
  s: ScenarioT,
  add: (path: ReadonlyArray<PropertyKey>, message: string) => void,
  checkSeries: (path: PropertyKey[], series: Series) => void,
): void {
  const pf = s.portfolio!;
  const T = s.time.T;
  const at = (...rest: PropertyKey[]) => ['portfolio', ...rest];
  checkSeries(at('demand', 'kw'), pf.demand.kw);
  if (typeof pf.demand.kw === 'number' && pf.demand.kw < 0) add(at('demand', 'kw'), 'must not be negative');
  const sp = pf.spotPrice;
  if (sp.capPerKwh !== undefined && sp.capPerKwh <= sp.floorPerKwh) add(at('spotPrice', 'capPerKwh'), `must be above floorPerKwh (${sp.floorPerKwh})`);
  if (pf.peakHours.fromHour >= pf.peakHours.toHour) add(at('peakHours', 'toHour'), `must be after fromHour (${pf.peakHours.fromHour})`);

  const ids = new Map<string, number>();
  pf.contracts.forEach((c, i) => {
    if (ids.has(c.id)) add(at('contracts', i, 'id'), `contract id "${c.id}" is used twice (also portfolio.contracts[${ids.get(c.id)}])`);
    else ids.set(c.id, i);
    if (c.minKw > c.maxKw) add(at('contracts', i, 'minKw'), `must not exceed maxKw (${c.maxKw})`);
    if (c.heldKw !== undefined && (c.heldKw < c.minKw || c.heldKw > c.maxKw)) add(at('contracts', i, 'heldKw'), `must lie between minKw (${c.minKw}) and maxKw (${c.maxKw})`);
    if (c.shape === 'custom') {
      if (c.profile === undefined) add(at('contracts', i, 'profile'), 'a custom-shaped contract needs a delivery profile');
      else {
        const profile = s.profiles.find((p) => p.id === c.profile);
        if (!profile) add(at('contracts', i, 'profile'), `profile "${c.profile}" does not exist`);
        else if (profile.values.some((v) => v < 0)) add(at('contracts', i, 'profile'), `profile "${c.profile}" holds negative delivery multipliers`);
      }
    } else if (c.profile !== undefined) add(at('contracts', i, 'profile'), `only a custom-shaped contract takes a profile (this one is ${c.shape})`);
  });

  if (pf.scenarios.kind === 'imported') {
    const { pricePerKwh, demandKw } = pf.scenarios;
    if (pricePerKwh.length !== demandKw.length)
      add(at('scenarios', 'demandKw'), `holds ${demandKw.length} scenarios but pricePerKwh holds ${pricePerKwh.length}`);
    const rows = (name: 'pricePerKwh' | 'demandKw', values: number[][]) => {
      const bad = values.findIndex((r) => r.length !== T);
      if (bad >= 0) add(at('scenarios', name, bad), `holds ${values[bad]!.length} values but the horizon time.T is ${T}`);
    };
    rows('pricePerKwh', pricePerKwh);
    rows('demandKw', demandKw);
    const negative = demandKw.findIndex((r) => r.some((v) => v < 0));
    if (negative >= 0) add(at('scenarios', 'demandKw', negative), 'holds a negative demand');
  }

  const risk = pf.risk;
  if (risk.lambda !== undefined && risk.cvarLimit !== undefined) add(at('risk', 'cvarLimit'), 'set either lambda (risk weight) or cvarLimit (risk cap), not both');
}

/** DER ids unique across all kinds (results and parameter paths address them by id), buses exist, limits ordered. */
function crossCheckDer(
  der: ScenarioT['network']['der'],
  busIds: Map<string, number>,
  add: (path: ReadonlyArray<PropertyKey>, message: string) => void,
  checkSeries: (path: PropertyKey[], series: Series) => void,
): void {
  const derIds = new Map<string, string>();
  const common = (kind: 'pv' | 'batteries' | 'generators', i: number, e: { id: string; busId: string }) => {
    const at = ['network', 'der', kind, i];
    const seen = derIds.get(e.id);
    if (seen !== undefined) add([...at, 'id'], `resource id "${e.id}" is used twice (also ${seen})`);
    else derIds.set(e.id, formatPath(at));
    if (!busIds.has(e.busId)) add([...at, 'busId'], `bus "${e.busId}" does not exist`);
    return at;
  };
  der.pv.forEach((pv, i) => {
    const at = common('pv', i, pv);
    checkSeries([...at, 'irradiance'], pv.irradiance);
  });
  der.batteries.forEach((b, i) => {
    const at = common('batteries', i, b);
    if (b.socMin > b.socMax) add([...at, 'socMin'], `must not exceed socMax (${b.socMax})`);
    else if (b.socInitial < b.socMin || b.socInitial > b.socMax) add([...at, 'socInitial'], `must lie between socMin (${b.socMin}) and socMax (${b.socMax})`);
  });
  der.generators.forEach((g, i) => {
    const at = common('generators', i, g);
    if (g.pMinKw > g.pMaxKw) add([...at, 'pMinKw'], `must not exceed pMaxKw (${g.pMaxKw})`);
    if (g.qMinKvar > g.qMaxKvar) add([...at, 'qMinKvar'], `must not exceed qMaxKvar (${g.qMaxKvar})`);
  });
}

/** Validates an already-parsed object (after migration). */
export function validateScenario(input: unknown): Validation<ScenarioT> {
  const migrated = migrate(input);
  if (!migrated.ok) return { ok: false, issues: migrated.issues };
  const parsed = Scenario.safeParse(migrated.value, { error: friendlyMessage });
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const issues = crossCheck(parsed.data);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: parsed.data, warnings: migrated.warnings };
}

/** Parses JSON text and validates it; malformed JSON is reported with line and column. */
export function parseScenarioText(text: string): Validation<ScenarioT> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [{ path: '', message: jsonSyntaxMessage(text, e) }] };
  }
  return validateScenario(raw);
}

function jsonSyntaxMessage(text: string, e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const m = /position (\d+)/.exec(msg);
  if (m) {
    const pos = Number(m[1]);
    const before = text.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - before.lastIndexOf('\n');
    return `the file is not valid JSON (line ${line}, column ${column}): ${msg.replace(/ in JSON at position \d+.*$/, '')}`;
  }
  return `the file is not valid JSON: ${msg}`;
}
