/**
 * A small interpreter for the subset of MATLAB that MATPOWER case files use:
 * struct field assignment (`mpc.baseMVA = 10`), matrix literals, scalar
 * variables, multiple assignment from known functions (`[PQ, PV, …] = idx_bus`),
 * indexed reads and writes (`mpc.branch(:, [BR_R BR_X]) = …`), element-wise
 * arithmetic and a few math functions (`sin(acos(pf))`).
 *
 * Anything outside that subset is refused with the statement quoted, never
 * guessed: the importer must apply what the file says or say what it cannot read.
 * Pure: no file system, no `eval`.
 */

export interface Matrix {
  kind: 'matrix';
  rows: number;
  cols: number;
  /** row-major */
  data: Float64Array;
}
export interface Struct {
  kind: 'struct';
  fields: Map<string, Value>;
}
export type Value = Matrix | Struct | { kind: 'string'; text: string };

export interface MatlabBuiltins {
  /** functions with several outputs and no inputs, e.g. idx_bus → its outputs in order */
  multiOutput: Record<string, readonly number[]>;
}

export interface ScriptResult {
  variables: Map<string, Value>;
  /** the output variable of a leading `function OUT = NAME` line, if any */
  functionOutput: string | null;
  functionName: string | null;
}

/** A statement the interpreter cannot apply, with the statement's text. */
export class MatlabError extends Error {
  readonly statement: string;
  readonly line: number;
  constructor(reason: string, statement: string, line: number) {
    super(reason);
    this.name = 'MatlabError';
    this.statement = statement;
    this.line = line;
  }
}

const scalarFunctions: Record<string, (x: number) => number> = {
  sin: Math.sin, cos: Math.cos, tan: Math.tan, asin: Math.asin, acos: Math.acos, atan: Math.atan,
  sqrt: Math.sqrt, exp: Math.exp, log: Math.log, log10: Math.log10, abs: Math.abs,
};
/** Statements that would need a real interpreter: loops, branches, scoping. */
const CONTROL_KEYWORDS = new Set(['for', 'while', 'if', 'elseif', 'else', 'switch', 'case', 'otherwise', 'try', 'catch', 'break', 'continue', 'global', 'persistent', 'parfor']);

const constants: Record<string, number> = { pi: Math.PI, Inf: Infinity, inf: Infinity, NaN: NaN, nan: NaN };

// ───────────────────────── lexing ─────────────────────────

type TokenType = 'num' | 'id' | 'str' | 'op' | 'nl';
interface Token {
  type: TokenType;
  text: string;
  value?: number;
  /** whitespace precedes the token (separates matrix elements) */
  space: boolean;
  line: number;
}

interface CodeLine {
  code: string;
  /** the line ends in `...`: the statement goes on on the next line */
  continues: boolean;
}

/** Removes comments (`%`, `%{ … %}` blocks) and notes `...` continuations, one entry per source line. */
function stripComments(source: string): CodeLine[] {
  const out: CodeLine[] = [];
  let block = 0;
  for (const raw of source.split(/\r?\n/)) {
    const trimmed = raw.trim();
    if (trimmed === '%{') block++;
    else if (trimmed === '%}' && block > 0) block--;
    if (block > 0 || trimmed === '%}') {
      out.push({ code: '', continues: false });
      continue;
    }
    let code = '';
    let continues = false;
    let inString = false;
    for (let i = 0; i < raw.length; i++) {
      const ch = raw[i]!;
      // after a value a quote is a transpose, elsewhere it opens a text
      if (ch === "'" && (inString || code.endsWith(' ') || !/[\w)\]}.']$/.test(code))) inString = !inString;
      if (!inString && ch === '%') break;
      if (!inString && raw.startsWith('...', i)) {
        continues = true; // the rest of the line is a comment
        break;
      }
      code += ch;
    }
    out.push({ code, continues });
  }
  return out;
}

