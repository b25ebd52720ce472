/** Which road node and link the editor has selected: the tables and the road diagram select together. */
import { create } from 'zustand';

export const useRoadSelection = create<{ node: string | null; link: string | null; station: string | null }>(() => ({ node: null, link: null, station: null }));
export const selectRoad = (s: Partial<{ node: string | null; link: string | null; station: string | null }>) => useRoadSelection.setState(s);
