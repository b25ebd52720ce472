/**
 * Colour scales shared by the diagram, its legend and the plots, so a colour
 * means the same everywhere. Voltage runs from the lower limit (red) through
 * amber to nominal (green) and above (blue); loading from calm grey to red.
 */
export type Stop = [number, [number, number, number]];

export function interpolate(stops: Stop[], v: number): string {
  if (v <= stops[0]![0]) return rgb(stops[0]![1]);
  for (let i = 1; i < stops.length; i++) {
    const [v1, c1] = stops[i]!;
    const [v0, c0] = stops[i - 1]!;
    if (v <= v1) {
      const f = (v - v0) / (v1 - v0 || 1);
      return rgb([0, 1, 2].map((k) => c0[k]! + f * (c1[k]! - c0[k]!)) as [number, number, number]);
    }
  }
  return rgb(stops[stops.length - 1]![1]);
}
export const rgb = ([r, g, b]: [number, number, number]) => `rgb(${Math.round(r)},${Math.round(g)},${Math.round(b)})`;

export const VOLTAGE_TOP = 1.05;

export function voltageStops(vmin: number): Stop[] {
  return [
    [vmin, [192, 57, 43]],
    [vmin + (1 - vmin) * 0.5, [230, 159, 0]],
    [1, [46, 139, 87]],
    [VOLTAGE_TOP, [44, 111, 187]],
  ];
}

export const voltageColour = (vmPu: number, vmin: number) => interpolate(voltageStops(vmin), vmPu);

/** CSS gradient for the colour bar, low to high. */
export function voltageGradient(vmin: number): string {
  const span = VOLTAGE_TOP - vmin;
  return `linear-gradient(to right, ${voltageStops(vmin)
    .map(([v, c]) => `${rgb(c)} ${(((v - vmin) / span) * 100).toFixed(1)}%`)
    .join(', ')})`;
}

const LOADING: Stop[] = [
  [0, [120, 128, 140]],
  [60, [120, 128, 140]],
  [85, [230, 159, 0]],
  [100, [192, 57, 43]],
];
export const loadingColour = (pct: number | null) => (pct === null ? 'rgb(120,128,140)' : interpolate(LOADING, pct));
