/**
 * Sparse LDLᵀ factorisation of a symmetric quasi-definite matrix — the
 * regularised KKT matrix [H + δI, Aᵀ; A, −δI] of a QP's working set.
 *
 * A quasi-definite matrix has an LDLᵀ factorisation with D diagonal for
 * every symmetric ordering (Vanderbei, "Symmetric quasi-definite matrices",
 * SIAM J. Optim. 5(1), 1995), so the ordering is chosen for sparsity only:
 * a minimum-degree ordering (Tinney–Walker / George & Liu, "The evolution of
 * the minimum degree ordering algorithm", SIAM Review 31(1), 1989) of the
 * whole KKT graph, computed once per model; a working set factorises the
 * principal submatrix in the inherited order, whose fill is a subset of the
 * whole graph's. Symbolic and numeric factorisation follow Davis's LDL
 * ("Algorithm 849: a concise sparse Cholesky factorization package", ACM
 * TOMS 31(4), 2005): the elimination tree gives each row's pattern, and the
 * numeric phase is up-looking, row by row.
 *
 * No maintained npm package factorises sparse symmetric matrices (the
 * registry has dense Cholesky in ml-matrix, and nothing sparse), so this is
 * the project's own, tested against dense solves (test/solver/qp/).
 */

/** A symmetric matrix's upper triangle by columns, rows ascending in each column (the diagonal included). */
export interface UpperCsc {
  n: number;
  start: Int32Array;
  index: Int32Array;
  value: Float64Array;
}

export interface LdlFactor {
  n: number;
  /** L by columns (unit diagonal not stored) */
  lStart: Int32Array;
  lIndex: Int32Array;
  lValue: Float64Array;
  d: Float64Array;
}

/** Min-heap of (degree, node) pairs with lazy deletion: stale entries are skipped when popped. */
class DegreeHeap {
  private keys: number[] = [];
  push(degree: number, node: number): void {
    // one number per entry keeps the heap's comparisons cheap: ties go to the lower node index (deterministic)
    const key = degree * 1_048_576 + node;
    const k = this.keys;
    k.push(key);
    let i = k.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (k[parent]! <= key) break;
      k[i] = k[parent]!;
      i = parent;
    }
    k[i] = key;
  }
  pop(): { degree: number; node: number } | null {
    const k = this.keys;
    if (k.length === 0) return null;
    const top = k[0]!;
    const last = k.pop()!;
    if (k.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i, mk = last;
        if (l < k.length && k[l]! < mk) (m = l), (mk = k[l]!);
        if (r < k.length && k[r]! < mk) (m = r), (mk = k[r]!);
        if (m === i) break;
        k[i] = k[m]!;
        i = m;
      }
      k[i] = last;
    }
    return { degree: Math.floor(top / 1_048_576), node: top % 1_048_576 };
  }
}

/**
 * A minimum-degree elimination order of the graph with `n` nodes and the given undirected edges
 * (adjacency lists, each edge listed from both ends or one: either works). Returns perm: perm[k] = the
 * node eliminated k-th. Exact external degrees on an explicit elimination graph: fine for the few
 * thousand nodes of a microgrid's day (computed once per model).
 */
export function minimumDegreeOrder(n: number, neighbours: readonly (readonly number[])[]): Int32Array {
  if (n >= 1_048_576) throw new RangeError(`minimum-degree ordering: ${n} nodes is more than this implementation handles`);
  const adj: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  for (let v = 0; v < n; v++)
    for (const w of neighbours[v] ?? [])
      if (w !== v) {
        adj[v]!.add(w);
        adj[w]!.add(v);
      }
  const heap = new DegreeHeap();
  for (let v = 0; v < n; v++) heap.push(adj[v]!.size, v);
  const eliminated = new Uint8Array(n);
  const perm = new Int32Array(n);
  for (let k = 0; k < n; ) {
    const top = heap.pop()!;
    const v = top.node;
    if (eliminated[v] || adj[v]!.size !== top.degree) continue;
    eliminated[v] = 1;
    perm[k++] = v;
    const nb = [...adj[v]!];
    for (const a of nb) adj[a]!.delete(v);
    // the neighbours become a clique (the fill of eliminating v)
    for (let i = 0; i < nb.length; i++) {
      const sa = adj[nb[i]!]!;
      for (let j = i + 1; j < nb.length; j++) {
        if (!sa.has(nb[j]!)) {
          sa.add(nb[j]!);
          adj[nb[j]!]!.add(nb[i]!);
        }
      }
    }
    for (const a of nb) heap.push(adj[a]!.size, a);
    adj[v]!.clear();
  }
  return perm;
}

