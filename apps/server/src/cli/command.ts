import { type ParseArgsConfig, parseArgs } from 'node:util';

/** One `ronghui <name>` sub-command. `run` returns the process exit code. */
export interface CliCommand {
  readonly name: string;
  /** One line for `ronghui --help`. */
  readonly summary: string;
  /** Full usage text for `ronghui <name> --help`. */
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** A command-line mistake: printed with the command's usage, exit code 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/** parseArgs with strict checking; unknown options become a CliUsageError naming the option. */
export function parseCliArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  args: readonly string[],
  options: T,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true });
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
}

/** A `ronghui <name> <sub-command>` command: each sub-command's usage joins the command's. */
export function commandWithSubcommands(spec: {
  name: string;
  summary: string;
  /** The usage text above the sub-commands' own. */
  intro: string;
  subcommands: Record<
    string,
    { run: (args: readonly string[], io: CliIo) => Promise<number>; usage: string }
  >;
}): CliCommand {
  const { subcommands } = spec;
  return {
    name: spec.name,
    summary: spec.summary,
    usage: `${spec.intro}\n\n${Object.values(subcommands)
      .map((s) => s.usage)
      .join('\n\n')}`,
    async run(args, io) {
      const [name, ...rest] = args;
      const sub = name ? subcommands[name] : undefined;
      if (!sub) {
        throw new CliUsageError(
          name
            ? `unknown sub-command "${name}"`
            : `a sub-command is required: ${Object.keys(subcommands).join(', ')}`,
        );
      }
      return sub.run(rest, io);
    },
  };
}
