/**
 * `ggs merge DIR... --out DIR`: joins the results of `ggs sweep --shard I/N`
 * runs into the result the unsharded sweep gives (docs/whatif.md). Refuses,
 * exit 2, parts of different studies, a shard given twice or one left out.
 * Interrupted (partial) shards are accepted: the merged result is partial
 * too and the command says which points are missing.
 */
import { mergeStudyResults, missingSummary, MergeError } from '../../../solver/whatif/result.ts';
import type { CliCommand } from '../command.ts';
import { say, warn } from '../command.ts';
import { CliError, EXIT, type ExitCode } from '../exitCodes.ts';
import { readStudyResult, STUDY_FILES, writeStudyDir } from '../../whatif/studyFiles.ts';
import { claimOutDir } from '../outDir.ts';

interface MergeOptions {
  out: string;
  force?: boolean;
  json?: boolean;
}

async function merge(dirs: string[], opts: MergeOptions): Promise<ExitCode> {
  // the parts are inputs: the merged result is written neither onto nor into one of them
  await claimOutDir(opts.out, STUDY_FILES, { inputs: dirs, force: opts.force });
  const parts = await Promise.all(dirs.map(readStudyResult));
  let merged;
  try {
    merged = mergeStudyResults(parts);
  } catch (e) {
    if (e instanceof MergeError) throw new CliError([`cannot merge: ${e.message}`]);
    throw e;
  }
  const written = await writeStudyDir(opts.out, merged);
  if (opts.json) say(JSON.stringify(merged, null, 2));
  else warn(`merged ${parts.length} parts, ${merged.pointCount} points: wrote ${written.join(', ')}`);
  const missing = missingSummary(merged);
  if (missing) {
    const partial = parts.filter((p) => p.missing?.length).map((p, k) => (p.shard ? `shard ${p.shard.index}/${p.shard.count}` : `part ${k + 1}`));
    warn(`partial: ${missing}, from the interrupted ${partial.join(', ')}; finish ${partial.length > 1 ? 'them' : 'it'} with ggs sweep … --resume DIR and merge again`);
  }
  return EXIT.ok;
}

export const mergeCommand: CliCommand = (program, done) => {
  program
    .command('merge')
    .description('join the results of sharded sweeps (ggs sweep --shard I/N) into one')
    .argument('<dirs...>', 'folders written by ggs sweep --out (or their result.json files)')
    .requiredOption('--out <dir>', 'write the merged result.json and points.csv into this folder')
    .option('--force', 'replace the results already in --out')
    .option('--json', 'also print the merged result.json on stdout')
    .action(async (dirs: string[], opts: MergeOptions) => done(await merge(dirs, opts)));
};
