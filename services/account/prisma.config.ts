import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma 6.19 without native engines: the WASM schema engine through the pg adapter (see packages/database)
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(__dirname, 'prisma', 'schema'),
  migrations: { path: path.join(__dirname, 'prisma', 'migrations') },
  async adapter() {
    const { PrismaPg } = await import('@prisma/adapter-pg');
    const { createPool } = await import('@microbank/database');
    return new PrismaPg(createPool(process.env.DATABASE_URL!, { allowExitOnIdle: true }));
  },
});
