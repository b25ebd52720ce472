/**
 * What the benchmark scripts share: timing a call in wall-clock and CPU
 * seconds, and printing a fixed-width table row by row as rows are measured.
 */

/** f's result with its wall-clock and CPU seconds (CPU of this process: all its threads). */
export function timed<R>(f: () => R): { value: R; wall: number; cpu: number } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const value = f();
  const used = process.cpuUsage(cpu);
  return { value, wall: (performance.now() - wall) / 1000, cpu: (used.user + used.system) / 1e6 };
}

/** Prints the header and its rule now; the returned function prints one row padded to the columns' widths. */
export function tablePrinter(columns: readonly (readonly [string, number])[]): (cells: string[]) => void {
  const printRow = (cells: string[]) => console.log(cells.map((c, i) => c.padEnd(columns[i]![1])).join(' ').trimEnd());
  printRow(columns.map(([name]) => name));
  printRow(columns.map(([, w]) => '-'.repeat(w)));
  return printRow;
}
