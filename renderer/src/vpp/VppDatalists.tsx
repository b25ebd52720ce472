import { BusIdList, ProfileIdList } from '../components/IdLists.tsx';

/** <datalist>s the VPP editors offer: profile ids (Series fields), bus ids, and the control and mode choices. */
export function VppDatalists() {
  return (
    <>
      <ProfileIdList id="vpp-series" />
      <BusIdList id="vpp-buses" />
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
