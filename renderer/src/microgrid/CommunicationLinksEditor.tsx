/**
 * Per-link communication settings (microgridCoordination.communication.links):
 * one row per link between two agents (microgrid ids or `adn`), overriding the
 * network-wide loss, delay and bandwidth it sets; the cells it leaves empty
 * follow the network-wide setting. Every cell shows the validation issue at
 * its path (`…links[0].between[1]`).
 */
import { useCallback, useMemo } from 'react';
import { useDocument } from '../state/document.ts';
import { useIssues } from '../state/useIssues.ts';
import { EditableGrid, type FieldColumn } from '../components/EditableGrid.tsx';
import { addCommunicationLink, deleteCommunicationLink, formatDelay, setCommunicationLinkField } from './microgridEdits.ts';

const COLUMNS: FieldColumn[] = [
  { key: 'between[0]', label: 'Agent', kind: 'text', width: 80, list: 'mg-agents' },
  { key: 'between[1]', label: 'Agent', kind: 'text', width: 80, list: 'mg-agents' },
  { key: 'lossProbability', label: 'Loss', kind: 'optionalNumber', placeholder: 'network', width: 80 },
  { key: 'delay', label: 'Delay', unit: 'iterations', kind: 'optionalText', placeholder: 'network', width: 150 },
  { key: 'bandwidthKbitPerIteration', label: 'Bandwidth', unit: 'kbit', kind: 'optionalNumber', placeholder: 'network', width: 130 },
];

type LinkRow = { between?: unknown[]; lossProbability?: unknown; delay?: unknown; bandwidthKbitPerIteration?: unknown };
const NONE: LinkRow[] = [];

export function CommunicationLinksEditor() {
  const links = useDocument((s) => (s.scenario.microgridCoordination?.communication?.links as LinkRow[] | undefined) ?? NONE);
  const ids = useDocument((s) => s.scenario.microgrids ?? []).map((m) => m.id);
  const issues = useIssues();
  const rows = useMemo(
    () => links.map((l, i) => ({ id: i, 'between[0]': l.between?.[0], 'between[1]': l.between?.[1], lossProbability: l.lossProbability, delay: formatDelay(l.delay), bandwidthKbitPerIteration: l.bandwidthKbitPerIteration })),
    [links],
  );
  const onEdit = useCallback((i: number, key: string, v: unknown) => setCommunicationLinkField(i, key, v), []);
  return (
    <div data-testid="mg-links-editor">
      <datalist id="mg-agents">
        {[...ids, 'adn'].map((id) => (
          <option key={id} value={id} />
        ))}
      </datalist>
      <p className="form-hint">
        Each link joins two agents (microgrids, or <code>adn</code>, the operator) in both directions and overrides what it fills in. Delay: <code>fixed 2</code>, <code>uniform 3</code> (0…3) or{' '}
        <code>geometric 1.5</code> (mean 1.5, optionally cut: <code>geometric 1.5 10</code>). Bandwidth in kbit per iteration (a number is 0.064 kbit): a message that does not fit waits, and a newer one
        replaces a message still waiting.
      </p>
      <EditableGrid rows={rows} columns={COLUMNS} basePath="microgridCoordination.communication.links" issues={issues} selectedId={null} onSelect={() => {}} onEdit={onEdit} onDelete={deleteCommunicationLink} onAdd={addCommunicationLink} addLabel="Add link" testId="mg-links" />
    </div>
  );
}
