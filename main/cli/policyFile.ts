/**
 * Policy checkpoints: the trained actors of a `train` job as a file
 * (`ggs train --checkpoint DIR` writes DIR/policy.json; `ggs train --resume`
 * and `ggs solve --policy` read it). Plain JSON: the format, the scenario's
 * name, the episodes behind the actors, the seeds and one NetWeights per
 * seed (solver/learn/network.ts). An `adn-operator` run's checkpoint is its
 * SAC actor with its temperature (the job's `policy` option).
 */
import { readFile } from 'node:fs/promises';
import { SavedActor } from '../../solver/jobs/kinds/train.ts';
import type { NetWeights } from '../../solver/learn/network.ts';
import { CliError } from './exitCodes.ts';

/** What a checkpoint file holds. */
export interface PolicyCheckpoint {
  format: 'ggs-policy';
  version: 1;
  scenario: string;
  /** training episodes behind these actors */
  episode: number;
  seeds: number[];
  policies: NetWeights[];
}

export const POLICY_FILE = 'policy.json';

export const checkpointText = (scenario: string, episode: number, seeds: number[], policies: NetWeights[]): string =>
  JSON.stringify({ format: 'ggs-policy', version: 1, scenario, episode, seeds, policies } satisfies PolicyCheckpoint) + '\n';

/** A JSON file the user named, parsed; unreadable or not JSON: an error naming the file as `what`. */
export async function readJsonFile(file: string, what: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new CliError([`${file}: not a readable ${what} (${(e as Error).message})`]);
  }
}

/** The train job's options that start from a checkpoint file: its actors and their hidden layers. */
export async function policyOptions(file: string): Promise<{ policy: NetWeights[]; hidden: number[] }> {
  const c = (await readJsonFile(file, 'checkpoint')) as Partial<PolicyCheckpoint>;
  if (c?.format !== 'ggs-policy' || !Array.isArray(c.policies)) throw new CliError([`${file}: not a policy checkpoint (written by ggs train --checkpoint DIR, as DIR/${POLICY_FILE})`]);
  const policies = c.policies.map((p, i) => {
    const parsed = SavedActor.safeParse(p);
    if (!parsed.success) throw new CliError([`${file}: policies.${i}.${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`]);
    return parsed.data;
  });
  return { policy: policies, hidden: policies[0]!.spec.hidden };
}

export const sacCheckpointText = (policy: unknown): string => JSON.stringify({ format: 'ggs-sac-policy', version: 1, policy }, null, 2) + '\n';

/** The adn-operator job's `policy` option from its checkpoint (policy.json) or the result.json of an earlier run. */
export async function sacPolicyOptions(file: string): Promise<{ policy: unknown }> {
  const doc = (await readJsonFile(file, 'checkpoint')) as { format?: string; policy?: unknown; data?: { policy?: unknown } } | null;
  const policy = doc?.format === 'ggs-sac-policy' ? doc.policy : doc?.data?.policy;
  if (!policy) throw new CliError([`${file}: not an adn-operator checkpoint (policy.json or result.json of an earlier ggs train --job adn-operator)`]);
  return { policy };
}
