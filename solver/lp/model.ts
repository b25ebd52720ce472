/**
 * A small backend-neutral LP model builder.
 *
 *   minimise / maximise  cᵀx + ½ xᵀHx + c₀
 *   subject to           rowLb ≤ A x ≤ rowUb,   lb ≤ x ≤ ub
 *
 * H is empty for an LP. A diagonal H (`setQuadraticCost`) makes a separable
 * QP, convex when minimising with H ≥ 0 (concave when maximising with H ≤ 0);
 * only HiGHS solves those (glpk answers `error`).
 *
 * The matrix is stored row-wise (CSR) in growable typed arrays, so a model of
 * ~100k variables and rows costs a few flat buffers rather than one object per
 * non-zero; `toArrays()` hands it to a solver by columns (CSC) as typed
 * arrays, with no text. Every variable and row has a sanitised unique name
 * (for LP files, glpk.js and messages; resolved on first read) and an
 * optional `origin` tag that jobs use to explain an infeasible model in the
 * scenario's own terms.
 */
import { LpNameSet } from './names.ts';

/** Handle of a variable: its index in the model. */
export type LpVar = number & { readonly __lpVar: true };
/** Handle of a row: its index in the model. */
export type LpRow = number & { readonly __lpRow: true };

/** Where a variable or row comes from in the scenario, e.g. `{ kind: 'balance', bus: '18', t: 19 }`. Plain data: it crosses worker boundaries. */
export type LpOrigin = Readonly<Record<string, string | number | boolean | null>>;

export type LpSense = 'min' | 'max';

export interface VarSpec {
  /** default 0; may be -Infinity */
  lb?: number;
  /** default Infinity */
  ub?: number;
  /** objective coefficient, default 0 */
  cost?: number;
  /** an integer variable (a MILP; HiGHS only): `{ lb: 0, ub: 1, integer: true }` is a binary */
  integer?: boolean;
  origin?: LpOrigin;
}

/** `{eq}` for an equality; `{lb, ub}` (either may be omitted = infinite) otherwise. */
export type RowBounds = { lb?: number; ub?: number } | { eq: number };

/** Terms as `[variable, coefficient]` pairs, or as two parallel arrays for hot paths. */
export type LinearTerms = readonly (readonly [LpVar, number])[] | { readonly vars: ArrayLike<number>; readonly coefs: ArrayLike<number> };

/** Row-wise sparse matrix views (no copy): row i holds `index/value[start[i] .. start[i+1])`. */
export interface CsrMatrix {
  start: Int32Array;
  index: Int32Array;
  value: Float64Array;
}

/** Column-wise sparse matrix (a fresh copy): column j holds row indices and values `[start[j] .. start[j+1])`, rows ascending. */
export type CscMatrix = CsrMatrix;

/**
 * The whole model as flat arrays, the form solvers take without any text:
 * what `toArrays()` returns and the HiGHS backend passes as `ModelData`.
 * Infinite bounds stay ±Infinity. `hessianDiagonal` is null for an LP.
 */
export interface LpArrays {
  sense: LpSense;
  offset: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** A by columns */
  matrix: CscMatrix;
  /** Hⱼⱼ by variable, or null without quadratic costs */
  hessianDiagonal: Float64Array | null;
  /** 1 for an integer variable, 0 otherwise; null when every variable is continuous */
  integrality: Int32Array | null;
}

function grow<T extends Int32Array | Float64Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

function checkBound(what: string, value: number, forbidden: number): number {
  if (Number.isNaN(value) || value === forbidden) throw new RangeError(`${what} must be a number${forbidden > 0 ? ' below +∞' : ' above -∞'}, got ${value}`);
  return value + 0; // -0 → 0, so a model equals its own LP-file round trip
}

export class LpModel {
  readonly name: string;
  sense: LpSense = 'min';
  objectiveConstant = 0;

  /** names as given; sanitised and made unique lazily (LazyNames), since only LP text, glpk.js and messages read them */
  private readonly varNames = new LazyNames();
  private readonly varLbs: number[] = [];
  private readonly varUbs: number[] = [];
  private readonly costs: number[] = [];
  private readonly varOrigins: (LpOrigin | undefined)[] = [];
  /** diagonal of H by variable; sparse: only variables given a quadratic cost */
  private readonly quadratic = new Map<number, number>();
  /** integer variables (a MILP); empty for an LP or QP */
  private readonly integers = new Set<number>();

