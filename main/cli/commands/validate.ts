/** `ggs validate FILE`: exit 0, or 2 with one "path: message" line per error on stderr. */
import type { CliCommand } from '../command.ts';
import { say, warn } from '../command.ts';
import { EXIT, type ExitCode } from '../exitCodes.ts';
import { loadScenario } from '../scenarioFile.ts';

async function validate(file: string): Promise<ExitCode> {
  const { scenario, warnings } = await loadScenario(file);
  for (const w of warnings) warn(`warning: ${w}`);
  const { network, time } = scenario;
  say(`${file}: valid ("${scenario.metadata.name}": ${network.buses.length} buses, ${network.lines.length} lines, ${time.T} period${time.T === 1 ? "" : "s"} of ${time.dtHours} h)`);
  return EXIT.ok;
}

export const validateCommand: CliCommand = (program, done) => {
  program
    .command('validate')
    .description('check a scenario file: exit 0, or 2 with one "path: message" line per error')
    .argument('<file>', 'scenario file (.ggs.json)')
    .action(async (file: string) => done(await validate(file)));
};
