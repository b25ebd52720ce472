/** The scenario tree on the left, built from SECTIONS; a section with validation issues is flagged. */
import { SECTIONS, sectionHasIssue } from '../sections.ts';
import { useDocument } from '../state/document.ts';
import { useSession } from '../state/session.ts';
import { useIssues } from '../state/useIssues.ts';

export function ScenarioTree() {
  const scenario = useDocument((s) => s.scenario);
  const section = useSession((s) => s.section);
  const issues = useIssues();
  return (
    <nav className="tree" aria-label="Scenario">
      <div className="pane-title">Scenario</div>
      <div className="tree-doc" title={scenario.metadata?.name}>
        {scenario.metadata?.name || 'Untitled'}
      </div>
      <ul role="tree">
        {SECTIONS.filter((s) => !s.visible || s.visible(scenario)).map((s) => {
          const n = sectionHasIssue(s, issues.keys());
          return (
            <li key={s.id} role="treeitem" aria-selected={section === s.id} className={`${s.parent ? 'child' : ''}${section === s.id ? ' active' : ''}`}>
              <button data-testid={`tree-${s.id}`} onClick={() => useSession.getState().set({ section: s.id })}>
                <span className="tree-icon" aria-hidden>
                  {s.parent ? '└' : '▾'}
                </span>
                <span className="tree-label">{s.label}</span>
                {s.count && <span className="tree-count">{s.count(scenario)}</span>}
                {n > 0 && (
                  <span className="tree-issue" title={`${n} validation issue${n > 1 ? 's' : ''}`}>
                    {n}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
      <div className="tree-note">Microgrids (Nash bargaining) arrive with their model.</div>
    </nav>
  );
}
