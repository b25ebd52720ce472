/**
 * Parameter paths: addressing any field of a scenario by a string, as used by
 * `ggs solve --set`, sweeps and the UI's parameter picker.
 *
 *   network.loadScale
 *   network.buses[3].pdKw            (index selector)
 *   network.buses[id=18].pdKw        (id selector: the element whose `id` is "18")
 *
 * Paths are resolved against plain JSON; `setAtPath` never mutates its input.
 */

export type PathSegment = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'id'; id: string };

export class PathError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'PathError';
  }
}

const segmentRe = /^([A-Za-z_$][\w$]*)?((?:\[[^\]]+\])*)$/;

/** Splits at dots outside brackets: ids may contain dots (`buses[id=1.5]`). */
function splitParts(path: string): string[] {
  const parts = [''];
  let depth = 0;
  for (const c of path) {
    if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    if (c === '.' && depth === 0) parts.push('');
    else parts[parts.length - 1] += c;
  }
  return parts;
}

export function parsePath(path: string): PathSegment[] {
  if (path.trim() === '') throw new PathError(path, 'the path is empty');
  const out: PathSegment[] = [];
  for (const part of splitParts(path)) {
    const m = segmentRe.exec(part);
    if (!m || (m[1] === undefined && m[2] === '')) throw new PathError(path, `cannot read "${part}" (expected name, name[3] or name[id=x])`);
    if (m[1] !== undefined) out.push({ kind: 'key', key: m[1] });
    for (const sel of m[2]!.match(/\[[^\]]+\]/g) ?? []) {
      const inner = sel.slice(1, -1).trim();
      if (/^\d+$/.test(inner)) out.push({ kind: 'index', index: Number(inner) });
      else if (inner.startsWith('id=')) out.push({ kind: 'id', id: inner.slice(3).replace(/^["']|["']$/g, '') });
      else throw new PathError(path, `cannot read selector [${inner}] (expected [3] or [id=x])`);
    }
  }
  return out;
}

export function formatSegments(segments: PathSegment[]): string {
  return segments
    .map((s, i) => (s.kind === 'key' ? (i === 0 ? s.key : `.${s.key}`) : s.kind === 'index' ? `[${s.index}]` : `[id=${s.id}]`))
    .join('');
}

function step(node: unknown, seg: PathSegment, path: string, upto: string): unknown {
  if (seg.kind === 'key') {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) throw new PathError(path, `${upto || 'the document'} is not an object`);
    if (!(seg.key in node)) throw new PathError(path, `${upto ? upto + ' has' : 'there is'} no field "${seg.key}"`);
    return (node as Record<string, unknown>)[seg.key];
  }
  if (!Array.isArray(node)) throw new PathError(path, `${upto} is not a list`);
  const i = resolveIndex(node, seg, path, upto);
  return node[i];
}

function resolveIndex(list: unknown[], seg: PathSegment, path: string, upto: string): number {
  if (seg.kind === 'index') {
    if (seg.index >= list.length) throw new PathError(path, `${upto} has ${list.length} items, so [${seg.index}] does not exist`);
    return seg.index;
  }
  if (seg.kind === 'id') {
    const i = list.findIndex((e) => typeof e === 'object' && e !== null && (e as { id?: unknown }).id === seg.id);
    if (i < 0) throw new PathError(path, `${upto} has no item with id "${seg.id}"`);
    return i;
  }
  throw new PathError(path, 'internal: key segment used as index');
}

/** The value at `path`; throws PathError naming the first segment that does not resolve. */
export function getAtPath(doc: unknown, path: string): unknown {
  const segs = parsePath(path);
  let node = doc;
  segs.forEach((seg, k) => {
    node = step(node, seg, path, formatSegments(segs.slice(0, k)));
  });
  return node;
}

/**
 * A copy of `doc` with the field at `path` set to `value`. The field's parent
 * must exist; the field itself may be new only on an object (so `--set` can
 * fill an optional field such as a line's `rateKva`).
 */
export function setAtPath<T>(doc: T, path: string, value: unknown): T {
  const segs = parsePath(path);
  const rec = (node: unknown, k: number): unknown => {
    const seg = segs[k]!;
    const upto = formatSegments(segs.slice(0, k));
    const last = k === segs.length - 1;
    if (seg.kind === 'key') {
      if (typeof node !== 'object' || node === null || Array.isArray(node)) throw new PathError(path, `${upto || 'the document'} is not an object`);
      const obj = node as Record<string, unknown>;
      if (!last && !(seg.key in obj)) throw new PathError(path, `${upto ? upto + ' has' : 'there is'} no field "${seg.key}"`);
      return { ...obj, [seg.key]: last ? value : rec(obj[seg.key], k + 1) };
    }
    if (!Array.isArray(node)) throw new PathError(path, `${upto} is not a list`);
    const i = resolveIndex(node, seg, path, upto);
    const copy = node.slice();
    copy[i] = last ? value : rec(node[i], k + 1);
    return copy;
  };
  return rec(doc, 0) as T;
}

/** Parses the VALUE of `--set PATH=VALUE`: JSON when it parses (numbers, booleans, lists), text otherwise. */
export function parseSetValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
