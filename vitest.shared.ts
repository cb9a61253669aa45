import { fileURLToPath } from 'node:url';

const packages = fileURLToPath(new URL('./packages/', import.meta.url));

/**
 * Tests run against the workspace's TypeScript sources, not its builds: `@dccg/x` resolves to
 * `packages/x/src/index.ts` and `@dccg/x/sub` to `packages/x/src/sub.ts`, so `pnpm test` needs no
 * build step and a change in one package is seen at once by the tests of the packages above it.
 */
export const workspaceAliases = [
  { find: /^@dccg\/([a-z-]+)$/, replacement: `${packages}$1/src/index.ts` },
  { find: /^@dccg\/([a-z-]+)\/([a-z-]+)$/, replacement: `${packages}$1/src/$2.ts` },
];
