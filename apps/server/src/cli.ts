import { type CliCommand, type CliIo, CliUsageError } from './cli/command.ts';
import { commandLoaders } from './cli/registry.ts';

const consoleIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

async function loadAll(): Promise<CliCommand[]> {
  return Promise.all(Object.values(commandLoaders).map((load) => load()));
}

async function topHelp(io: CliIo): Promise<void> {
  const commands = await loadAll();
  const width = Math.max(...commands.map((c) => c.name.length));
  io.out('Usage: ronghui <command> [options]\n\nRonghui (融汇) command-line tool.\n\nCommands:');
  for (const c of commands) io.out(`  ${c.name.padEnd(width)}  ${c.summary}`);
  io.out('\nRun `ronghui <command> --help` for the options of a command.');
}

/** Entry point: returns the exit code (0 ok, 1 failure, 2 usage error). */
export async function main(argv: readonly string[], io: CliIo = consoleIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await topHelp(io);
    return name ? 0 : 2;
  }
  const load = commandLoaders[name];
  if (!load) {
    io.err(`ronghui: unknown command "${name}". Run \`ronghui --help\` for the list.`);
    return 2;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`ronghui ${name}: ${(error as Error).message}\n\n${command.usage}`);
      return 2;
    }
    io.err(`ronghui ${name}: ${(error as Error).message}`);
    return 1;
  }
}
