import { Injectable } from '@nestjs/common';
import type { ChainedRecord } from '../chain/chained-record';
import { PrismaService } from '../database/prisma.service';
import { Prisma, type AuditRecord } from '../generated/prisma/client';

type Db = Prisma.TransactionClient;

// 19 columns a row: 1,000 rows stay well under PostgreSQL's 65,535 bind parameters a statement, whether or not
// Prisma would split a larger createMany itself
const INSERT_CHUNK = 1_000;

// an advisory lock namespace of its own (the two-key form), so no other lock of the database can collide with it
const CHAIN_LOCK = 0x61756463; // "audc"

export interface ChainHead {
  readonly sequence: bigint;
  readonly hash: Buffer;
}

export interface NewRecord {
  readonly record: ChainedRecord;
  readonly hash: Buffer;
}

@Injectable()
export class AuditRecordsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Makes this transaction the chain's only writer until it ends: two writers would fork the chain. */
  async lockChain(tx: Db): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK}::int, 0)`;
  }

  /**
   * Which offsets of one partition, from `first` to `last`, are in the trail already (a redelivery after a crash or
   * rebalance). A range, not a list: a batch can hold thousands of offsets.
   */
  async offsetsPresent(tx: Db, topic: string, partition: number, first: bigint, last: bigint): Promise<Set<string>> {
    const rows = await tx.auditRecord.findMany({
      where: { topic, partition, offset: { gte: first, lte: last } },
      select: { offset: true },
    });
    return new Set(rows.map((row) => row.offset.toString()));
  }

  async head(tx: Db): Promise<ChainHead | null> {
    const last = await tx.auditRecord.findFirst({
      orderBy: { sequence: 'desc' },
      select: { sequence: true, hash: true },
    });
    return last ? { sequence: last.sequence, hash: Buffer.from(last.hash) } : null;
  }

  async insert(tx: Db, records: readonly NewRecord[]): Promise<void> {
    for (let start = 0; start < records.length; start += INSERT_CHUNK) {
      await this.insertChunk(tx, records.slice(start, start + INSERT_CHUNK));
    }
  }

  private async insertChunk(tx: Db, records: readonly NewRecord[]): Promise<void> {
    await tx.auditRecord.createMany({
      data: records.map(({ record, hash }) => ({
        sequence: BigInt(record.sequence),
        topic: record.topic,
        partition: record.partition,
        offset: BigInt(record.offset),
        kafkaTimestamp: record.kafkaTimestamp === null ? null : new Date(record.kafkaTimestamp),
        key: record.key,
        headers: record.headers,
        eventId: record.eventId,
        eventType: record.eventType,
        eventVersion: record.eventVersion,
        source: record.source,
        aggregateId: record.aggregateId,
        correlationId: record.correlationId,
        causationId: record.causationId,
        occurredAt: record.occurredAt === null ? null : new Date(record.occurredAt),
        payload: record.payload === null ? Prisma.DbNull : (record.payload as Prisma.InputJsonValue),
        rawValue: record.rawValue,
        recordedAt: new Date(record.recordedAt),
        hash: new Uint8Array(hash),
      })),
    });
  }

  async lastCheckpoint(tx: Db): Promise<bigint | null> {
    const last = await tx.auditCheckpoint.findFirst({ orderBy: { sequence: 'desc' }, select: { sequence: true } });
    return last?.sequence ?? null;
  }

  async recordCheckpoint(tx: Db, sequence: bigint, headHash: Buffer): Promise<void> {
    await tx.auditCheckpoint.create({ data: { sequence, headHash: new Uint8Array(headHash) } });
  }

  /** Everything that happened for one request or event chain: in event time, then chain order. */
  trail(correlationId: string, take: number): Promise<AuditRecord[]> {
    return this.prisma.auditRecord.findMany({
      where: { correlationId },
      orderBy: [{ occurredAt: 'asc' }, { sequence: 'asc' }],
      take,
    });
  }

  /** One aggregate's records in chain order, after the previous page's last sequence. */
  ofAggregate(aggregateId: string, afterSequence: bigint | undefined, take: number): Promise<AuditRecord[]> {
    return this.prisma.auditRecord.findMany({
      where: { aggregateId, ...(afterSequence === undefined ? {} : { sequence: { gt: afterSequence } }) },
      orderBy: { sequence: 'asc' },
      take,
    });
  }
}
