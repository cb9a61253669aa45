import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';

/** Builds the `dccg` program; each command lives in its own module under `commands/`. */
export function buildProgram(): Command {
  const program = new Command('dccg')
    .description('Train, evaluate and inspect discrete-continuous computation graphs (Friede & Niepert, NeurIPS 2021).')
    .showHelpAfterError()
    .exitOverride();
  registerCommands(program);
  return program;
}

/** Runs `dccg` on `argv` (as `process.argv`: node, script, then arguments) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    // Commands report their own status (e.g. 130 for a run stopped by Ctrl-C) through process.exitCode.
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    throw err;
  }
}
