#!/usr/bin/env -S npx tsx
/**
 * Writes assets/scenarios/riverside-evcs.ggs.json, the sample of the
 * evcs-market job (docs/models/evcs.md): our own city Riverside
 * (solver/transport/gridCity.ts, the traffic sample's roads and 18 000 veh/h
 * of background trips) with four charging stations, 60 EVs an hour to
 * charge, and the IEEE 123-bus feeder imported from
 * assets/networks/opendss/ieee123 (BSD-3, its License.txt) with three
 * prosumers: `npx tsx scripts/samples/evcs.ts`. A test keeps the file equal
 * to what this writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { evcsSample } from '../../solver/evcs/sample.ts';
import { importOpendss } from '../../solver/import/opendss.ts';


const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const master = 'assets/networks/opendss/ieee123/Run_IEEE123Bus.DSS';
const read = (p: string) => {
  try {
    return readFileSync(path.join(root, p), 'utf8');
  } catch {
    return undefined;
  }
};
const feeder = importOpendss(master, read).scenario;
writeFileSync(path.join(root, 'assets/scenarios/riverside-evcs.ggs.json'), JSON.stringify(evcsSample(feeder), null, 2) + '\n');
