/** The volumes of "your portfolio" as typed in the evaluate form. */
/** The user's typed volumes as numbers, or the contracts whose text is not a volume. */
export function readUserVolumes(typed: Record<string, string>, ids: string[]): { ok: true; volumesKw: Record<string, number> } | { ok: false; bad: Record<string, string> } {
  const volumesKw: Record<string, number> = {};
  const bad: Record<string, string> = {};
  for (const id of ids) {
    const text = (typed[id] ?? '').trim();
    if (text === '') continue; // the contract's heldKw
    const v = Number(text);
    if (Number.isFinite(v) && v >= 0) volumesKw[id] = v;
    else bad[id] = `must be a volume in kW (a number ≥ 0), not "${text}"`;
  }
  return Object.keys(bad).length ? { ok: false, bad } : { ok: true, volumesKw };
}