/** Work space reused between factorisations of matrices up to its size. */
export class LdlWorkspace {
  parent = new Int32Array(0);
  lnz = new Int32Array(0);
  flag = new Int32Array(0);
  pattern = new Int32Array(0);
  y = new Float64Array(0);
  ensure(n: number): void {
    if (this.parent.length >= n) return;
    this.parent = new Int32Array(n);
    this.lnz = new Int32Array(n);
    this.flag = new Int32Array(n);
    this.pattern = new Int32Array(n);
    this.y = new Float64Array(n);
  }
}

/**
 * Factorises A = L D Lᵀ (A given by its upper triangle, already in elimination order). Returns null when a pivot
 * is zero or not finite (the matrix is not quasi-definite, e.g. δ = 0 on a singular working set).
 */
export function ldlFactor(a: UpperCsc, ws: LdlWorkspace = new LdlWorkspace()): LdlFactor | null {
  const { n, start: ap, index: ai, value: ax } = a;
  ws.ensure(n);
  const { parent, lnz, flag, pattern, y } = ws;
  // symbolic: the elimination tree and the column counts of L
  for (let k = 0; k < n; k++) {
    parent[k] = -1;
    flag[k] = k;
    lnz[k] = 0;
    for (let p = ap[k]!; p < ap[k + 1]!; p++) {
      for (let i = ai[p]!; i < k && flag[i] !== k; i = parent[i]!) {
        if (parent[i] === -1) parent[i] = k;
        lnz[i]!++;
        flag[i] = k;
      }
    }
  }
  const lStart = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) lStart[k + 1] = lStart[k]! + lnz[k]!;
  const lIndex = new Int32Array(lStart[n]!), lValue = new Float64Array(lStart[n]!), d = new Float64Array(n);
  // numeric, up-looking: row k of L from the sparse triangular solve L(0:k,0:k) l = A(0:k,k)
  for (let k = 0; k < n; k++) {
    y[k] = 0;
    let top = n;
    flag[k] = k;
    lnz[k] = 0;
    for (let p = ap[k]!; p < ap[k + 1]!; p++) {
      let i = ai[p]!;
      y[i]! += ax[p]!;
      let len = 0;
      for (; flag[i] !== k; i = parent[i]!) {
        pattern[len++] = i;
        flag[i] = k;
      }
      while (len > 0) pattern[--top] = pattern[--len]!;
    }
    let dk = y[k]!;
    y[k] = 0;
    for (; top < n; top++) {
      const i = pattern[top]!;
      const yi = y[i]!;
      y[i] = 0;
      const p2 = lStart[i]! + lnz[i]!;
      for (let p = lStart[i]!; p < p2; p++) y[lIndex[p]!]! -= lValue[p]! * yi;
      const lki = yi / d[i]!;
      dk -= lki * yi;
      lIndex[p2] = k;
      lValue[p2] = lki;
      lnz[i]!++;
    }
    if (dk === 0 || !Number.isFinite(dk)) return null;
    d[k] = dk;
  }
  return { n, lStart, lIndex, lValue, d };
}

/** Solves L D Lᵀ x = b in place (b becomes x). */
export function ldlSolve(f: LdlFactor, b: Float64Array): void {
  const { n, lStart, lIndex, lValue, d } = f;
  for (let j = 0; j < n; j++) {
    const bj = b[j]!;
    if (bj !== 0) for (let p = lStart[j]!; p < lStart[j + 1]!; p++) b[lIndex[p]!]! -= lValue[p]! * bj;
  }
  for (let j = 0; j < n; j++) b[j]! /= d[j]!;
  for (let j = n - 1; j >= 0; j--) {
    let s = b[j]!;
    for (let p = lStart[j]!; p < lStart[j + 1]!; p++) s -= lValue[p]! * b[lIndex[p]!]!;
    b[j] = s;
  }
}
