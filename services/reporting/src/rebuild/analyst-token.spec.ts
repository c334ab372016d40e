import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analystToken, stackDir } from './analyst-token';

/** A port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the CLI analyst token', () => {
  const dirs: string[] = [];
  const stackWith = (userEnv: string | null): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'reporting-stack-'));
    dirs.push(dir);
    if (userEnv !== null) {
      mkdirSync(path.join(dir, 'env'));
      writeFileSync(path.join(dir, 'env', 'user.env'), userEnv);
    }
    return dir;
  };

  let nobody: string;

  beforeEach(async () => {
    nobody = `http://127.0.0.1:${await closedPort()}`;
  });

  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('finds the stack at the repository root, as infra/stack does, unless MICROBANK_STACK_DIR says otherwise', () => {
    expect(stackDir({})).toBe(path.resolve(__dirname, '..', '..', '..', '..', '.stack'));
    expect(stackDir({})).toBe(path.join(process.cwd(), '.stack'));
    expect(stackDir({ MICROBANK_STACK_DIR: '/elsewhere' })).toBe('/elsewhere');
  });

  it('uses REPORTING_TOKEN as given, without logging in', async () => {
    await expect(analystToken({ REPORTING_TOKEN: 'a.b.c', USER_URL: nobody })).resolves.toBe('a.b.c');
  });

  it("logs in with the analyst credentials of the stack's user.env, at USER_URL", async () => {
    const dir = stackWith('ANALYST_EMAIL=analyst@test.local\nANALYST_PASSWORD=secret\n');
    await expect(analystToken({ MICROBANK_STACK_DIR: dir, USER_URL: nobody })).rejects.toThrow(
      `the user service is not answering at ${nobody} (ECONNREFUSED)`,
    );
  });

  it('names the file it looked in when there are no credentials', async () => {
    const dir = stackWith(null);
    await expect(analystToken({ MICROBANK_STACK_DIR: dir, USER_URL: nobody })).rejects.toThrow(
      path.join(dir, 'env', 'user.env'),
    );
  });
});
