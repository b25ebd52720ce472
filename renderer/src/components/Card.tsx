/** A summary figure: label, value, a line beneath; amber when it needs attention. */
export function Card({ label, value, sub, warn }: { label: string; value: string; sub: string; warn?: boolean }) {
  return (
    <div className={`card${warn ? ' warn' : ''}`}>
      <div className="card-label">{label}</div>
      <div className="card-value">{value}</div>
      <div className="card-sub">{sub}</div>
    </div>
  );
}