function tokenize(source: string): Token[] {
  const lines = stripComments(source);
  const tokens: Token[] = [];
  for (let li = 0; li < lines.length; li++) {
    const { code: text, continues } = lines[li]!;
    const lineNo = li + 1;
    let i = 0;
    let space = true;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === ' ' || ch === '\t') { space = true; i++; continue; }
      const rest = text.slice(i);
      const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(rest);
      if (num) {
        tokens.push({ type: 'num', text: num[0], value: Number(num[0]), space, line: lineNo });
        i += num[0].length;
      } else if (/[A-Za-z_]/.test(ch)) {
        const id = /^[A-Za-z_]\w*/.exec(rest)![0];
        tokens.push({ type: 'id', text: id, space, line: lineNo });
        i += id.length;
      } else if (ch === "'" || ch === '"') {
        const prev = tokens[tokens.length - 1];
        if (ch === "'" && !space && prev && prev.line === lineNo && (prev.type !== 'op' || prev.text === ')' || prev.text === ']')) {
          tokens.push({ type: 'op', text: "'", space, line: lineNo }); // transpose: refused by the parser
          i++;
        } else {
          let j = i + 1;
          let str = '';
          for (;;) {
            if (j >= text.length) throw new MatlabError('a text in quotes is not closed', text.trim(), lineNo);
            if (text[j] === ch) {
              if (text[j + 1] === ch) { str += ch; j += 2; continue; }
              break;
            }
            str += text[j++];
          }
          tokens.push({ type: 'str', text: str, space, line: lineNo });
          i = j + 1;
        }
      } else {
        const two = rest.slice(0, 2);
        const op = ['.*', './', '.^', '==', '~=', '<=', '>=', '&&', '||'].includes(two) ? two : ch;
        tokens.push({ type: 'op', text: op, space, line: lineNo });
        i += op.length;
      }
      space = false;
    }
    if (!continues) tokens.push({ type: 'nl', text: '\n', space: true, line: lineNo });
  }
  return tokens;
}

/** Splits tokens into statements at `;`, `,` and newlines outside brackets. */
function statements(tokens: Token[]): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  for (const t of tokens) {
    if (t.type === 'op' && (t.text === '(' || t.text === '[' || t.text === '{')) depth++;
    if (t.type === 'op' && (t.text === ')' || t.text === ']' || t.text === '}')) depth = Math.max(0, depth - 1);
    const ends = depth === 0 && (t.type === 'nl' || (t.type === 'op' && (t.text === ';' || t.text === ',')));
    if (ends) {
      if (current.length > 0) out.push(current);
      current = [];
    } else current.push(t);
  }
  if (current.length > 0) out.push(current);
  return out;
}

function statementText(tokens: Token[]): string {
  let s = '';
  for (const t of tokens) {
    if (t.type === 'nl') { s += ' '; continue; }
    const text = t.type === 'str' ? `'${t.text}'` : t.text;
    s += (t.space && s !== '' ? ' ' : '') + text;
  }
  s = s.replace(/\s+/g, ' ').trim();
  return s.length > 160 ? s.slice(0, 157) + '…' : s;
}

// ───────────────────────── values ─────────────────────────

const scalar = (x: number): Matrix => ({ kind: 'matrix', rows: 1, cols: 1, data: Float64Array.of(x) });
const isScalar = (m: Matrix) => m.rows === 1 && m.cols === 1;

class Refusal extends Error {}

function asMatrix(v: Value, what: string): Matrix {
  if (v.kind !== 'matrix') throw new Refusal(`${what} is ${v.kind === 'string' ? 'a text' : 'a struct'}, not a number or matrix`);
  return v;
}

function elementwise(a: Matrix, b: Matrix, f: (x: number, y: number) => number, op: string): Matrix {
  if (isScalar(a) || isScalar(b) || (a.rows === b.rows && a.cols === b.cols)) {
    const big = isScalar(a) ? b : a;
    const data = new Float64Array(big.data.length);
    for (let i = 0; i < data.length; i++) data[i] = f(isScalar(a) ? a.data[0]! : a.data[i]!, isScalar(b) ? b.data[0]! : b.data[i]!);
    return { kind: 'matrix', rows: big.rows, cols: big.cols, data };
  }
  throw new Refusal(`"${op}" between a ${a.rows}×${a.cols} and a ${b.rows}×${b.cols} matrix`);
}

function binary(op: string, a: Matrix, b: Matrix): Matrix {
  switch (op) {
    case '+': return elementwise(a, b, (x, y) => x + y, op);
    case '-': return elementwise(a, b, (x, y) => x - y, op);
    case '.*': return elementwise(a, b, (x, y) => x * y, op);
    case './': return elementwise(a, b, (x, y) => x / y, op);
    case '.^': return elementwise(a, b, (x, y) => x ** y, op);
    case '*':
      if (isScalar(a) || isScalar(b)) return elementwise(a, b, (x, y) => x * y, op);
      throw new Refusal('matrix products are not supported');
    case '/':
      if (isScalar(b)) return elementwise(a, b, (x, y) => x / y, op);
      throw new Refusal('division by a matrix is not supported');
    case '^':
      if (isScalar(a) && isScalar(b)) return scalar(a.data[0]! ** b.data[0]!);
      throw new Refusal('matrix powers are not supported');
  }
  throw new Refusal(`the operator "${op}" is not supported`);
}

