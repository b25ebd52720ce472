/** EV fleets: placeholder until the fleet table lands. */
export function EvFleetsEditor() {
  return <div className="form" data-testid="ev-fleets-editor"><p className="muted">EV fleets are edited in the scenario file for now.</p></div>;
}
