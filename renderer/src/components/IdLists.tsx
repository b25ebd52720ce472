/** <datalist>s offering the document's profile ids and bus ids to inputs that reference them (`list={id}`). */
import { useDocument } from '../state/document.ts';

export function ProfileIdList({ id }: { id: string }) {
  const profiles = useDocument((s) => s.scenario.profiles);
  return (
    <datalist id={id}>
      {(profiles ?? []).map((p) => (
        <option key={p.id} value={p.id} />
      ))}
    </datalist>
  );
}

export function BusIdList({ id }: { id: string }) {
  const buses = useDocument((s) => s.scenario.network.buses);
  return (
    <datalist id={id}>
      {buses.map((b) => (
        <option key={b.id} value={b.id} />
      ))}
    </datalist>
  );
}
