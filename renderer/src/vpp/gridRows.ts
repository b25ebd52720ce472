import type { FieldColumn } from '../components/EditableGrid.tsx';

/**
 * Rows for EditableGrid whose column keys are paths inside each item
 * (`comfort.minC`), so the grid's issue paths (`vpps[0].buildings[1].comfort.minC`)
 * match validation's.
 */
export function gridRows(items: readonly object[], columns: readonly FieldColumn[]): ({ id?: unknown } & Record<string, unknown>)[] {
  return items.map((item) => {
    const row: Record<string, unknown> = { id: (item as { id?: unknown }).id };
    for (const c of columns) {
      const [head, leaf] = c.key.split('.') as [string, string | undefined];
      const v = (item as Record<string, unknown>)[head];
      row[c.key] = leaf === undefined ? v : (v as Record<string, unknown> | undefined)?.[leaf];
    }
    return row;
  });
}
