/**
 * vitest globalSetup: compiles the CLI once before the tests that spawn
 * `node bin/ggs.mjs`, when any source is newer than dist-cli/, so those tests
 * run the current sources and none of them pays (or prints) the rebuild.
 */
import { ensureCli } from '../../scripts/build-cli.mjs';

export default async function setup(): Promise<void> {
  await ensureCli();
}
