import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '..', '..', '..');

/** Every service schema folder, plus this package's test schema. */
async function copies(): Promise<string[]> {
  const services = await readdir(path.join(repo, 'services')).catch(() => [] as string[]);
  const candidates = [
    ...services.map((service) => path.join('services', service, 'prisma', 'schema', 'messaging.prisma')),
    path.join('packages', 'messaging', 'test', 'prisma', 'schema', 'messaging.prisma'),
  ];
  const present = await Promise.all(
    candidates.map((file) =>
      readFile(path.join(repo, file)).then(
        () => file,
        () => undefined,
      ),
    ),
  );
  return present.filter((file): file is string => file !== undefined);
}

describe('the messaging tables', () => {
  it('are the same in every schema that includes them', async () => {
    const source = await readFile(path.join(__dirname, '..', 'prisma', 'messaging.prisma'), 'utf8');
    const files = await copies();

    expect(files).toContain(path.join('packages', 'messaging', 'test', 'prisma', 'schema', 'messaging.prisma'));
    for (const file of files) {
      expect(await readFile(path.join(repo, file), 'utf8'), file).toBe(source);
    }
  });
});
