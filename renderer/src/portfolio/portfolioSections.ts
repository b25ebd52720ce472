/** Tree sections of the contract portfolio (shown when the document has one). */
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import type { Section } from '../section.ts';

const hasPortfolio = (s: ScenarioInput) => s.portfolio !== undefined;

export const PORTFOLIO_SECTIONS: Section[] = [
  { id: 'contracts', label: 'Contracts', count: (s) => s.portfolio?.contracts.length ?? 0, issuePrefix: 'portfolio.contracts|portfolio.risk|portfolio.spot|portfolio.peakHours', visible: hasPortfolio },
  {
    id: 'portfolioScenarios',
    label: 'Price & demand',
    parent: 'contracts',
    count: (s) => (s.portfolio ? (s.portfolio.scenarios.kind === 'simulated' ? s.portfolio.scenarios.count : s.portfolio.scenarios.pricePerKwh.length) : 0),
    issuePrefix: 'portfolio.spotPrice|portfolio.demand|portfolio.scenarios',
    visible: hasPortfolio,
  },
  // not part of the document: frontier runs, evaluated portfolios and their comparison
  { id: 'portfolioRisk', label: 'Frontier & compare', parent: 'contracts', issuePrefix: 'portfolioRisk', visible: hasPortfolio },
];
