export function EvBayesianResultView(_: { classroom: boolean }) {
  return <div className="empty-results">EV V2V result view: coming next.</div>;
}
