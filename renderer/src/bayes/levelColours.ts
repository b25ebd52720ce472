/** One colour per responsiveness level (by its position in the fleet), the same in the editor's prior bar and every result plot. */
export const LEVEL_COLOURS = ['#d62728', '#ff7f0e', '#2ca02c', '#1f77b4', '#9467bd', '#8c564b'];
export const levelColour = (k: number) => LEVEL_COLOURS[k % LEVEL_COLOURS.length]!;
