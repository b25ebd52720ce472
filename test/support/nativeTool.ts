/**
 * Optional native programs some tests cross-check against (glpsol, …). A test
 * that needs one skips itself with the reason when it is not installed, so a
 * bare clone passes; .ci/run installs them, so CI runs those tests.
 */
import { onPath } from '../../scripts/lib/environment.mjs';

export interface NativeTool {
  /** absolute path of the executable, or null when it is not on PATH */
  path: string | null;
  /** the skip note when it is missing: what is missing and how to install it */
  missing: string;
}

export function nativeTool(name: string, debianPackage: string): NativeTool {
  return { path: onPath(name), missing: `${name} not found on PATH (install it: sudo apt-get install -y ${debianPackage})` };
}

/** Native GLPK's command-line solver. */
export const glpsol = nativeTool('glpsol', 'glpk-utils');

/** For a `beforeEach`: skips the test with the reason when the tool is missing. */
export const requireTool =
  (tool: NativeTool) =>
  (ctx: { skip: (condition: boolean, note?: string) => void }): void =>
    ctx.skip(tool.path === null, tool.missing);
