/**
 * A saved DLMP surrogate for `ggs solve --job dlmp-learn --surrogate FILE`:
 * FILE is the result.json an earlier dlmp-learn run wrote with `--out`
 * (its `data.surrogate.weights`) or those weights on their own
 * (`{net, shift, scale, buses}`, solver/learn/surrogate.ts).
 */
import type { z } from 'zod';
import { SavedSurrogate } from '../../solver/jobs/kinds/dlmpLearn.ts';
import { CliError } from './exitCodes.ts';
import { readJsonFile } from './policyFile.ts';

export async function surrogateOptions(file: string): Promise<{ surrogate: z.output<typeof SavedSurrogate> }> {
  const doc = await readJsonFile(file, 'surrogate');
  const d = doc as { data?: { surrogate?: { weights?: unknown } } };
  const weights = d?.data?.surrogate?.weights ?? doc;
  const parsed = SavedSurrogate.safeParse(weights);
  if (!parsed.success) throw new CliError([`${file}: not a DLMP surrogate (the result.json of a dlmp-learn run, or its data.surrogate.weights): ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`]);
  return { surrogate: parsed.data };
}
