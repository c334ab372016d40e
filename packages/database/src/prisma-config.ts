import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';
import { createPool } from './create-pool';

/**
 * The `prisma.config.ts` of a package whose schema folder and migrations are in `<dir>/prisma/`: Prisma 6.19
 * without native engines, so the CLI runs the WASM schema engine through the pg adapter (on `DATABASE_URL`).
 * Usage: `export default definePrismaConfig(__dirname);`
 */
export function definePrismaConfig(dir: string): ReturnType<typeof defineConfig> {
  return defineConfig({
    experimental: { adapter: true },
    engine: 'js',
    schema: path.join(dir, 'prisma', 'schema'),
    migrations: { path: path.join(dir, 'prisma', 'migrations') },
    // allowExitOnIdle: the CLI exits when it is done instead of waiting for idle connections to time out
    adapter: () => Promise.resolve(new PrismaPg(createPool(process.env.DATABASE_URL!, { allowExitOnIdle: true }))),
  });
}
