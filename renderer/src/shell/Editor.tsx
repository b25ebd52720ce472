/** The centre pane: the editor of the section selected in the tree. */
import type { ReactNode } from 'react';
import type { SectionId } from '../sections.ts';
import { useSession } from '../state/session.ts';
import { BusTable } from '../network/BusTable.tsx';
import { LineTable } from '../network/LineTable.tsx';
import { OneLineDiagram } from '../network/OneLineDiagram.tsx';
import { MetadataEditor } from '../editors/MetadataEditor.tsx';
import { NetworkSettings, SubstationEditor } from '../editors/NetworkEditor.tsx';
import { ProfilesEditor } from '../editors/ProfilesEditor.tsx';
import { VppTable } from '../vpp/VppTable.tsx';
import { BuildingsEditor } from '../vpp/BuildingsEditor.tsx';
import { MarketEditor } from '../vpp/MarketEditor.tsx';
import { MicrogridCoordinationEditor, MicrogridTable } from '../microgrid/MicrogridTable.tsx';
import { DerTable } from '../opf/DerTables.tsx';
import { PORTFOLIO_EDITORS } from '../portfolio/portfolioEditors.tsx';
import { WhatifPanel } from '../whatif/WhatifPanel.tsx';
import { BAYES_EDITORS } from '../bayes/bayesEditors.tsx';
import { TRANSPORT_EDITORS } from '../transport/transportEditorsMap.tsx';
import { LearningEditor } from '../learn/LearningEditor.tsx';

/** Network sections show the diagram above their table: selecting in one selects in the other. */
const EDITORS: Record<SectionId, { title: string; diagram: boolean; body: () => ReactNode }> = {
  metadata: { title: 'Metadata & time', diagram: false, body: () => <MetadataEditor /> },
  profiles: { title: 'Profiles', diagram: false, body: () => <ProfilesEditor /> },
  network: { title: 'Network', diagram: true, body: () => <NetworkSettings /> },
  buses: { title: 'Buses', diagram: true, body: () => <BusTable /> },
  lines: { title: 'Lines', diagram: true, body: () => <LineTable /> },
  substation: { title: 'Substation', diagram: true, body: () => <SubstationEditor /> },
  vpps: { title: 'Virtual power plants', diagram: false, body: () => <VppTable /> },
  buildings: { title: 'Public buildings', diagram: false, body: () => <BuildingsEditor /> },
  market: { title: 'P2P market', diagram: false, body: () => <MarketEditor /> },
  microgrids: { title: 'Microgrids', diagram: true, body: () => <MicrogridTable /> },
  mgCoordination: { title: 'Microgrid coordination & communication links', diagram: false, body: () => <MicrogridCoordinationEditor /> },
  pv: { title: 'PV plants', diagram: true, body: () => <DerTable kind="pv" /> },
  batteries: { title: 'Batteries', diagram: true, body: () => <DerTable kind="batteries" /> },
  generators: { title: 'Generators', diagram: true, body: () => <DerTable kind="generators" /> },
  whatif: { title: 'What-if', diagram: false, body: () => <WhatifPanel /> },
  learning: { title: 'Learning community: households, market rule, training', diagram: false, body: () => <LearningEditor /> },
  ...BAYES_EDITORS,
  ...PORTFOLIO_EDITORS,
  ...TRANSPORT_EDITORS,
};

export function Editor() {
  const section = useSession((s) => s.section);
  const editor = EDITORS[section];
  return (
    <main className="editor">
      {editor.diagram && (
        <section className="diagram-pane">
          <div className="pane-title">One-line diagram</div>
          <OneLineDiagram />
        </section>
      )}
      <section className="editor-pane">
        <div className="pane-title">{editor.title}</div>
        <div className="editor-body">{editor.body()}</div>
      </section>
    </main>
  );
}
