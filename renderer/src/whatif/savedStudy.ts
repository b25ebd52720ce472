/**
 * In-app studies that lose nothing (docs/whatif.md "Resuming"): while a study
 * runs, its finished points are saved through the host — IndexedDB in the web
 * build, a file in the app data folder in the desktop app — a few times a
 * second. A reload, a crash or a killed window leaves the save behind; the
 * next start resumes the study from it, so only the points that had not
 * finished are solved. A study that ends (finished or cancelled by the user)
 * clears it.
 */
import type { PointOutcome } from '../../../solver/whatif/execute.ts';
import type { Study } from '../../../solver/whatif/study.ts';
import type { Host } from '../host/Host.ts';
import type { WhatifForm } from './whatifStore.ts';

export interface SavedStudy {
  savedStudy: 1;
  form: WhatifForm;
  study: Study;
  /** point key → outcome, in finishing order */
  points: [string, PointOutcome][];
}

/** How often the saved study is rewritten while points finish (ms). */
const SAVE_EVERY_MS = 250;

/** Reads the study a previous session left unfinished, or null. */
export async function readSavedStudy(h: Host): Promise<SavedStudy | null> {
  const text = await h.studies?.read().catch(() => null);
  if (!text) return null;
  try {
    const saved = JSON.parse(text) as SavedStudy;
    return saved?.savedStudy === 1 && Array.isArray(saved.points) && saved.study ? saved : null;
  } catch {
    return null; // damaged: nothing to resume
  }
}

/**
 * Keeps a running study's finished points saved. Points that failed because
 * their worker crashed may solve next time, so they are not kept (as in the
 * CLI's journal).
 */
export function studySaver(h: Host, form: WhatifForm, study: Study, already: readonly [string, PointOutcome][] = []) {
  const points = new Map(already);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing: Promise<void> = Promise.resolve();
  let lastWrite = Date.now();
  const write = () => {
    timer = null;
    lastWrite = Date.now();
    const text = JSON.stringify({ savedStudy: 1, form, study, points: [...points] } satisfies SavedStudy);
    writing = writing.then(() => h.studies?.write(text)).catch(() => undefined);
  };
  return {
    add(key: string, outcome: PointOutcome): void {
      if (outcome.status === 'cancelled' || outcome.status === 'failed' || points.has(key)) return;
      points.set(key, outcome);
      // a busy page starves timers (plots redraw at every point): write from here once the interval has passed,
      // and keep the timer only for the last points of a burst
      if (Date.now() - lastWrite >= SAVE_EVERY_MS) {
        if (timer) clearTimeout(timer);
        write();
      } else timer ??= setTimeout(write, SAVE_EVERY_MS);
    },
    /** the study ended: nothing is left to resume */
    async finish(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = null;
      await writing;
      await h.studies?.clear().catch(() => undefined);
    },
  };
}
