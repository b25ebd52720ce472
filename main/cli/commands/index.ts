/** Every `ggs` command, in help order. `sweep`, `merge` and `export-lp` join here, one line each. */
import type { CliCommand } from '../command.ts';
import { validateCommand } from './validate.ts';
import { solveCommand } from './solve.ts';
import { importMatpowerCommand } from './importMatpower.ts';

export const commands: CliCommand[] = [validateCommand, solveCommand, importMatpowerCommand];
