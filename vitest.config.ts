import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*'],
    // The JSON report is what .ci/run reads to print its closing `N passed, N failed` line.
    reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]],
  },
});
