// Opens a savings account for each of 20 customers on the bench world's service and funds it (bench/world.ts setup first).
import { randomUUID } from 'node:crypto';
import { signTestToken } from '@microbank/testing';
import { readWorld, writeWorld } from './world';

const CUSTOMERS = Number(process.env.CUSTOMERS ?? 20);
const OPENING_DEPOSIT = '100000000'; // the per-transaction maximum for EUR

async function post(url: string, token: string, body: unknown, key?: string): Promise<Record<string, string>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(key ? { 'idempotency-key': key } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, string>;
}

async function main(): Promise<void> {
  const world = readWorld();
  const base = `http://127.0.0.1:${world.port}`;
  const customers = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const userId = randomUUID();
    // long-lived, so one funding serves every run
    const token = await signTestToken(
      world.privateKey,
      { userId, email: `${userId}@bench.microbank.local`, role: 'customer' },
      { expiresIn: '6h' },
    );
    const account = await post(`${base}/v1/accounts`, token, { currency: 'EUR' });
    await post(
      `${base}/v1/accounts/${account.id}/deposits`,
      token,
      { amountMinor: OPENING_DEPOSIT, currency: 'EUR' },
      randomUUID(),
    );
    customers.push({ userId, token, accountId: account.id!, iban: account.iban! });
  }
  writeWorld({ ...world, customers });
  console.log(`funded ${customers.length} accounts`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
