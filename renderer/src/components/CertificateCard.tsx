/** The frame every job's certificate panel shares: a "Certificate" head with an optional verdict, the key–value rows, and what follows them (a residual plot, a statement). */
import type { ReactNode } from 'react';

export function CertificateCard({ testId, verdict, footer, children }: { testId: string; verdict?: ReactNode; footer?: ReactNode; children: ReactNode }) {
  return (
    <div className="certificate" data-testid={testId}>
      <div className="section-head">
        <span>Certificate</span>
        {verdict}
      </div>
      <dl className="kv">{children}</dl>
      {footer}
    </div>
  );
}
