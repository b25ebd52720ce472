/** Centre-pane editors of the portfolio sections. */
import type { ReactNode } from 'react';
import { ContractsEditor } from './ContractsEditor.tsx';
import { ScenarioModelEditor } from './ScenarioModelEditor.tsx';
import { RiskStudiesView } from './RiskStudiesView.tsx';

export const PORTFOLIO_EDITORS: Record<'contracts' | 'portfolioScenarios' | 'portfolioRisk', { title: string; diagram: boolean; body: () => ReactNode }> = {
  contracts: { title: 'Contracts', diagram: false, body: () => <ContractsEditor /> },
  portfolioScenarios: { title: 'Spot price and demand scenarios', diagram: false, body: () => <ScenarioModelEditor /> },
  portfolioRisk: { title: 'Efficient frontier and comparison', diagram: false, body: () => <RiskStudiesView /> },
};
