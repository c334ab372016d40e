import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import type { IdempotencyKey, Prisma } from '../generated/prisma/client';

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Records the key as in flight; false when the user already used it. */
  async claim(userId: string, key: string, requestHash: string): Promise<boolean> {
    const { count } = await this.prisma.idempotencyKey.createMany({
      data: [{ userId, key, requestHash, state: 'in_flight' }],
      skipDuplicates: true,
    });
    return count === 1;
  }

  /** Takes over a key whose request died in flight (a crash between claim and completion) long ago. */
  async reclaimAbandoned(userId: string, key: string, requestHash: string, olderThan: Date): Promise<boolean> {
    const { count } = await this.prisma.idempotencyKey.updateMany({
      where: { userId, key, requestHash, state: 'in_flight', updatedAt: { lt: olderThan } },
      data: { updatedAt: new Date() },
    });
    return count === 1;
  }

  find(userId: string, key: string): Promise<IdempotencyKey | null> {
    return this.prisma.idempotencyKey.findUnique({ where: { userId_key: { userId, key } } });
  }

  /** Stores the response in the transaction that moved the money: both commit or neither does. */
  async complete(
    tx: Prisma.TransactionClient,
    userId: string,
    key: string,
    response: { status: number; body: Prisma.InputJsonValue },
  ): Promise<void> {
    await tx.idempotencyKey.update({
      where: { userId_key: { userId, key } },
      data: { state: 'completed', responseStatus: response.status, responseBody: response.body, updatedAt: new Date() },
    });
  }

  /** Frees a key whose request failed, so the client may retry with it. */
  async release(userId: string, key: string): Promise<void> {
    await this.prisma.idempotencyKey.deleteMany({ where: { userId, key, state: 'in_flight' } });
  }
}
