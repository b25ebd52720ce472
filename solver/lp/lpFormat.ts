/**
 * CPLEX-LP text for any LpModel, in the dialect that both GLPK's reader
 * (glpsol, glpk.js) and HiGHS's reader accept, and a parser for that dialect
 * so an exported file can be re-read and solved by the other backend.
 *
 * Neither reader takes a ranged row (`lb <= expr <= ub`), a free row or a
 * constant in the objective, so, like GLPK's own writer, we use auxiliary columns:
 *   ranged or free row r  →  r: expr - ~range.r = 0   with   lb <= ~range.r <= ub  (or `free`)
 *   objective constant    →  obj: … + c ~objconst      with   ~objconst = 1
 * (A free row written as `>= -1e30` instead made glpsol's simplex return a
 * wrong primal solution.) The objective lists every variable, zero costs
 * included, so the file preserves variable order and unused variables.
 * Model names never start with `~` (see names.ts), so auxiliaries cannot clash.
 * A quadratic objective (QP) is written in the `+ [ h x ^2 ]/2` form HiGHS
 * reads; GLPK cannot read it, and `parseCplexLp` refuses it.
 */
import { LpModel, type LpSense, type LpVar } from './model.ts';

export const RANGE_PREFIX = '~range.';
export const OBJECTIVE_CONSTANT = '~objconst';
const LINE_WIDTH = 200;

/** Shortest text that reads back to the same double. */
const num = (v: number): string => (v === Infinity ? 'inf' : v === -Infinity ? '-inf' : String(v));

export function toCplexLp(model: LpModel): string {
  if (model.varCount === 0) throw new RangeError(`model ${model.name} has no variables; an LP file needs at least one`);
  const out: string[] = [`\\ Problem: ${model.name.replace(/[\r\n]/g, ' ')}`, model.sense === 'min' ? 'Minimize' : 'Maximize'];
  let line = '';
  const flush = () => {
    out.push(line);
    line = '   ';
  };
  const term = (coef: number, name: string) => {
    const t = coef < 0 ? ` - ${num(-coef)} ${name}` : ` + ${num(coef)} ${name}`;
    if (line.length + t.length > LINE_WIDTH) flush();
    line += t;
  };

  line = ' obj:';
  for (let j = 0; j < model.varCount; j++) term(model.cost(j), model.varName(j));
  if (model.objectiveConstant !== 0) term(model.objectiveConstant, OBJECTIVE_CONSTANT);
  if (model.isQuadratic) {
    line += ' + [';
    for (const j of model.quadraticVars()) term(model.quadraticCost(j), `${model.varName(j)} ^2`);
    line += ' ]/2';
  }
  flush();

  out.push('Subject To');
  const ranged: number[] = [];
  for (let i = 0; i < model.rowCount; i++) {
    const name = model.rowName(i);
    const lb = model.rowLb(i), ub = model.rowUb(i);
    const { vars, coefs } = model.rowTerms(i);
    line = ` ${name}:`;
    for (let k = 0; k < vars.length; k++) term(coefs[k]!, model.varName(vars[k]!));
    if (vars.length === 0) term(0, model.varName(0));
    if (lb === ub) line += ` = ${num(lb)}`;
    else if (lb > -Infinity !== ub < Infinity) line += lb > -Infinity ? ` >= ${num(lb)}` : ` <= ${num(ub)}`;
    else {
      // ranged (both bounds finite) or free (neither): the bounds go on an auxiliary column
      term(-1, RANGE_PREFIX + name);
      line += ' = 0';
      ranged.push(i);
    }
    flush();
  }

  out.push('Bounds');
  const bound = (name: string, lb: number, ub: number) => {
    if (lb === 0 && ub === Infinity) return;
    if (lb === ub) out.push(` ${name} = ${num(lb)}`);
    else if (lb === -Infinity && ub === Infinity) out.push(` ${name} free`);
    else if (ub === Infinity) out.push(` ${name} >= ${num(lb)}`);
    // both sides explicit: readers disagree on what `x <= -1` alone does to the default lower bound 0
    else out.push(` ${num(lb)} <= ${name} <= ${num(ub)}`);
  };
  for (let j = 0; j < model.varCount; j++) bound(model.varName(j), model.varLb(j), model.varUb(j));
  for (const i of ranged) bound(RANGE_PREFIX + model.rowName(i), model.rowLb(i), model.rowUb(i));
  if (model.objectiveConstant !== 0) out.push(` ${OBJECTIVE_CONSTANT} = 1`);
  if (model.isMip) {
    // integer columns (their bounds are above: a binary is `0 <= z <= 1` plus its name here)
    out.push('General');
    line = '';
    for (let j = 0; j < model.varCount; j++) {
      if (!model.isInteger(j)) continue;
      if (line.length > LINE_WIDTH) flush();
      line += ` ${model.varName(j)}`;
    }
    flush();
  }
  out.push('End', '');
  return out.join('\n');
}

