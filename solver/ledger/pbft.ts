/**
 * PBFT (Castro & Liskov, OSDI 1999) as a seeded discrete-event simulation:
 * n = 3f + 1 validators order `blocks` blocks. Normal case: the primary of
 * view v (validator v mod n) sends PRE-PREPARE(v, s, d); a backup that accepts
 * it broadcasts PREPARE; with the pre-prepare and 2f matching prepares from
 * others a validator is *prepared* and broadcasts COMMIT; with 2f + 1 matching
 * commits it commits block s. A validator that waits longer than its timeout
 * for the next block broadcasts VIEW-CHANGE(v + 1) with its prepared
 * certificates; the new primary, with 2f + 1 of them, sends NEW-VIEW and
 * re-proposes every block prepared in the highest view reported, so a block
 * committed anywhere keeps its digest. Timeouts double with each view change
 * that does not succeed (up to a cap); a validator that sees f + 1 view changes for a
 * higher view joins them. A validator left behind (its view change names a
 * height others have committed) is sent those blocks by each honest validator
 * that committed them (state transfer); f + 1 matching answers — one of them
 * honest — let it commit them.
 *
 * Every message takes a delay drawn uniformly from [minDelay, maxDelay]
 * (pure-rand, seeded): one round is `maxDelay`, so the normal case commits
 * within 3 rounds. Faulty validators are byzantine in one of three ways:
 * silent (send nothing), equivocating (as primary, a different block to each
 * half of the honest validators, and — colluding — prepares and commits for
 * both halves' blocks; as backup, votes for a conflicting block to half of
 * them), wrong digest (as primary, a digest that is not the hash of the block
 * it carries; as backup, votes for a digest nobody proposed). Faulty
 * validators never send view changes.
 *
 * Safety: no two honest validators commit different blocks at one height.
 * Liveness: every honest validator commits every block before the horizon.
 * With at most f faulty both hold (tests over many seeds); with more than f,
 * silence breaks liveness and colluding equivocation breaks safety.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export type Behaviour = 'silent' | 'equivocating' | 'wrong-digest';
export type MessageType = 'pre-prepare' | 'prepare' | 'commit' | 'view-change' | 'new-view' | 'state-transfer';
export const MESSAGE_TYPES: readonly MessageType[] = ['pre-prepare', 'prepare', 'commit', 'view-change', 'new-view', 'state-transfer'];

export interface PbftConfig {
  f: number;
  /** which validators are faulty, and how */
  faulty: number[];
  behaviour: Behaviour;
  blocks: number;
  seed: number;
  minDelay: number;
  maxDelay: number;
  /** a validator's first timeout, in rounds */
  timeoutRounds: number;
  /** the doubling stops here (default 64 rounds): delays are bounded by maxDelay, so a longer wait only slows the run past a string of faulty primaries */
  maxTimeoutRounds?: number;
  /** simulation horizon, in rounds */
  horizonRounds: number;
  /** messages kept for the timeline (all are counted) */
  timelineLimit: number;
}

export interface TimelineMessage {
  type: MessageType;
  from: number;
  to: number;
  view: number;
  seq: number;
  /** first 8 hex digits of the digest ('' for view changes) */
  digest: string;
  sent: number;
  received: number;
  /** sent by a faulty validator */
  faulty: boolean;
}

export interface BlockOutcome {
  seq: number;
  /** the digest the honest validators committed (the first one, when they disagree) */
  digest: string | null;
  /** honest validators that committed it, and when the last of them did (time units) */
  committedBy: number;
  committedAt: number | null;
  /** (commit time of the last honest validator − that of the previous block) / round */
  latencyRounds: number | null;
  view: number | null;
  /** messages sent between the previous block's commit and this one's */
  messages: number;
}

