/** The Run panel opens on the job an opened scenario was made for (`metadata.job`); Ctrl+Enter runs that job. */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { newDocument, openDocument, openSample } from '../../renderer/src/actions/documentActions.ts';
import { currentRequest } from '../../renderer/src/actions/runActions.ts';
import type { Host } from '../../renderer/src/host/Host.ts';
import { setHost } from '../../renderer/src/host/hostRef.ts';
import { commandForKey } from '../../renderer/src/shell/commands.ts';
import { emptyScenario, useDocument } from '../../renderer/src/state/document.ts';
import { openingJob, useSession } from '../../renderer/src/state/session.ts';

const sampleText = (name: string) => readFileSync(new URL(`../../assets/scenarios/${name}`, import.meta.url), 'utf8');
let fileToOpen = '';
setHost({ open: async () => ({ path: `/tmp/${fileToOpen}`, name: fileToOpen, text: sampleText(fileToOpen) }) } as unknown as Host);

const kind = () => useSession.getState().job.kind;
/** the fields of Ctrl+Enter that commandForKey reads (Node has no KeyboardEvent) */
const ctrlEnter = { key: 'Enter', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false } as KeyboardEvent;

describe('the job a document opens on', () => {
  beforeEach(() => {
    useDocument.getState().load(emptyScenario(), { path: null, name: 'untitled.ggs.json' });
    useSession.setState((s) => ({ job: { ...s.job, kind: 'powerflow', running: false } }));
  });

  it('File → Samples → classroom VPPs: the VPP game, and Ctrl+Enter would run it', async () => {
    await openSample('classroom-two-vpps');
    expect(useDocument.getState().file.name).toBe('classroom-two-vpps.ggs.json');
    expect(kind()).toBe('vpp-game');
    expect(commandForKey(ctrlEnter)).toBe('run');
    expect(currentRequest().kind).toBe('vpp-game');
  });

  it('File → Open: the opened file’s job (OPF for the DER sample, the auction for the k-double auction)', async () => {
    fileToOpen = 'ieee33-der.ggs.json';
    await openDocument();
    expect(kind()).toBe('opf');
    fileToOpen = 'k-double-auction.ggs.json';
    await openDocument();
    expect(kind()).toBe('kda');
  });

  it('a scenario with no job of its own (a new document) opens on the power flow', async () => {
    await openSample('ev-parking-lot');
    expect(kind()).toBe('ev-bayesian');
    await newDocument();
    expect(kind()).toBe('powerflow');
    expect(openingJob(emptyScenario())).toBe('powerflow');
  });

  it('a running job keeps its kind when another document is opened', async () => {
    useSession.setState((s) => ({ job: { ...s.job, kind: 'opf', running: true } }));
    await openSample('classroom-two-vpps');
    expect(kind()).toBe('opf');
  });
});