/** Horizontal then vertical concatenation of matrix-literal cells. */
function concatenate(rows: Matrix[][]): Matrix {
  const built = rows.filter((r) => r.length > 0).map((cells) => {
    const height = cells[0]!.rows;
    if (cells.some((c) => c.rows !== height)) throw new Refusal('the rows of a matrix literal have different heights');
    const cols = cells.reduce((s, c) => s + c.cols, 0);
    const data = new Float64Array(height * cols);
    let offset = 0;
    for (const c of cells) {
      for (let r = 0; r < height; r++) for (let k = 0; k < c.cols; k++) data[r * cols + offset + k] = c.data[r * c.cols + k]!;
      offset += c.cols;
    }
    return { kind: 'matrix' as const, rows: height, cols, data };
  });
  if (built.length === 0) return { kind: 'matrix', rows: 0, cols: 0, data: new Float64Array(0) };
  const cols = built[0]!.cols;
  const bad = built.findIndex((m) => m.cols !== cols);
  if (bad >= 0) throw new Refusal(`row ${bad + 1} of a matrix literal has ${built[bad]!.cols} columns, the first row ${cols}`);
  const rowsTotal = built.reduce((s, m) => s + m.rows, 0);
  const data = new Float64Array(rowsTotal * cols);
  let at = 0;
  for (const m of built) { data.set(m.data, at); at += m.data.length; }
  return { kind: 'matrix', rows: rowsTotal, cols, data };
}

/** 1-based index list of one dimension; `null` stands for `:` (all). */
type Index = number[] | null;

function indexList(m: Matrix, extent: number, dim: string): number[] {
  const out = Array.from(m.data);
  for (const k of out) {
    if (!Number.isInteger(k) || k < 1) throw new Refusal(`${dim} index ${k} is not a positive whole number`);
    if (k > extent) throw new Refusal(`${dim} index ${k} is beyond the matrix's ${extent} ${dim}s`);
  }
  return out;
}

function readIndexed(m: Matrix, rowsIdx: Index, colsIdx: Index): Matrix {
  const rs = rowsIdx ?? Array.from({ length: m.rows }, (_, i) => i + 1);
  const cs = colsIdx ?? Array.from({ length: m.cols }, (_, i) => i + 1);
  const data = new Float64Array(rs.length * cs.length);
  rs.forEach((r, i) => cs.forEach((c, j) => (data[i * cs.length + j] = m.data[(r - 1) * m.cols + (c - 1)]!)));
  return { kind: 'matrix', rows: rs.length, cols: cs.length, data };
}

function writeIndexed(m: Matrix, rowsIdx: Index, colsIdx: Index, v: Matrix): Matrix {
  const rs = rowsIdx ?? Array.from({ length: m.rows }, (_, i) => i + 1);
  const cs = colsIdx ?? Array.from({ length: m.cols }, (_, i) => i + 1);
  if (!isScalar(v) && (v.rows !== rs.length || v.cols !== cs.length))
    throw new Refusal(`cannot assign a ${v.rows}×${v.cols} value to a ${rs.length}×${cs.length} part of a matrix`);
  const data = Float64Array.from(m.data);
  rs.forEach((r, i) => cs.forEach((c, j) => (data[(r - 1) * m.cols + (c - 1)] = isScalar(v) ? v.data[0]! : v.data[i * v.cols + j]!)));
  return { ...m, data };
}

// ───────────────────────── parsing + evaluation ─────────────────────────

const precedence: Record<string, number> = { '+': 1, '-': 1, '*': 2, '/': 2, '.*': 2, './': 2, '^': 4, '.^': 4 };
const UNARY = 3;

class Evaluator {
  private pos = 0;
  private inMatrix = 0;
  constructor(private readonly tokens: Token[], private readonly vars: Map<string, Value>) {}

  private peek(offset = 0): Token | undefined { return this.tokens[this.pos + offset]; }
  private isOp(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t !== undefined && t.type === 'op' && t.text === text;
  }
  private expect(text: string): void {
    if (!this.isOp(text)) throw new Refusal(`expected "${text}"${this.peek() ? ` before "${this.peek()!.text}"` : ' at the end'}`);
    this.pos++;
  }
  atEnd(): boolean { return this.pos >= this.tokens.length; }

