/**
 * fast-check arbitraries for mutated scenarios: a valid sample scenario with
 * one to three hostile edits at random places in it — a wrong type, an
 * out-of-range number, a missing field, a dangling reference, a duplicated
 * id, a huge array, a hostile key (__proto__, constructor, prototype). Edits
 * copy only the objects on the way to the edited field, so a run costs
 * microseconds and ten thousand of them a second or so.
 */
import fc from 'fast-check';

type Json = unknown;
type Path = (string | number)[];

/** Every path into the document (objects and arrays included), depth first. */
export function allPaths(doc: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(doc)) doc.forEach((v, i) => allPaths(v, [...at, i], out));
  else if (doc !== null && typeof doc === 'object') for (const [k, v] of Object.entries(doc)) allPaths(v, [...at, k], out);
  return out;
}

/** A copy of `doc` with `edit` applied to the value at `path` (only the ancestors are copied). */
function editAt(doc: Json, path: Path, edit: (value: Json, parent: Json, key: string | number | undefined) => Json | typeof DELETE): Json {
  const step = (node: Json, depth: number, parent: Json, key: string | number | undefined): Json | typeof DELETE => {
    if (depth === path.length) return edit(node, parent, key);
    const k = path[depth]!;
    // an earlier edit removed or replaced the way to this field: nothing to edit
    if (node === null || typeof node !== 'object') return node;
    const copy = (Array.isArray(node) ? [...node] : { ...node }) as Record<string | number, Json>;
    const next = step((node as Record<string | number, Json>)[k], depth + 1, copy, k);
    if (next === DELETE) {
      if (Array.isArray(copy)) copy.splice(k as number, 1);
      else delete copy[k];
    } else copy[k] = next;
    return copy;
  };
  const out = step(doc, 0, undefined, undefined);
  return out === DELETE ? undefined : out;
}

const DELETE = Symbol('delete');

/** Sets an own property, even `__proto__`, as JSON.parse would. */
function withOwnKey(obj: object, key: string, value: Json): object {
  const copy = { ...obj };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

const wrongValue = fc.oneof(
  fc.constantFrom<Json>(null, true, false, '', 'lots', '1e3', [], {}, [1, 2], { profile: 'nope' }, { kind: 'nope' }, 'pv1', 'bus-1'),
  fc.constantFrom<Json>(-1, 0, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 0.5, 1e-320, Infinity, -Infinity, NaN),
  fc.double(),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.string({ maxLength: 8 }),
);

export interface Mutation {
  what: string;
  apply: (doc: Json) => Json;
}

/** One hostile edit at one of `paths`; the arbitrary picks both. */
export function mutation(paths: readonly Path[]): fc.Arbitrary<Mutation> {
  const path = fc.constantFrom(...paths);
  const common = (arbitrary: fc.Arbitrary<Mutation>) => ({ weight: 6, arbitrary });
  return fc.oneof(
    common(fc.tuple(path, wrongValue).map(([p, v]) => ({ what: `set ${p.join('.')} to ${String(v)}`, apply: (d: Json) => editAt(d, p, () => v) }))),
    common(path.filter((p) => p.length > 0).map((p) => ({ what: `delete ${p.join('.')}`, apply: (d: Json) => editAt(d, p, () => DELETE) }))),
    // a dangling reference: a text field (an id or a reference to one) set to a name nothing has
    common(path.map((p) => ({ what: `dangle ${p.join('.')}`, apply: (d: Json) => editAt(d, p, (v) => (typeof v === 'string' ? `${v}-gone` : v)) }))),
    // a duplicated id: an array element copied over its neighbour
    common(path.map((p) => ({
      what: `duplicate into ${p.join('.')}`,
      apply: (d: Json) => editAt(d, p, (v) => (Array.isArray(v) && v.length > 1 ? [v[0], ...v.slice(0, -1)] : v)),
    }))),
    common(fc.tuple(path, fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'), wrongValue).map(([p, key, v]) => ({
      what: `own key ${key} in ${p.join('.')}`,
      apply: (d: Json) => editAt(d, p, (o) => (o !== null && typeof o === 'object' && !Array.isArray(o) ? withOwnKey(o, key, { polluted: v }) : o)),
    }))),
    // a huge array: one element repeated (a shared reference, so it costs nothing to build); rarer, as validating it is not cheap
    { weight: 1, arbitrary: fc.tuple(path, fc.constantFrom(1_000, 10_000)).map(([p, n]) => ({
      what: `${n} copies in ${p.join('.')}`,
      apply: (d: Json) => editAt(d, p, (v) => (Array.isArray(v) && v.length > 0 ? new Array(n).fill(v[0]) : v)),
    })) },
  );
}

/** A scenario with one to three mutations applied in turn. */
export function mutatedScenario(sample: Json): fc.Arbitrary<{ doc: Json; edits: string[] }> {
  const paths = allPaths(sample);
  return fc.array(mutation(paths), { minLength: 1, maxLength: 3 }).map((ms) => ({
    doc: ms.reduce((d, m) => m.apply(d), sample),
    edits: ms.map((m) => m.what),
    // a counterexample is reported by its edits, not the whole scenario
    [fc.toStringMethod]: () => ms.map((m) => m.what).join('; '),
  }));
}
