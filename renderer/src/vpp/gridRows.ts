import type { FieldColumn } from '../components/EditableGrid.tsx';
import { seriesText } from './seriesText.ts';
import { SERIES_KEYS } from './vppEdits.ts';

/**
 * Rows for EditableGrid whose column keys are paths inside each item
 * (`comfort.minC`), so the grid's issue paths (`vpps[0].buildings[1].comfort.minC`)
 * match validation's; Series fields shown as text.
 */
export function gridRows(items: readonly object[], columns: readonly FieldColumn[]): ({ id?: unknown } & Record<string, unknown>)[] {
  return items.map((item) => {
    const row: Record<string, unknown> = { id: (item as { id?: unknown }).id };
    for (const c of columns) {
      const [head, leaf] = c.key.split('.') as [string, string | undefined];
      const v = (item as Record<string, unknown>)[head];
      const value = leaf === undefined ? v : (v as Record<string, unknown> | undefined)?.[leaf];
      row[c.key] = SERIES_KEYS.has(c.key) ? seriesText(value) : value;
    }
    return row;
  });
}