export interface PbftResult {
  n: number;
  f: number;
  faulty: number[];
  behaviour: Behaviour;
  blocks: BlockOutcome[];
  /** messages sent, by type */
  messagesByType: Record<MessageType, number>;
  messages: number;
  /** messages / committed blocks (null when none was committed) */
  messagesPerBlock: number | null;
  viewChanges: number;
  finalView: number;
  /** time the simulation ended, in rounds */
  endRounds: number;
  safety: { holds: boolean; conflicts: { seq: number; digests: { digest: string; validators: number[] }[] }[] };
  liveness: { holds: boolean; undecided: { validator: number; committed: number }[] };
  timeline: TimelineMessage[];
  /** digests of the honest blocks: the block a correct primary proposes at height s */
  honestDigests: string[];
}

interface Msg {
  type: MessageType;
  from: number;
  view: number;
  seq: number;
  digest: string;
  /** pre-prepare: the block's payload (the digest must be its hash) */
  payload?: string;
  /** view change: the sender's prepared certificates and its lowest uncommitted height */
  prepared?: Map<number, { view: number; digest: string }>;
  next?: number;
}

const hashText = (s: string) => bytesToHex(sha256(utf8ToBytes(s)));
export const blockPayload = (seq: number, variant = '') => `block ${seq}${variant}`;

/** A binary heap of events by time, then by insertion order (ties replay identically). */
class EventQueue<T> {
  private heap: { t: number; k: number; v: T }[] = [];
  private counter = 0;
  get size() {
    return this.heap.length;
  }
  push(t: number, v: T) {
    const h = this.heap;
    h.push({ t, k: this.counter++, v });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(h[i]!, h[p]!)) [h[i], h[p]] = [h[p]!, h[i]!], (i = p);
      else break;
    }
  }
  pop(): { t: number; v: T } | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0]!, last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
  private less(a: { t: number; k: number }, b: { t: number; k: number }) {
    return a.t < b.t || (a.t === b.t && a.k < b.k);
  }
}

type Event = { kind: 'deliver'; to: number; msg: Msg; sent: number } | { kind: 'timeout'; node: number; generation: number };

interface Replica {
  id: number;
  view: number;
  /** the view it is changing to, or null in normal operation */
  changingTo: number | null;
  committed: Map<number, string>;
  /** lowest height not committed */
  next: number;
  accepted: Map<string, string>; // `${view}:${seq}` → digest
  prepares: Map<string, Set<number>>; // `${view}:${seq}:${digest}` → senders
  commits: Map<string, Set<number>>;
  sentCommit: Set<string>;
  prepared: Map<number, { view: number; digest: string }>;
  viewChanges: Map<number, Map<number, Msg>>;
  /** primary: highest height proposed in the current view */
  proposedUpTo: number;
  newViewSent: Set<number>;
  timerGeneration: number;
  timeoutRounds: number;
  /** pre-prepares of views it has not entered yet, replayed when it does */
  future: Msg[];
  /** state transfer: height → digest → validators that sent it */
  transfers: Map<number, Map<string, Set<number>>>;
  /** `${validator}:${height}` already sent by state transfer */
  sentTransfer: Set<string>;
}

