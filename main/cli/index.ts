/**
 * `ggs`, the command line of GridGame Studio (see docs/cli.md). Returns the
 * exit code instead of exiting, so streams flush and worker threads close.
 */
import { Command, CommanderError } from 'commander';
import { VERSION } from '../../solver/version.ts';
import { commands } from './commands/index.ts';
import { warn } from './command.ts';
import { CliError, EXIT } from './exitCodes.ts';

export async function runCli(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('ggs')
    .description('GridGame Studio from the command line: validate scenarios, run jobs, import networks')
    .version(VERSION)
    .exitOverride() // inherited by every command: usage errors come back here as exceptions
    .showSuggestionAfterError();
  for (const add of commands) add(program, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (e) {
    if (e instanceof CliError) {
      e.lines.forEach(warn);
      return e.exitCode;
    }
    // commander has already printed its message (unknown option, missing argument, …)
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    warn(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    warn('please report this with the command and the scenario file');
    return EXIT.solveFailed;
  }
}
