import type { CliTask } from './types.js';
import { listops } from './listops.js';
import { kg } from './kg.js';
import { mnistAddition } from './mnist.js';

export type { CliTask, ReportSection, RunConfig, RunData, RunResults } from './types.js';

/** Every task `dccg train|eval <task>` knows: one line each (import above, entry below). */
export const cliTasks: readonly CliTask[] = [
  listops,
  kg,
  mnistAddition,
];

/** The registered task called `name`, or an error that lists the known ones. */
export function findCliTask(name: string): CliTask {
  const found = cliTasks.find((t) => t.name === name);
  if (!found) {
    throw new Error(`dccg: unknown task '${name}', expected one of: ${cliTasks.map((t) => t.name).join(', ') || '(none registered)'}`);
  }
  return found;
}
