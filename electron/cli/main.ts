// Entry of the `lotline` command: dispatches to one sub-command; `--help` lists them.
import { commands } from './commands/index';
import { UsageError, write, type CliIo } from './command';

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    write(io.stdout, 'Usage: lotline <command> [options]\n\nCommands:');
    for (const c of commands) write(io.stdout, `  ${c.name.padEnd(10)} ${c.summary}`);
    write(io.stdout, '\nRun `lotline <command> --help` for a command\'s options.');
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    write(io.stderr, `lotline: unknown command "${name}". Run \`lotline --help\`.`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    write(io.stdout, `Usage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      write(io.stderr, `lotline ${name}: ${err.message}\n\nUsage: ${command.usage}`);
      return 2;
    }
    write(io.stderr, `lotline ${name}: ${(err as Error).message}`);
    return 1;
  }
}