// ───────────────────────────── parser ─────────────────────────────

type Token = { kind: 'op' | 'sign' | 'colon' | 'num' | 'name'; text: string };

const TOKEN = /\s*(?:(<=|>=|=<|=>|<|>|=)|([+-])|(:)|((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|([A-Za-z_~!"#$%&()/,;?@`'{}|][\w~!"#$%&()/,.;?@`'{}|[\]]*))/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (;;) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) {
      if (text.slice(at).trim() !== '') throw new SyntaxError(`LP file: unexpected text near "${text.slice(at, at + 30).trim()}"`);
      return tokens;
    }
    tokens.push(m[1] ? { kind: 'op', text: m[1] } : m[2] ? { kind: 'sign', text: m[2] } : m[3] ? { kind: 'colon', text: ':' } : m[4] ? { kind: 'num', text: m[4] } : { kind: 'name', text: m[5]! });
  }
}

const isInfinity = (name: string) => /^inf(inity)?$/i.test(name);

interface ParsedRow {
  name: string;
  names: string[];
  coefs: number[];
  op: '<=' | '>=' | '=';
  rhs: number;
}

/** Reads a linear expression (and bare constants) until a comparison operator or the end. */
function readExpression(tokens: Token[], at: number, names: string[], coefs: number[]): { next: number; constant: number } {
  let constant = 0;
  let i = at;
  while (i < tokens.length && tokens[i]!.kind !== 'op') {
    // a name followed by a colon starts the next labelled constraint
    if (tokens[i]!.kind === 'name' && tokens[i + 1]?.kind === 'colon') break;
    let sign = 1;
    while (tokens[i]?.kind === 'sign') sign *= tokens[i++]!.text === '-' ? -1 : 1;
    let coef = 1;
    const hasNumber = tokens[i]?.kind === 'num';
    if (hasNumber) coef = Number(tokens[i++]!.text);
    if (tokens[i]?.kind === 'name' && tokens[i + 1]?.kind !== 'colon') {
      names.push(tokens[i++]!.text);
      coefs.push(sign * coef);
    } else if (hasNumber) constant += sign * coef;
    else throw new SyntaxError(`LP file: unexpected "${tokens[i]?.text ?? 'end of section'}" in an expression`);
  }
  return { next: i, constant };
}

function readNumber(tokens: Token[], at: number): { value: number; next: number } {
  let i = at, sign = 1;
  while (tokens[i]?.kind === 'sign') sign *= tokens[i++]!.text === '-' ? -1 : 1;
  const t = tokens[i];
  if (t?.kind === 'num') return { value: sign * Number(t.text), next: i + 1 };
  if (t?.kind === 'name' && isInfinity(t.text)) return { value: sign * Infinity, next: i + 1 };
  throw new SyntaxError(`LP file: expected a number, got "${t?.text ?? 'end of section'}"`);
}

const normaliseOp = (op: string): '<=' | '>=' | '=' => (op === '=' ? '=' : op.includes('<') ? '<=' : '>=');

/** Parses the CPLEX-LP dialect toCplexLp writes (and GLPK's own writer): objective, constraints, bounds. */
export function parseCplexLp(text: string): LpModel {
  let modelName = 'model';
  let sense: LpSense | null = null;
  const sections: Record<'objective' | 'constraints' | 'bounds' | 'generals', string[]> = { objective: [], constraints: [], bounds: [], generals: [] };
  let section: keyof typeof sections | 'end' | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const problem = /^\\\*?\s*Problem:\s*(.*?)\s*(\*\\)?$/.exec(raw);
    if (problem && section === null) modelName = problem[1] || modelName;
    const line = raw.replace(/\\.*$/, '').trim();
    const word = line.toLowerCase();
    if (/^(minimize|minimise|minimum|min)$/.test(word)) (sense = 'min'), (section = 'objective');
    else if (/^(maximize|maximise|maximum|max)$/.test(word)) (sense = 'max'), (section = 'objective');
    else if (/^(subject to|such that|st|s\.t\.)$/.test(word)) section = 'constraints';
    else if (/^bounds?$/.test(word)) section = 'bounds';
    else if (word === 'end') section = 'end';
    else if (/^(generals?|gen|integers?)$/.test(word)) section = 'generals';
    else if (/^(binary|binaries|bin|semi-continuous|semis?|sos)$/.test(word)) throw new SyntaxError(`LP file: section "${line}" is not supported (LP and MILP models with General integers only)`);
    else if (line !== '' && section !== null && section !== 'end') sections[section].push(line);
  }
  if (sense === null) throw new SyntaxError('LP file: no Minimize or Maximize section');

  const order: string[] = [];
  const info = new Map<string, { cost: number; lb: number; ub: number }>();
  const touch = (name: string) => {
    let v = info.get(name);
    if (!v) info.set(name, (v = { cost: 0, lb: 0, ub: Infinity })), order.push(name);
    return v;
  };

  // objective
  if (sections.objective.some((l) => l.includes('['))) throw new SyntaxError('LP file: quadratic objectives are not supported (LP models only)');
  const objTokens = tokenize(sections.objective.join('\n'));
  let start = objTokens[0]?.kind === 'name' && objTokens[1]?.kind === 'colon' ? 2 : 0;
  const objNames: string[] = [], objCoefs: number[] = [];
  const obj = readExpression(objTokens, start, objNames, objCoefs);
  if (obj.next !== objTokens.length) throw new SyntaxError(`LP file: unexpected "${objTokens[obj.next]!.text}" in the objective`);
  objNames.forEach((name, k) => (touch(name).cost += objCoefs[k]!));

  // constraints
  const rows: ParsedRow[] = [];
  const tokens = tokenize(sections.constraints.join('\n'));
  for (let i = 0; i < tokens.length; ) {
    let name = `r_${rows.length + 1}`;
    if (tokens[i]!.kind === 'name' && tokens[i + 1]?.kind === 'colon') (name = tokens[i]!.text), (i += 2);
    const row: ParsedRow = { name, names: [], coefs: [], op: '=', rhs: 0 };
    const expr = readExpression(tokens, i, row.names, row.coefs);
    const op = tokens[expr.next];
    if (op?.kind !== 'op') throw new SyntaxError(`LP file: constraint ${name} has no comparison operator`);
    row.op = normaliseOp(op.text);
    const rhs = readNumber(tokens, expr.next + 1);
    row.rhs = rhs.value - expr.constant;
    i = rhs.next;
    row.names.forEach(touch);
    rows.push(row);
  }

  // bounds, one statement per line
  for (const line of sections.bounds) {
    const t = tokenize(line);
    if (t.length === 2 && t[0]!.kind === 'name' && /^free$/i.test(t[1]!.text)) {
      Object.assign(touch(t[0]!.text), { lb: -Infinity, ub: Infinity });
      continue;
    }
    // [value op] name [op value]
    let i = 0, lower: { value: number; op: string } | null = null;
    if (t[0]!.kind !== 'name' || isInfinity(t[0]!.text)) {
      const v = readNumber(t, 0);
      lower = { value: v.value, op: normaliseOp(t[v.next]?.text ?? '') };
      i = v.next + 1;
    }
    const name = t[i]?.text;
    if (t[i]?.kind !== 'name' || name === undefined) throw new SyntaxError(`LP file: cannot read bound "${line}"`);
    const v = touch(name);
    if (lower) applyBound(v, lower.op === '<=' ? '>=' : lower.op === '>=' ? '<=' : '=', lower.value);
    if (i + 1 < t.length) {
      const rhs = readNumber(t, i + 2);
      applyBound(v, normaliseOp(t[i + 1]!.text), rhs.value);
    }
  }

  const integers = new Set(sections.generals.flatMap((l) => l.split(/\s+/).filter((w) => w !== '')));
  integers.forEach(touch);
  const model = new LpModel(modelName);
  const handle = new Map<string, LpVar>();
  let constant = obj.constant;
  for (const name of order) {
    const v = info.get(name)!;
    if (name === OBJECTIVE_CONSTANT) constant += v.cost * v.lb;
    else if (!name.startsWith(RANGE_PREFIX)) handle.set(name, model.addVar(name, { ...v, integer: integers.has(name) }));
  }
  model.setObjective(sense, constant);
  for (const row of rows) {
    const rangeAt = row.names.indexOf(RANGE_PREFIX + row.name);
    let lb = row.op === '<=' ? -Infinity : row.rhs, ub = row.op === '>=' ? Infinity : row.rhs;
    if (rangeAt >= 0) {
      const range = info.get(row.names[rangeAt]!)!;
      if (row.coefs[rangeAt] !== -1 || row.op !== '=' || row.rhs !== 0) throw new SyntaxError(`LP file: range column of ${row.name} is not of the form "- ${RANGE_PREFIX}${row.name} = 0"`);
      [lb, ub] = [range.lb, range.ub];
    }
    const vars: number[] = [], coefs: number[] = [];
    row.names.forEach((name, k) => {
      if (k === rangeAt) return;
      const v = handle.get(name);
      if (v === undefined) throw new SyntaxError(`LP file: auxiliary column ${name} used outside its row`);
      vars.push(v);
      coefs.push(row.coefs[k]!);
    });
    model.addRow(row.name, { vars, coefs }, { lb, ub });
  }
  return model;
}

function applyBound(v: { lb: number; ub: number }, op: '<=' | '>=' | '=', value: number): void {
  if (op === '<=') v.ub = value;
  else if (op === '>=') v.lb = value;
  else v.lb = v.ub = value;
}
