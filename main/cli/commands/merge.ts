/**
 * `ggs merge DIR... --out DIR`: joins the results of `ggs sweep --shard I/N`
 * runs into the result the unsharded sweep gives (docs/whatif.md). Refuses,
 * exit 2, parts of different studies, a shard given twice or one left out.
 */
import { resolve } from 'node:path';
import { mergeStudyResults, MergeError } from '../../../solver/whatif/result.ts';
import type { CliCommand } from '../command.ts';
import { say, warn } from '../command.ts';
import { CliError, EXIT, type ExitCode } from '../exitCodes.ts';
import { readStudyResult, writeStudyDir } from '../../whatif/studyFiles.ts';
import { prepareOutDir } from '../outDir.ts';

async function merge(dirs: string[], opts: { out: string; json?: boolean }): Promise<ExitCode> {
  if (dirs.some((d) => resolve(d) === resolve(opts.out))) throw new CliError([`--out ${opts.out}: is one of the parts; choose another folder`]);
  const parts = await Promise.all(dirs.map(readStudyResult));
  let merged;
  try {
    merged = mergeStudyResults(parts);
  } catch (e) {
    if (e instanceof MergeError) throw new CliError([`cannot merge: ${e.message}`]);
    throw e;
  }
  await prepareOutDir(opts.out, ''); // no scenario to protect: the parts were checked above
  const written = await writeStudyDir(opts.out, merged);
  if (opts.json) say(JSON.stringify(merged, null, 2));
  else warn(`merged ${parts.length} parts, ${merged.pointCount} points: wrote ${written.join(', ')}`);
  return EXIT.ok;
}

export const mergeCommand: CliCommand = (program, done) => {
  program
    .command('merge')
    .description('join the results of sharded sweeps (ggs sweep --shard I/N) into one')
    .argument('<dirs...>', 'folders written by ggs sweep --out (or their result.json files)')
    .requiredOption('--out <dir>', 'write the merged result.json and points.csv into this folder')
    .option('--json', 'also print the merged result.json on stdout')
    .action(async (dirs: string[], opts: { out: string; json?: boolean }) => done(await merge(dirs, opts)));
};
