/** A scenario remembers the job it was made for (`metadata.job`): the schema checks it, every sample sets it. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JOB_KINDS } from '../../solver/jobKinds.ts';
import { setAtPath } from '../../solver/scenario/paths.ts';
import { formatIssue, validateScenario } from '../../solver/scenario/validate.ts';

const samplesDir = new URL('../../assets/scenarios/', import.meta.url);
const sample = (file: string): unknown => JSON.parse(readFileSync(new URL(file, samplesDir), 'utf8'));

/** What each sample is for; a new sample must be added here, with its job. */
const sampleJobs: Record<string, (typeof JOB_KINDS)[number]> = {
  'classroom-bid-book.ggs.json': 'mechanism',
  'classroom-dso-fees.ggs.json': 'dso-fees',
  'classroom-microgrids.ggs.json': 'mg-bargaining',
  'classroom-two-vpps.ggs.json': 'vpp-game',
  'community-entities.ggs.json': 'mechanism',
  'community-learning.ggs.json': 'train',
  'ev-parking-lot.ggs.json': 'ev-bayesian',
  'household-forecast.ggs.json': 'forecast',
  'ieee33-day.ggs.json': 'powerflow',
  'ieee33-der.ggs.json': 'opf',
  'ieee33-dso-fees.ggs.json': 'dso-fees',
  'ieee33-microgrids.ggs.json': 'mg-bargaining',
  'ieee33.ggs.json': 'powerflow',
  'k-double-auction.ggs.json': 'kda',
  'retailer-portfolio.ggs.json': 'portfolio',
  'riverside-evcs.ggs.json': 'evcs-market',
  'riverside-traffic.ggs.json': 'traffic',
  'small-community-market.ggs.json': 'mechanism',
  'three-vpps.ggs.json': 'vpp-game',
};

describe('metadata.job', () => {
  it('is optional: a scenario without it is valid and names no job', () => {
    const doc = sample('ieee33.ggs.json') as { metadata: Record<string, unknown> };
    const { job: _job, ...metadata } = doc.metadata;
    const result = validateScenario({ ...doc, metadata });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.metadata.job).toBeUndefined();
  });

  it('accepts every job kind', () => {
    for (const kind of JOB_KINDS) {
      const result = validateScenario(setAtPath(sample('ieee33.ggs.json'), 'metadata.job', kind));
      expect(result.ok && result.value.metadata.job, kind).toBe(kind);
    }
  });

  it('refuses a name that is not a job kind, with its path and the kinds there are', () => {
    const result = validateScenario(setAtPath(sample('ieee33.ggs.json'), 'metadata.job', 'vpp'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map(formatIssue)).toEqual([expect.stringMatching(/^metadata\.job: must be "powerflow" or "opf" or "vpp-game" .*not the text "vpp"$/)]);
  });
});

describe('the samples in assets/scenarios/', () => {
  const files = readdirSync(samplesDir).filter((f) => f.endsWith('.ggs.json')).sort();

  it('are all listed here with the job they are for', () => {
    expect(files).toEqual(Object.keys(sampleJobs).sort());
  });

  it.each(files)('%s is valid and names its job', (file) => {
    const result = validateScenario(sample(file));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.metadata.job).toBe(sampleJobs[file]);
  });
});