export function simulatePbft(config: PbftConfig): PbftResult {
  const { f, blocks } = config;
  const n = 3 * f + 1;
  const quorum = 2 * f + 1;
  const faulty = new Set(config.faulty.filter((i) => i >= 0 && i < n));
  const honest = Array.from({ length: n }, (_, i) => i).filter((i) => !faulty.has(i));
  const round = config.maxDelay;
  const horizon = config.horizonRounds * round;
  const rng = xoroshiro128plus(config.seed);
  const delay = () => config.minDelay + (config.maxDelay - config.minDelay) * uniformFloat64(rng);
  const queue = new EventQueue<Event>();
  const honestDigests = Array.from({ length: blocks + 1 }, (_, s) => hashText(blockPayload(s)));
  const byType = Object.fromEntries(MESSAGE_TYPES.map((t) => [t, 0])) as Record<MessageType, number>;
  const timeline: TimelineMessage[] = [];
  const sentAt: number[] = []; // time of every message sent, for per-block counts
  let now = 0, viewChanges = 0, finalView = 0;
  const primaryOf = (v: number) => v % n;
  // the honest validators split in two halves for an equivocating adversary
  const half = (i: number) => (honest.indexOf(i) < honest.length / 2 ? 0 : 1);

  const replicas: Replica[] = Array.from({ length: n }, (_, id) => ({
    id, view: 0, changingTo: null, committed: new Map(), next: 1, accepted: new Map(), prepares: new Map(), commits: new Map(),
    sentCommit: new Set(), prepared: new Map(), viewChanges: new Map(), proposedUpTo: 0, newViewSent: new Set(), timerGeneration: 0, timeoutRounds: config.timeoutRounds, future: [], transfers: new Map(), sentTransfer: new Set(),
  }));

  function send(from: number, to: number, msg: Msg) {
    if (from === to) return;
    const d = delay();
    byType[msg.type]++;
    sentAt.push(now);
    if (timeline.length < config.timelineLimit)
      timeline.push({ type: msg.type, from, to, view: msg.view, seq: msg.seq, digest: msg.digest.slice(0, 8), sent: now, received: now + d, faulty: faulty.has(from) });
    queue.push(now + d, { kind: 'deliver', to, msg, sent: now });
  }
  const broadcast = (from: number, msg: Msg, to: readonly number[] = Array.from({ length: n }, (_, i) => i)) => {
    for (const j of to) send(from, j, msg);
    if (to.includes(from)) receive(from, msg); // a validator's own message counts towards its quorums
  };
  const everyone = () => Array.from({ length: n }, (_, i) => i);
  const groups = () => [honest.filter((i) => half(i) === 0), honest.filter((i) => half(i) === 1)];

  function armTimer(r: Replica) {
    const generation = ++r.timerGeneration;
    queue.push(now + r.timeoutRounds * round, { kind: 'timeout', node: r.id, generation });
  }

  // ───── the adversary ─────
  /** What faulty validators do when the primary of `view` (faulty or not) puts `digest`s to height `seq`. */
  function adversaryVotes(view: number, seq: number, digests: [string, string] | [string]) {
    if (config.behaviour === 'silent') return;
    for (const b of faulty) {
      if (config.behaviour === 'wrong-digest') {
        const wrong = hashText(`wrong ${b} ${view} ${seq}`);
        broadcast(b, { type: 'prepare', from: b, view, seq, digest: wrong });
        broadcast(b, { type: 'commit', from: b, view, seq, digest: wrong });
        continue;
      }
      // equivocating: one block to each half of the honest validators (a conflicting one when the primary was honest)
      const [a, c] = digests.length === 2 ? digests : [digests[0], hashText(`${blockPayload(seq)} conflicting`)];
      const [g0, g1] = groups();
      for (const [digest, group] of [[a, g0], [c, g1]] as const) {
        for (const type of ['prepare', 'commit'] as const) for (const j of group!) send(b, j, { type, from: b, view, seq, digest });
      }
    }
  }

  function propose(p: Replica, seq: number, digestOverride?: string) {
    const v = p.view;
    p.proposedUpTo = Math.max(p.proposedUpTo, seq);
    if (faulty.has(p.id)) {
      if (config.behaviour === 'silent') return;
      if (config.behaviour === 'wrong-digest') {
        const payload = blockPayload(seq);
        broadcast(p.id, { type: 'pre-prepare', from: p.id, view: v, seq, digest: hashText(`${payload} tampered`), payload }, everyone().filter((i) => i !== p.id));
        adversaryVotes(v, seq, [hashText(`${payload} tampered`)]);
        return;
      }
      const pa = blockPayload(seq, ' (version A)'), pb = blockPayload(seq, ' (version B)');
      const [g0, g1] = groups();
      for (const j of g0!) send(p.id, j, { type: 'pre-prepare', from: p.id, view: v, seq, digest: hashText(pa), payload: pa });
      for (const j of g1!) send(p.id, j, { type: 'pre-prepare', from: p.id, view: v, seq, digest: hashText(pb), payload: pb });
      adversaryVotes(v, seq, [hashText(pa), hashText(pb)]);
      return;
    }
    const payload = digestOverride ? '' : blockPayload(seq);
    const digest = digestOverride ?? hashText(payload);
    p.accepted.set(`${v}:${seq}`, digest);
    broadcast(p.id, { type: 'pre-prepare', from: p.id, view: v, seq, digest, payload: digestOverride ? undefined : payload }, everyone().filter((i) => i !== p.id));
    adversaryVotes(v, seq, [digest]);
    // the primary's own prepare is implied by its pre-prepare; count it for its quorum
    addVote(p, 'prepare', p.id, v, seq, digest);
  }

  function addVote(r: Replica, type: 'prepare' | 'commit', from: number, view: number, seq: number, digest: string) {
    const store = type === 'prepare' ? r.prepares : r.commits;
    const key = `${view}:${seq}:${digest}`;
    let set = store.get(key);
    if (!set) store.set(key, (set = new Set()));
    set.add(from);
    progress(r, view, seq);
  }

  /** After any vote or pre-prepare at (view, seq): become prepared, commit. */
  function progress(r: Replica, view: number, seq: number) {
    if (faulty.has(r.id) || view !== r.view || r.changingTo !== null) return;
    const digest = r.accepted.get(`${view}:${seq}`);
    if (digest === undefined) return;
    const key = `${view}:${seq}:${digest}`;
    const prepares = r.prepares.get(key)?.size ?? 0;
    if (prepares >= quorum && !r.sentCommit.has(key)) {
      // prepared: pre-prepare and 2f prepares from others (plus its own) match
      r.sentCommit.add(key);
      const old = r.prepared.get(seq);
      if (!old || old.view <= view) r.prepared.set(seq, { view, digest });
      broadcast(r.id, { type: 'commit', from: r.id, view, seq, digest });
      return; // broadcast re-entered progress through the validator's own commit
    }
    const commits = r.commits.get(key)?.size ?? 0;
    if (r.sentCommit.has(key) && commits >= quorum) {
      commitBlock(r, seq, digest, view);
      // the primary moves on once the highest block it proposed in this view is committed
      if (primaryOf(r.view) === r.id && seq === r.proposedUpTo && r.proposedUpTo < blocks) propose(r, r.proposedUpTo + 1);
    }
  }

  function commitBlock(r: Replica, seq: number, digest: string, view: number) {
    if (r.committed.has(seq)) return;
    r.committed.set(seq, digest);
    commitTimes.push({ node: r.id, seq, t: now, view });
    const before = r.next;
    while (r.committed.has(r.next)) r.next++;
    if (r.next !== before) {
      r.timeoutRounds = config.timeoutRounds;
      if (r.next <= blocks) armTimer(r);
    }
  }

  function startViewChange(r: Replica, target: number) {
    if (r.changingTo !== null && r.changingTo >= target) return;
    r.changingTo = target;
    viewChanges = Math.max(viewChanges, target);
    const msg: Msg = { type: 'view-change', from: r.id, view: target, seq: r.next, digest: '', prepared: new Map(r.prepared), next: r.next };
    broadcast(r.id, msg);
    r.timeoutRounds = Math.min(2 * r.timeoutRounds, Math.max(config.timeoutRounds, config.maxTimeoutRounds ?? 64));
    armTimer(r);
  }

  function receive(to: number, msg: Msg) {
    const r = replicas[to]!;
    if (faulty.has(to)) return adversaryReceives(r, msg);
    switch (msg.type) {
      case 'pre-prepare': {
        if (msg.from !== primaryOf(msg.view)) return;
        if (msg.view > r.view || (msg.view === r.view && r.changingTo !== null)) return void r.future.push(msg);
        if (msg.view !== r.view) return;
        if (msg.payload !== undefined && hashText(msg.payload) !== msg.digest) return; // wrong digest: refused
        if (msg.payload === undefined && !isReproposal(r, msg)) return;
        const key = `${msg.view}:${msg.seq}`;
        if (r.accepted.has(key)) return; // one block per height and view: a second one is equivocation
        const done = r.committed.get(msg.seq);
        if (done !== undefined && done !== msg.digest) return;
        r.accepted.set(key, msg.digest);
        addVote(r, 'prepare', msg.from, msg.view, msg.seq, msg.digest);
        broadcast(r.id, { type: 'prepare', from: r.id, view: msg.view, seq: msg.seq, digest: msg.digest });
        return;
      }
      case 'prepare':
      case 'commit':
        if (msg.from === primaryOf(msg.view) && msg.type === 'prepare') return; // the primary does not prepare
        addVote(r, msg.type, msg.from, msg.view, msg.seq, msg.digest);
        return;
      case 'state-transfer': {
        if (r.committed.has(msg.seq)) return;
        let byDigest = r.transfers.get(msg.seq);
        if (!byDigest) r.transfers.set(msg.seq, (byDigest = new Map()));
        let senders = byDigest.get(msg.digest);
        if (!senders) byDigest.set(msg.digest, (senders = new Set()));
        senders.add(msg.from);
        if (senders.size >= f + 1) commitBlock(r, msg.seq, msg.digest, msg.view);
        return;
      }
      case 'view-change': {
        // a validator behind us: send it the blocks we committed from the height it waits for
        for (const [s, d] of r.committed) if (s >= msg.next! && !r.sentTransfer.has(`${msg.from}:${s}`)) {
          r.sentTransfer.add(`${msg.from}:${s}`);
          send(r.id, msg.from, { type: 'state-transfer', from: r.id, view: r.view, seq: s, digest: d });
        }
        if (msg.view <= r.view) return;
        let byView = r.viewChanges.get(msg.view);
        if (!byView) r.viewChanges.set(msg.view, (byView = new Map()));
        byView.set(msg.from, msg);
        // f + 1 view changes for higher views: join the smallest of them
        const higher = [...r.viewChanges.entries()].filter(([v]) => v > (r.changingTo ?? r.view));
        const senders = new Set(higher.flatMap(([, m]) => [...m.keys()]));
        if (senders.size >= f + 1 && r.changingTo === null) startViewChange(r, Math.min(...higher.map(([v]) => v)));
        if (primaryOf(msg.view) === r.id && byView.size >= quorum && !r.newViewSent.has(msg.view)) newView(r, msg.view, [...byView.values()]);
        return;
      }
      case 'new-view': {
        if (msg.from !== primaryOf(msg.view) || msg.view < (r.changingTo ?? r.view) || msg.view <= r.view) return;
        enterView(r, msg.view);
        return;
      }
    }
  }

  /** Re-proposals in a new view carry no payload: the digest must be one a view change reported prepared (checked by the new primary's NEW-VIEW). */
  const reproposals = new Map<string, string>(); // `${view}:${seq}` → digest
  const isReproposal = (_r: Replica, m: Msg) => reproposals.get(`${m.view}:${m.seq}`) === m.digest;

  function enterView(r: Replica, v: number) {
    r.view = v;
    r.changingTo = null;
    finalView = Math.max(finalView, v);
    r.proposedUpTo = 0;
    if (r.next <= blocks) armTimer(r);
    const waiting = r.future.filter((m) => m.view === v);
    r.future = r.future.filter((m) => m.view > v);
    for (const m of waiting) receive(r.id, m);
  }

  /** A faulty validator that becomes primary: silent ones never announce the view; the others do, then misbehave as primary. */
  function adversaryReceives(b: Replica, msg: Msg) {
    if (config.behaviour === 'silent' || msg.type !== 'view-change' || primaryOf(msg.view) !== b.id || b.newViewSent.has(msg.view)) return;
    let byView = b.viewChanges.get(msg.view);
    if (!byView) b.viewChanges.set(msg.view, (byView = new Map()));
    byView.set(msg.from, msg);
    if (byView.size + faulty.size - 1 < quorum) return; // its accomplices' view changes it can forge at will
    b.newViewSent.add(msg.view);
    b.view = msg.view;
    finalView = Math.max(finalView, msg.view);
    broadcast(b.id, { type: 'new-view', from: b.id, view: msg.view, seq: 0, digest: '' }, everyone().filter((i) => i !== b.id));
    propose(b, Math.min(...[...byView.values()].map((m) => m.next!)));
  }

  function newView(p: Replica, v: number, vcs: Msg[]) {
    p.newViewSent.add(v);
    if (faulty.has(p.id)) return;
    // heights from the lowest a view change still waits for, re-proposing the digest prepared in the highest view
    const start = Math.min(...vcs.map((m) => m.next!));
    const best = new Map<number, { view: number; digest: string }>();
    for (const m of vcs) for (const [s, c] of m.prepared!) if (s >= start && (!best.has(s) || best.get(s)!.view < c.view)) best.set(s, c);
    const top = Math.max(start, ...best.keys());
    broadcast(p.id, { type: 'new-view', from: p.id, view: v, seq: start, digest: '' }, everyone().filter((i) => i !== p.id));
    enterView(p, v);
    for (let s = start; s <= Math.min(top, blocks); s++) {
      const c = best.get(s);
      if (c) {
        reproposals.set(`${v}:${s}`, c.digest);
        propose(p, s, c.digest);
      } else propose(p, s);
    }
  }

  const commitTimes: { node: number; seq: number; t: number; view: number }[] = [];
  for (const r of replicas) if (!faulty.has(r.id)) armTimer(r);
  propose(replicas[primaryOf(0)]!, 1);

  const allDone = () => honest.every((i) => replicas[i]!.next > blocks);
  while (queue.size > 0 && !allDone()) {
    const e = queue.pop()!;
    if (e.t > horizon) break;
    now = e.t;
    if (e.v.kind === 'deliver') receive(e.v.to, e.v.msg);
    else {
      const r = replicas[e.v.node]!;
      if (e.v.generation !== r.timerGeneration || r.next > blocks) continue;
      startViewChange(r, (r.changingTo ?? r.view) + 1);
    }
  }

  // ───── verdicts ─────
  const conflicts: PbftResult['safety']['conflicts'] = [];
  const outcomes: BlockOutcome[] = [];
  let previous = 0;
  for (let s = 1; s <= blocks; s++) {
    const byDigest = new Map<string, number[]>();
    for (const i of honest) {
      const d = replicas[i]!.committed.get(s);
      if (d !== undefined) byDigest.set(d, [...(byDigest.get(d) ?? []), i]);
    }
    if (byDigest.size > 1) conflicts.push({ seq: s, digests: [...byDigest.entries()].map(([digest, validators]) => ({ digest, validators })) });
    const times = commitTimes.filter((c) => c.seq === s);
    const committedBy = times.length;
    const last = committedBy === honest.length ? Math.max(...times.map((c) => c.t)) : null;
    const messages = sentAt.filter((t) => t > previous && (last === null || t <= last)).length + (s === 1 ? sentAt.filter((t) => t === 0).length : 0);
    outcomes.push({
      seq: s,
      digest: byDigest.size ? [...byDigest.keys()][0]! : null,
      committedBy,
      committedAt: last,
      latencyRounds: last === null ? null : (last - previous) / round,
      view: times.length ? Math.max(...times.map((c) => c.view)) : null,
      messages: last === null ? 0 : messages,
    });
    if (last !== null) previous = last;
  }
  const undecided = honest.filter((i) => replicas[i]!.next <= blocks).map((i) => ({ validator: i, committed: replicas[i]!.next - 1 }));
  const total = MESSAGE_TYPES.reduce((a, t) => a + byType[t], 0);
  const decided = outcomes.filter((b) => b.committedAt !== null).length;
  return {
    n,
    f,
    faulty: [...faulty].sort((a, b) => a - b),
    behaviour: config.behaviour,
    blocks: outcomes,
    messagesByType: byType,
    messages: total,
    messagesPerBlock: decided ? total / decided : null,
    viewChanges,
    finalView,
    endRounds: now / round,
    safety: { holds: conflicts.length === 0, conflicts },
    liveness: { holds: undecided.length === 0, undecided },
    timeline,
    honestDigests: honestDigests.slice(1),
  };
}
