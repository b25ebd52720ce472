/**
 * DIR/points.jsonl: the journal of a `ggs sweep` run, so an interrupted study
 * loses only the points in flight (docs/whatif.md "Resuming").
 *
 *   line 1   {"ggsStudyJournal":1,"head":StudyHead}      which study this is
 *   then     {"index":i,"key":"…","outcome":PointOutcome} one per finished point
 *
 * Each point's line is written to the file as the point finishes (a plain
 * write: it survives the process being killed), and the file is fsync'd in
 * batches — every SYNC_EVERY points or SYNC_MS milliseconds, and on close —
 * so a machine crash loses at most the last batch. A line cut short by a
 * crash is dropped when the journal is reopened.
 *
 * `--resume DIR` reopens it: the header must be the same study (same design,
 * base scenario and options, outputs, shard and version), and its points are
 * served to runStudy as a cache, so only the points it lacks are run.
 */
import { closeSync, fdatasyncSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../../solver/hash.ts';
import type { PointOutcome, StudyCache, StudyHead } from '../../solver/whatif/execute.ts';
import type { JobStatus } from '../../solver/contract.ts';
import type { StudyPoint } from '../../solver/whatif/study.ts';
import { CliError } from '../cli/exitCodes.ts';

export const JOURNAL_FILE = 'points.jsonl';
const SYNC_EVERY = 64;
const SYNC_MS = 1000;

interface Header {
  ggsStudyJournal: 1;
  head: StudyHead;
}

interface Line {
  index: number;
  key: string;
  outcome: PointOutcome;
}

/**
 * Points worth serving again on resume: as for the app's cache, a point that
 * failed (a crashed or hung worker) may well solve next time, so it is run again.
 */
const keep = (s: JobStatus) => s !== 'cancelled' && s !== 'failed';

/** Reads a journal: its header, its points (a later line for the same key wins) and the byte length of its whole lines. */
function readJournal(file: string): { header: Header; saved: Map<string, Line>; validBytes: number } | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CliError([`${file}: cannot read (${(e as Error).message})`]);
  }
  const saved = new Map<string, Line>();
  let header: Header | null = null;
  let validBytes = 0;
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    if (end < 0) break; // a line cut short: dropped
    const raw = text.slice(start, end);
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      // only the last line can be damaged by a crash; anything else is not our file
      if (text.indexOf('\n', end + 1) >= 0) throw new CliError([`${file}: line ${saved.size + 2} is not a journal line; the folder was not written by ggs sweep`]);
      break;
    }
    if (header === null) {
      if ((value as Header | null)?.ggsStudyJournal !== 1) throw new CliError([`${file}: not a ggs sweep journal (no header)`]);
      header = value as Header;
    } else {
      const line = value as Line;
      saved.set(line.key, line);
    }
    validBytes += Buffer.byteLength(raw, 'utf8') + 1;
    start = end + 1;
  }
  return header ? { header, saved, validBytes } : null;
}

/** What differs between two heads, for the refusal message. */
function difference(a: StudyHead, b: StudyHead): string {
  if (a.job !== b.job) return `job ${a.job}, not ${b.job}`;
  if (canonicalJson(a.study) !== canonicalJson(b.study)) return 'a different study design (parameters or values)';
  if (canonicalJson(a.base) !== canonicalJson(b.base)) return 'a different base scenario, options, seed or backend';
  if (canonicalJson(a.shard ?? null) !== canonicalJson(b.shard ?? null)) return `shard ${a.shard ? `${a.shard.index}/${a.shard.count}` : 'none'}, not ${b.shard ? `${b.shard.index}/${b.shard.count}` : 'none'}`;
  if (a.version !== b.version) return `version ${a.version}, not ${b.version}`;
  return 'different outputs';
}

export class StudyJournal {
  private unsynced = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(
    private readonly fd: number,
    private readonly saved: Map<string, Line>,
  ) {}

  /**
   * Opens DIR/points.jsonl for `head`. Fresh (resume false): any old journal
   * is replaced. Resume: an existing journal must be of the same study; a
   * missing one starts fresh (a requeued job that never got going).
   */
  static open(dir: string, head: StudyHead, resume: boolean): StudyJournal {
    const file = join(dir, JOURNAL_FILE);
    const old = resume ? readJournal(file) : null;
    if (old && canonicalJson(old.header.head) !== canonicalJson(head))
      throw new CliError([`--resume ${dir}: holds another study (${difference(old.header.head, head)}); give the same arguments as the interrupted run, or --out another folder`]);
    // a line cut short by a crash is cut off, so appends start on a line of their own
    if (old) truncateSync(file, old.validBytes);
    const fd = openSync(file, old ? 'a' : 'w');
    if (!old) {
      writeSync(fd, JSON.stringify({ ggsStudyJournal: 1, head } satisfies Header) + '\n');
      fdatasyncSync(fd);
    }
    const saved = new Map<string, Line>();
    for (const [key, line] of old?.saved ?? []) if (keep(line.outcome.status)) saved.set(key, line);
    return new StudyJournal(fd, saved);
  }

  /** the points already saved (resume), and how many */
  get savedCount(): number {
    return this.saved.size;
  }

  /** The journal as runStudy's cache: saved points are served, not run again. */
  get cache(): StudyCache {
    return { get: (key) => this.saved.get(key)?.outcome, set: () => undefined };
  }

  /** runStudy's onPoint: appends a finished point (once per key). */
  append(point: StudyPoint, key: string, outcome: PointOutcome): void {
    // a point served from the journal (or a twin of one already written) is there already
    if (this.closed || this.saved.has(key)) return;
    const line: Line = { index: point.index, key, outcome };
    writeSync(this.fd, JSON.stringify(line) + '\n');
    this.saved.set(key, line);
    if (++this.unsynced >= SYNC_EVERY) this.sync();
    else this.timer ??= setTimeout(() => this.sync(), SYNC_MS).unref();
  }

  /** Makes every appended line durable. */
  sync(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.closed || this.unsynced === 0) return;
    fdatasyncSync(this.fd);
    this.unsynced = 0;
  }

  close(): void {
    if (this.closed) return;
    this.sync();
    this.closed = true;
    closeSync(this.fd);
  }
}