  expression(minPrec = 0): Value {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (!t || t.type !== 'op' || !(t.text in precedence)) break;
      const prec = precedence[t.text]!;
      if (prec <= minPrec) break; // left-associative
      // inside [ ], "a -b" is two elements
      if (this.inMatrix && (t.text === '-' || t.text === '+') && t.space && this.peek(1) && !this.peek(1)!.space) break;
      this.pos++;
      const right = this.expression(prec);
      left = binary(t.text, asMatrix(left, 'the left operand'), asMatrix(right, 'the right operand'));
    }
    return left;
  }

  private unary(): Value {
    if (this.isOp('-') || this.isOp('+')) {
      const neg = this.isOp('-');
      this.pos++;
      const v = asMatrix(this.expression(UNARY), 'the operand');
      return neg ? binary('*', scalar(-1), v) : v;
    }
    return this.postfix(this.primary());
  }

  private primary(): Value {
    const t = this.peek();
    if (!t) throw new Refusal('an expression is missing');
    this.pos++;
    if (t.type === 'num') return scalar(t.value!);
    if (t.type === 'str') return { kind: 'string', text: t.text };
    if (t.type === 'op' && t.text === '(') {
      const saved = this.inMatrix;
      this.inMatrix = 0;
      const v = this.expression();
      this.inMatrix = saved;
      this.expect(')');
      return v;
    }
    if (t.type === 'op' && t.text === '[') return this.matrixLiteral();
    if (t.type === 'id') {
      const fn = scalarFunctions[t.text];
      if (this.vars.has(t.text)) return this.vars.get(t.text)!;
      if (fn && this.isOp('(')) {
        this.pos++;
        const saved = this.inMatrix;
        this.inMatrix = 0;
        const arg = asMatrix(this.expression(), `the argument of ${t.text}`);
        this.inMatrix = saved;
        this.expect(')');
        return { ...arg, data: arg.data.map(fn) };
      }
      if (t.text in constants) return scalar(constants[t.text]!);
      throw new Refusal(`"${t.text}" is not a known variable or function`);
    }
    throw new Refusal(`unexpected "${t.text}"`);
  }

  /** Field access and indexing after a variable: `mpc.bus(1, BASE_KV)`. */
  private postfix(v: Value): Value {
    for (;;) {
      if (this.isOp('.') && this.peek(1)?.type === 'id' && !this.peek()!.space) {
        const name = this.peek(1)!.text;
        if (v.kind !== 'struct' || !v.fields.has(name)) throw new Refusal(`field "${name}" does not exist`);
        this.pos += 2;
        v = v.fields.get(name)!;
      } else if (this.isOp('(') && !(this.inMatrix && this.peek()!.space)) {
        const m = asMatrix(v, 'the indexed value');
        const [r, c] = this.indexArgs(m);
        v = readIndexed(m, r, c);
      } else return v;
    }
  }

  /** `(rows, cols)` with `:` for all; exactly two subscripts. */
  indexArgs(m: Matrix): [Index, Index] {
    this.expect('(');
    const saved = this.inMatrix;
    this.inMatrix = 0;
    const args: Index[] = [];
    for (;;) {
      if (this.isOp(':') && (this.isOp(',', 1) || this.isOp(')', 1))) {
        this.pos++;
        args.push(null);
      } else {
        const extent = args.length === 0 ? m.rows : m.cols;
        args.push(indexList(asMatrix(this.expression(), 'an index'), extent, args.length === 0 ? 'row' : 'column'));
      }
      if (this.isOp(',')) { this.pos++; continue; }
      this.expect(')');
      break;
    }
    this.inMatrix = saved;
    if (args.length !== 2) throw new Refusal(`indexing with ${args.length} subscript${args.length === 1 ? '' : 's'} is not supported (only "(rows, columns)")`);
    return [args[0]!, args[1]!];
  }

  private matrixLiteral(): Matrix {
    this.inMatrix++;
    const rows: Matrix[][] = [[]];
    for (;;) {
      const t = this.peek();
      if (!t) throw new Refusal('a matrix literal "[" is not closed');
      if (t.type === 'op' && t.text === ']') { this.pos++; break; }
      if (t.type === 'nl' || (t.type === 'op' && t.text === ';')) { this.pos++; rows.push([]); continue; }
      if (t.type === 'op' && t.text === ',') { this.pos++; continue; }
      rows[rows.length - 1]!.push(asMatrix(this.expression(), 'a matrix element'));
      const next = this.peek();
      // elements are separated by commas, semicolons, newlines or whitespace
      if (next && !(next.type === 'nl' || (next.type === 'op' && [']', ';', ','].includes(next.text)) || next.space))
        throw new Refusal(`unexpected "${next.text}" in a matrix literal`);
    }
    this.inMatrix--;
    return concatenate(rows);
  }

  /** Assignment target: NAME(.FIELD)* with an optional (rows, cols) subscript. */
  assignment(): void {
    const head = this.peek()!;
    this.pos++;
    const path = [head.text];
    while (this.isOp('.') && this.peek(1)?.type === 'id') {
      path.push(this.peek(1)!.text);
      this.pos += 2;
    }
    let subscript: { target: Matrix; rows: Index; cols: Index } | null = null;
    if (this.isOp('(')) {
      const target = this.lookup(path);
      if (!target || target.kind !== 'matrix') throw new Refusal(`${path.join('.')} is not a matrix that could be indexed`);
      const [rows, cols] = this.indexArgs(target);
      subscript = { target, rows, cols };
    }
    this.expect('=');
    let value = this.expression();
    if (!this.atEnd()) throw new Refusal(`unexpected "${this.peek()!.text}" after the expression`);
    if (subscript) value = writeIndexed(subscript.target, subscript.rows, subscript.cols, asMatrix(value, 'the assigned value'));
    this.store(path, value);
  }

  private lookup(path: string[]): Value | undefined {
    let v: Value | undefined = this.vars.get(path[0]!);
    for (const f of path.slice(1)) v = v?.kind === 'struct' ? v.fields.get(f) : undefined;
    return v;
  }

  private store(path: string[], value: Value): void {
    if (path.length === 1) { this.vars.set(path[0]!, value); return; }
    let s = this.vars.get(path[0]!);
    if (s === undefined) { s = { kind: 'struct', fields: new Map() }; this.vars.set(path[0]!, s); }
    for (let i = 1; i < path.length - 1; i++) {
      if (s.kind !== 'struct') throw new Refusal(`${path.slice(0, i).join('.')} is not a struct`);
      let next = s.fields.get(path[i]!);
      if (next === undefined) { next = { kind: 'struct', fields: new Map() }; s.fields.set(path[i]!, next); }
      s = next;
    }
    if (s.kind !== 'struct') throw new Refusal(`${path.slice(0, -1).join('.')} is not a struct`);
    s.fields.set(path[path.length - 1]!, value);
  }
}

