/** Step-through and playback of the best-response path: the step shown, prev/next/first/last, play/pause. */
import { useCallback, useEffect, useState } from 'react';

export interface IterationPlayer {
  step: number;
  last: number;
  playing: boolean;
  go(step: number): void;
  prev(): void;
  next(): void;
  toggle(): void;
}

/** `last` = index of the final step; `resetKey` changes with the result (a new result starts at its end). */
export function useIterationPlayer(last: number, resetKey: string, intervalMs = 900): IterationPlayer {
  const [step, setStep] = useState(last);
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    setStep(last);
    setPlaying(false);
  }, [resetKey, last]);
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      setStep((s) => {
        if (s >= last) {
          setPlaying(false);
          return s;
        }
        return s + 1;
      });
    }, intervalMs);
    return () => clearInterval(timer);
  }, [playing, last, intervalMs]);
  const go = useCallback((s: number) => setStep(Math.max(0, Math.min(last, s))), [last]);
  return {
    step,
    last,
    playing,
    go,
    prev: () => go(step - 1),
    next: () => go(step + 1),
    // play from the start when at the end, so one press shows the whole story
    toggle: () => {
      if (!playing && step >= last) setStep(0);
      setPlaying(!playing);
    },
  };
}
