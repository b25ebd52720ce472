/** Centre-pane editors of the Bayesian sections. */
import type { ReactNode } from 'react';
import { KdaEditor } from './KdaEditor.tsx';
import { EvFleetsEditor } from './EvFleetsEditor.tsx';
import { EvMarketEditor } from './EvMarketEditor.tsx';
import './bayes.css';

export const BAYES_EDITORS: Record<'kda' | 'evFleets' | 'evMarket', { title: string; diagram: boolean; body: () => ReactNode }> = {
  kda: { title: 'k-double auction', diagram: false, body: () => <KdaEditor /> },
  evFleets: { title: 'EV fleets', diagram: false, body: () => <EvFleetsEditor /> },
  evMarket: { title: 'EV microgrid: PV, grid prices, carbon', diagram: false, body: () => <EvMarketEditor /> },
};
