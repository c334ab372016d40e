import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// swc instead of esbuild: NestJS needs emitDecoratorMetadata, which esbuild cannot emit
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    // CI also writes a JSON report, from which .ci/run prints a one-line tally
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.test-results/vitest.json' }]] : ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{packages,services,infra}/*/src/**/*.spec.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{packages,services,infra}/*/test/**/*.int-spec.ts', 'e2e/**/*.int-spec.ts'],
          // starts the local stack once per run unless it is already up (the packages it uses are built by `tsc -b` first)
          globalSetup: ['./packages/testing/src/global-setup.ts'],
          // the tests share one cluster and some of them kill brokers: one file at a time
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
