import { useDocument } from '../state/document.ts';

/** <datalist> ids offered by Series inputs: profile ids; and bus ids; and the control and mode choices. */
export function VppDatalists() {
  const profiles = useDocument((s) => s.scenario.profiles);
  const buses = useDocument((s) => s.scenario.network.buses);
  return (
    <>
      <datalist id="vpp-series">
        {(profiles ?? []).map((p) => (
          <option key={p.id} value={p.id} />
        ))}
      </datalist>
      <datalist id="vpp-buses">
        {buses.map((b) => (
          <option key={b.id} value={b.id} />
        ))}
      </datalist>
      <datalist id="vpp-control">
        <option value="flexible" />
        <option value="constant" />
      </datalist>
      <datalist id="vpp-mode">
        <option value="cooling" />
        <option value="heating" />
      </datalist>
    </>
  );
}