  private readonly rowNames = new LazyNames();
  private readonly rowLbs: number[] = [];
  private readonly rowUbs: number[] = [];
  private readonly rowOrigins: (LpOrigin | undefined)[] = [];

  private rowStart = new Int32Array(1024);
  private termVar = new Int32Array(4096);
  private termCoef = new Float64Array(4096);
  private nnz = 0;
  // per-variable scratch for merging repeated variables within one row
  private seenInRow = new Int32Array(0);
  private posInRow = new Int32Array(0);

  constructor(name = 'model') {
    this.name = name;
  }

  get varCount(): number {
    return this.varNames.length;
  }
  get rowCount(): number {
    return this.rowNames.length;
  }
  get nonzeroCount(): number {
    return this.nnz;
  }

  addVar(name: string, spec: VarSpec = {}): LpVar {
    const lb = checkBound(`lower bound of ${name}`, spec.lb ?? 0, Infinity);
    const ub = checkBound(`upper bound of ${name}`, spec.ub ?? Infinity, -Infinity);
    const cost = (spec.cost ?? 0) + 0;
    if (!Number.isFinite(cost)) throw new RangeError(`cost of ${name} must be finite, got ${cost}`);
    this.varNames.push(name);
    this.varLbs.push(lb);
    this.varUbs.push(ub);
    this.costs.push(cost);
    this.varOrigins.push(spec.origin);
    if (spec.integer) this.integers.add(this.varNames.length - 1);
    return (this.varNames.length - 1) as LpVar;
  }

  /** Adds a row; a variable repeated in `terms` has its coefficients summed, zero coefficients are dropped. */
  addRow(name: string, terms: LinearTerms, bounds: RowBounds, origin?: LpOrigin): LpRow {
    const row = this.rowNames.length;
    const [lb, ub] = rowBoundPair(name, bounds);
    const n = Array.isArray(terms) ? terms.length : (terms as { vars: ArrayLike<number> }).vars.length;
    const begin = this.nnz;
    this.termVar = grow(this.termVar, begin + n);
    this.termCoef = grow(this.termCoef, begin + n);
    if (this.seenInRow.length < this.varCount) {
      this.seenInRow = grow(this.seenInRow, this.varCount);
      this.posInRow = grow(this.posInRow, this.varCount);
    }
    const stamp = row + 1;
    let end = begin;
    for (let k = 0; k < n; k++) {
      let v: number, a: number;
      if (Array.isArray(terms)) [v, a] = terms[k] as readonly [number, number];
      else {
        v = (terms as { vars: ArrayLike<number> }).vars[k]!;
        a = (terms as { coefs: ArrayLike<number> }).coefs[k]!;
      }
      if (!(v >= 0 && v < this.varCount && Number.isInteger(v))) throw new RangeError(`row ${name}: unknown variable ${v}`);
      if (!Number.isFinite(a)) throw new RangeError(`row ${name}: coefficient of ${this.varName(v)} must be finite, got ${a}`);
      if (this.seenInRow[v] === stamp) this.termCoef[this.posInRow[v]!]! += a;
      else {
        this.seenInRow[v] = stamp;
        this.posInRow[v] = end;
        this.termVar[end] = v;
        this.termCoef[end++] = a;
      }
    }
    let kept = begin;
    for (let k = begin; k < end; k++) {
      if (this.termCoef[k] === 0) continue;
      this.termVar[kept] = this.termVar[k]!;
      this.termCoef[kept++] = this.termCoef[k]!;
    }
    this.nnz = kept;
    this.rowStart = grow(this.rowStart, row + 2);
    this.rowStart[row + 1] = kept;
    this.rowNames.push(name);
    this.rowLbs.push(lb);
    this.rowUbs.push(ub);
    this.rowOrigins.push(origin);
    return row as LpRow;
  }

