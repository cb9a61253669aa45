import type { Command } from 'commander';

/**
 * Every top-level command registers itself here, one line each, in its own module
 * (`data.ts`, `train.ts`, `eval.ts`, `report.ts`).
 */
export function registerCommands(_program: Command): void {}
