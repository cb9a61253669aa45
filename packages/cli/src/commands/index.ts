import type { Command } from 'commander';
import { registerData } from './data.js';
import { registerEval } from './eval.js';
import { registerReport } from './report.js';
import { registerTrain } from './train.js';

/**
 * Every top-level command registers itself here, one line each, in its own module
 * (`data.ts`, `train.ts`, `eval.ts`, `report.ts`).
 */
export function registerCommands(program: Command): void {
  registerTrain(program);
  registerEval(program);
  registerReport(program);
  registerData(program);
}
