/** The one modal dialog (messages, validation reports, restore and save prompts). */
import { useEffect, useRef } from 'react';
import { useSession } from '../state/session.ts';

export function Dialog() {
  const dialog = useSession((s) => s.dialog);
  const primary = useRef<HTMLButtonElement>(null);
  useEffect(() => primary.current?.focus(), [dialog]);
  if (!dialog) return null;
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="dialog-title" data-testid="dialog">
        <h2 id="dialog-title">{dialog.title}</h2>
        <p>{dialog.message}</p>
        {dialog.lines && (
          <ul className="issue-list" data-testid="dialog-lines">
            {dialog.lines.map((l, i) => (
              <li key={i}>
                <code>{l}</code>
              </li>
            ))}
          </ul>
        )}
        <div className="modal-buttons">
          {dialog.buttons.map((b) => (
            <button key={b.value} ref={b.primary ? primary : undefined} className={b.primary ? 'primary' : undefined} onClick={() => dialog.resolve(b.value)}>
              {b.label}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
