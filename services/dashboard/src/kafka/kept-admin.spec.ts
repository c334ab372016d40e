import type { Kafka } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { KeptAdmin } from './kept-admin';

// Stands in for KafkaJS's admin client: what is tested is which connections are kept and closed.
function fakeKafka() {
  const admins: { connected: boolean; letConnect: () => void }[] = [];
  const kafka = {
    admin: () => {
      let letConnect!: () => void;
      const gate = new Promise<void>((resolve) => (letConnect = resolve));
      const admin = {
        connected: false,
        letConnect,
        connect: async () => {
          await gate;
          admin.connected = true;
        },
        disconnect: async () => void (admin.connected = false),
      };
      admins.push(admin);
      return admin;
    },
  } as unknown as Kafka;
  return { kafka, admins };
}

describe('KeptAdmin', () => {
  it('keeps one connection for every read until it is dropped', async () => {
    const { kafka, admins } = fakeKafka();
    const kept = new KeptAdmin(kafka);
    const first = kept.get();
    admins[0]!.letConnect();
    expect(await first).toBe(await kept.get());
    expect(admins).toHaveLength(1);

    await kept.drop();
    expect(admins[0]!.connected).toBe(false);
  });

  it('closes a connection that completes after it was dropped, and keeps the newer one', async () => {
    const { kafka, admins } = fakeKafka();
    const kept = new KeptAdmin(kafka);
    const abandoned = kept.get(); // a read that hangs while a broker dies…
    await kept.drop(); // …is given up
    const fresh = kept.get();
    admins[1]!.letConnect();
    const current = await fresh;
    admins[0]!.letConnect();

    await expect(abandoned).resolves.toBe(current);
    expect(admins.map((a) => a.connected)).toEqual([false, true]);
    expect(await kept.get()).toBe(current);
  });
});
