/**
 * Colour scales of the OPF views, shared by the diagram, its legend and the
 * plotly plots so a colour means the same everywhere: DLMP from cheap (blue)
 * through pale to dear (red) over the day's range; carbon intensity from clean
 * (green) to dirty (brown) from 0 to the day's highest.
 */
import { interpolate, rgb, type Stop } from '../results/colourScales.ts';

export function dlmpStops(lo: number, hi: number): Stop[] {
  const span = hi - lo || 1e-9;
  return [
    [lo, [49, 104, 171]],
    [lo + span * 0.5, [244, 236, 200]],
    [lo + span * 0.8, [230, 140, 50]],
    [lo + span, [180, 40, 40]],
  ];
}

export function carbonStops(hi: number): Stop[] {
  const top = hi || 1e-9;
  return [
    [0, [46, 139, 87]],
    [top * 0.5, [200, 180, 60]],
    [top, [110, 70, 40]],
  ];
}

export const colourAt = interpolate;

/** CSS gradient for a legend bar, low to high. */
export function cssGradient(stops: Stop[]): string {
  const lo = stops[0]![0], hi = stops[stops.length - 1]![0];
  return `linear-gradient(to right, ${stops.map(([v, c]) => `${rgb(c)} ${(((v - lo) / (hi - lo || 1)) * 100).toFixed(1)}%`).join(', ')})`;
}

/** The same stops as a plotly colorscale (positions 0…1). */
export function plotlyColourscale(stops: Stop[]): [number, string][] {
  const lo = stops[0]![0], hi = stops[stops.length - 1]![0];
  return stops.map(([v, c]) => [(v - lo) / (hi - lo || 1), rgb(c)]);
}

/** Smallest and largest of a quantity over every bus and hour. */
export function range(values: Iterable<number>): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 0];
}
