/**
 * CPLEX-LP-safe, unique names for variables and rows.
 *
 * Both readers we feed (GLPK's glpcpx and HiGHS's filereaderlp) accept far
 * more characters, but `[A-Za-z0-9_.]` is the subset every LP reader agrees
 * on; the meaning of a name travels in its `origin` tag, not in its spelling.
 * Names starting with `~` are reserved for the auxiliary columns the LP
 * writer adds (ranged rows, objective constant), so they can never collide.
 */

/** GLPK and CPLEX limit names to 255 characters; the margin leaves room for `_k` suffixes and `~range.` prefixes. */
export const MAX_LP_NAME = 240;

/** Section keywords and bound words that a reader could mistake for a name. */
const RESERVED = new Set([
  'inf', 'infinity', 'free', 'end', 'bound', 'bounds', 'st', 'st.', 's.t.', 'subject', 'such',
  'min', 'max', 'minimize', 'maximize', 'minimise', 'maximise', 'minimum', 'maximum',
  'gen', 'general', 'generals', 'bin', 'binary', 'binaries', 'integer', 'integers', 'semi', 'semis', 'sos', 'obj',
]);

/** A name every CPLEX-LP reader accepts: safe characters, not a keyword, not a number lookalike (`e5`, `1x`). */
const PLAIN = /^(?![eE][0-9eE+-]|[eE]$)[A-Za-z_][A-Za-z0-9_.]{0,239}$/;

export function sanitiseLpName(raw: string): string {
  // fast path for the common case of generated names like `p_g1_t19`
  if (PLAIN.test(raw) && !RESERVED.has(raw.toLowerCase())) return raw;
  let name = raw.replace(/[^A-Za-z0-9_.]/g, '_');
  if (name === '' || /^[0-9.]/.test(name) || /^[eE]([0-9eE+-]|$)/.test(name) || RESERVED.has(name.toLowerCase())) name = `_${name}`;
  return name.length > MAX_LP_NAME ? name.slice(0, MAX_LP_NAME) : name;
}

/** Hands out sanitised names, appending `_2`, `_3`, … on collision. */
export class LpNameSet {
  private readonly taken = new Set<string>();
  private readonly nextSuffix = new Map<string, number>();

  unique(raw: string): string {
    const base = sanitiseLpName(raw);
    const before = this.taken.size;
    if (this.taken.add(base).size > before) return base; // one hash lookup on the common path

    let k = this.nextSuffix.get(base) ?? 2;
    let name: string;
    do name = `${base.slice(0, MAX_LP_NAME - String(k).length - 1)}_${k++}`;
    while (this.taken.has(name));
    this.nextSuffix.set(base, k);
    this.taken.add(name);
    return name;
  }
}