/** Runs a script (or a script-like function file) and returns its variables. */
export function runMatlab(source: string, builtins: MatlabBuiltins): ScriptResult {
  const vars = new Map<string, Value>();
  let functionOutput: string | null = null;
  let functionName: string | null = null;
  const all = statements(tokenize(source));
  all.forEach((tokens, n) => {
    const text = statementText(tokens);
    const line = tokens[0]!.line;
    const fail = (reason: string): never => { throw new MatlabError(reason, text, line); };
    const words = tokens.map((t) => t.text);
    try {
      if (words[0] === 'function') {
        // function OUT = NAME  (no inputs)
        if (n !== 0) fail('only a single function at the top of the file is supported');
        const m = /^function (\w+) = (\w+)(\(\))?$/.exec(words.join(' ').replace(' ( )', '()'));
        if (!m) fail('only "function OUT = NAME" without inputs is supported');
        functionOutput = m![1]!;
        functionName = m![2]!;
        return;
      }
      if (words.length === 1 && (words[0] === 'end' || words[0] === 'return')) return;
      if (CONTROL_KEYWORDS.has(words[0]!)) fail(`"${words[0]}" is control flow; only assignments are supported`);
      if (words[0] === '[' && words.includes('=')) {
        // [A, B, …] = idx_bus — names bound to the function's outputs in order
        const eq = words.indexOf('=');
        const names = tokens.slice(1, eq - 1).filter((t) => t.type === 'id').map((t) => t.text);
        if (words[eq - 1] !== ']' || tokens.slice(1, eq - 1).some((t) => !(t.type === 'id' || t.text === ',' || t.type === 'nl')))
          fail('a multiple assignment must list plain names');
        const fn = words.slice(eq + 1).join('');
        const outputs = builtins.multiOutput[fn];
        if (!outputs) fail(`"${fn}" is not a function the importer knows`);
        if (names.length > outputs!.length) fail(`${fn} has only ${outputs!.length} outputs`);
        names.forEach((name, i) => vars.set(name, scalar(outputs![i]!)));
        return;
      }
      if (tokens[0]!.type === 'id' && words.includes('=')) {
        new Evaluator(tokens, vars).assignment();
        return;
      }
      fail('only assignments are supported');
    } catch (e) {
      if (e instanceof Refusal) fail(e.message);
      throw e;
    }
  });
  return { variables: vars, functionOutput, functionName };
}