  setObjective(sense: LpSense, constant = 0): void {
    if (!Number.isFinite(constant)) throw new RangeError(`objective constant must be finite, got ${constant}`);
    this.sense = sense;
    this.objectiveConstant = constant + 0;
  }

  setCost(v: LpVar, cost: number): void {
    if (!Number.isFinite(cost)) throw new RangeError(`cost must be finite, got ${cost}`);
    this.costs[v] = cost + 0;
  }
  /** Sets Hⱼⱼ: the objective gains ½·h·x². Zero removes the term. */
  setQuadraticCost(v: LpVar, h: number): void {
    if (!Number.isFinite(h)) throw new RangeError(`quadratic cost must be finite, got ${h}`);
    if (h === 0) this.quadratic.delete(v);
    else this.quadratic.set(v, h + 0);
  }
  quadraticCost(v: number): number {
    return this.quadratic.get(v) ?? 0;
  }
  /** Variables with a quadratic cost, in increasing index order. */
  quadraticVars(): number[] {
    return [...this.quadratic.keys()].sort((a, b) => a - b);
  }
  get isQuadratic(): boolean {
    return this.quadratic.size > 0;
  }
  isInteger(v: number): boolean {
    return this.integers.has(v);
  }
  /** true when some variable is integer: a MILP (only HiGHS solves those; the answer has no duals) */
  get isMip(): boolean {
    return this.integers.size > 0;
  }

  setVarBounds(v: LpVar, lb: number, ub: number): void {
    this.varLbs[v] = checkBound('lower bound', lb, Infinity);
    this.varUbs[v] = checkBound('upper bound', ub, -Infinity);
  }
  setRowBounds(r: LpRow, bounds: RowBounds): void {
    [this.rowLbs[r], this.rowUbs[r]] = rowBoundPair(this.rowName(r), bounds);
  }

  varName(v: number): string {
    return this.varNames.get(v);
  }
  varLb(v: number): number {
    return this.varLbs[v]!;
  }
  varUb(v: number): number {
    return this.varUbs[v]!;
  }
  cost(v: number): number {
    return this.costs[v]!;
  }
  varOrigin(v: number): LpOrigin | undefined {
    return this.varOrigins[v];
  }
  rowName(r: number): string {
    return this.rowNames.get(r);
  }
  rowLb(r: number): number {
    return this.rowLbs[r]!;
  }
  rowUb(r: number): number {
    return this.rowUbs[r]!;
  }
  rowOrigin(r: number): LpOrigin | undefined {
    return this.rowOrigins[r];
  }
  /** Views into the matrix storage; valid until the next addRow. */
  rowTerms(r: number): { vars: Int32Array; coefs: Float64Array } {
    const a = this.rowStart[r]!, b = this.rowStart[r + 1]!;
    return { vars: this.termVar.subarray(a, b), coefs: this.termCoef.subarray(a, b) };
  }
  matrix(): CsrMatrix {
    return { start: this.rowStart.subarray(0, this.rowCount + 1), index: this.termVar.subarray(0, this.nnz), value: this.termCoef.subarray(0, this.nnz) };
  }

  /** The matrix by columns: a counting-sort transpose of the CSR storage, O(non-zeros), rows ascending within a column. */
  cscMatrix(): CscMatrix {
    const n = this.varCount, nnz = this.nnz;
    const start = new Int32Array(n + 1);
    for (let k = 0; k < nnz; k++) start[this.termVar[k]! + 1]!++;
    for (let j = 0; j < n; j++) start[j + 1]! += start[j]!;
    const next = start.slice(0, n);
    const index = new Int32Array(nnz), value = new Float64Array(nnz);
    for (let i = 0; i < this.rowCount; i++) {
      for (let k = this.rowStart[i]!; k < this.rowStart[i + 1]!; k++) {
        const p = next[this.termVar[k]!]!++;
        index[p] = i;
        value[p] = this.termCoef[k]!;
      }
    }
    return { start, index, value };
  }

