import { resolve } from 'node:path';
import type { Command } from 'commander';
import { writeReport } from './train.js';

/** `dccg report DIR`: rebuilds `report.html` from a run directory. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('rebuild report.html from a run directory (works on unfinished runs too)')
    .argument('<dir>', 'run directory written by dccg train')
    .action((dir: string) => {
      const path = writeReport(resolve(dir));
      process.stdout.write(`${path}\n`);
    });
}
