/**
 * What a `ggs` command module provides: a function that adds its commander
 * definition to the program. Its action reports the exit code through `done`;
 * failures are thrown as CliError. Adding a command is one module plus one
 * line in commands/index.ts.
 */
import type { Command } from 'commander';
import type { ExitCode } from './exitCodes.ts';

export type CliCommand = (program: Command, done: (code: ExitCode) => void) => void;

/** One line to stdout (results) or stderr (diagnostics, so stdout stays parseable). */
export const say = (line: string) => void process.stdout.write(line + '\n');
export const warn = (line: string) => void process.stderr.write(line + '\n');
