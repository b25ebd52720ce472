/** Every `ggs` command, in help order. `sweep`, `merge` and `export-lp` join here, one line each. */
import type { CliCommand } from '../command.ts';
import { validateCommand } from './validate.ts';
import { solveCommand } from './solve.ts';
import { importMatpowerCommand } from './importMatpower.ts';
import { sweepCommand } from './sweep.ts';
import { mergeCommand } from './merge.ts';
import { exportLpCommand } from './exportLp.ts';
import { importBidsCommand } from './importBids.ts';
import { ledgerCommand } from './ledger.ts';
import { importTntpCommand } from './importTntp.ts';
import { importOpendssCommand } from './importOpendss.ts';
import { forecastCommand } from './forecast.ts';
import { trainCommand } from './train.ts';

export const commands: CliCommand[] = [validateCommand, solveCommand, sweepCommand, mergeCommand, exportLpCommand, importMatpowerCommand, importBidsCommand, importTntpCommand, importOpendssCommand, forecastCommand, trainCommand, ledgerCommand];
