/** The "Frontier & compare" section: the efficient frontier, your own portfolio and the comparison of two. */
import { FrontierPanel } from './FrontierPanel.tsx';
import { EvaluateForm } from './EvaluateForm.tsx';
import { ComparePanel } from './ComparePanel.tsx';
import './portfolio.css';

export function RiskStudiesView() {
  return (
    <div className="risk-studies" data-testid="portfolio-risk-view">
      <FrontierPanel />
      <EvaluateForm />
      <ComparePanel />
    </div>
  );
}