  /** Costs, bounds and the quadratic diagonal as fresh typed arrays (what a session compares between solves). */
  vectors(): Omit<LpArrays, 'matrix'> {
    let hessianDiagonal: Float64Array | null = null;
    if (this.quadratic.size > 0) {
      hessianDiagonal = new Float64Array(this.varCount);
      for (const [j, h] of this.quadratic) hessianDiagonal[j] = h;
    }
    let integrality: Int32Array | null = null;
    if (this.integers.size > 0) {
      integrality = new Int32Array(this.varCount);
      for (const j of this.integers) integrality[j] = 1;
    }
    return {
      sense: this.sense,
      offset: this.objectiveConstant,
      colCost: Float64Array.from(this.costs),
      colLower: Float64Array.from(this.varLbs),
      colUpper: Float64Array.from(this.varUbs),
      rowLower: Float64Array.from(this.rowLbs),
      rowUpper: Float64Array.from(this.rowUbs),
      hessianDiagonal,
      integrality,
    };
  }

  /** The model as flat arrays with the matrix by columns: no names, no text. */
  toArrays(): LpArrays {
    return { ...this.vectors(), matrix: this.cscMatrix() };
  }

  /** cᵀx + ½ xᵀHx + c₀ */
  objectiveValue(x: ArrayLike<number>): number {
    let z = this.objectiveConstant;
    for (let j = 0; j < this.varCount; j++) z += this.costs[j]! * x[j]!;
    for (const [j, h] of this.quadratic) z += 0.5 * h * x[j]! * x[j]!;
    return z;
  }
  /** A x */
  rowActivity(x: ArrayLike<number>): Float64Array {
    const out = new Float64Array(this.rowCount);
    for (let i = 0; i < this.rowCount; i++) {
      let s = 0;
      for (let k = this.rowStart[i]!; k < this.rowStart[i + 1]!; k++) s += this.termCoef[k]! * x[this.termVar[k]!]!;
      out[i] = s;
    }
    return out;
  }
  /** c − Aᵀy: the reduced costs implied by row duals y. */
  reducedCosts(y: ArrayLike<number>): Float64Array {
    const d = Float64Array.from(this.costs);
    for (let i = 0; i < this.rowCount; i++) {
      const yi = y[i]!;
      if (yi === 0) continue;
      for (let k = this.rowStart[i]!; k < this.rowStart[i + 1]!; k++) d[this.termVar[k]!]! -= this.termCoef[k]! * yi;
    }
    return d;
  }

  /** The first variable or row whose lower bound exceeds its upper bound: infeasible before any solve. */
  crossedBound(): { kind: 'var' | 'row'; index: number } | null {
    for (let j = 0; j < this.varCount; j++) if (this.varLbs[j]! > this.varUbs[j]!) return { kind: 'var', index: j };
    for (let i = 0; i < this.rowCount; i++) if (this.rowLbs[i]! > this.rowUbs[i]!) return { kind: 'row', index: i };
    return null;
  }
}

/**
 * Names in insertion order, sanitised and made unique (`_2`, `_3`, …) only
 * when first read. A name depends only on the names before it, so resolving
 * a prefix on demand gives exactly the names eager resolution would; a model
 * that is only ever solved through typed arrays never pays for them (a third
 * of building case141 × 96).
 */
class LazyNames {
  private readonly raw: string[] = [];
  private readonly resolved: string[] = [];
  private readonly set = new LpNameSet();

  get length(): number {
    return this.raw.length;
  }
  push(name: string): void {
    this.raw.push(name);
  }
  get(i: number): string {
    if (!(i >= 0 && i < this.raw.length)) throw new RangeError(`no name with index ${i}`);
    for (let k = this.resolved.length; k <= i; k++) this.resolved.push(this.set.unique(this.raw[k]!));
    return this.resolved[i]!;
  }
}

function rowBoundPair(name: string, bounds: RowBounds): [number, number] {
  const [lb, ub] = 'eq' in bounds ? [bounds.eq, bounds.eq] : [bounds.lb ?? -Infinity, bounds.ub ?? Infinity];
  if ('eq' in bounds && !Number.isFinite(bounds.eq)) throw new RangeError(`row ${name}: right-hand side must be finite, got ${bounds.eq}`);
  return [checkBound(`lower bound of row ${name}`, lb, Infinity), checkBound(`upper bound of row ${name}`, ub, -Infinity)];
}
