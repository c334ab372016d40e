import { createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import { AUDIT_CHAIN, AuditCheckpointSignedV1, createEvent } from '@microbank/contracts';
import { OutboxWriter } from '@microbank/messaging';
import { InjectConfig } from '@microbank/service-kit';
import { chainHash, GENESIS_HASH } from '../chain/chained-record';
import { signCheckpoint } from '../chain/checkpoint-signature';
import type { AuditConfig } from '../config';
import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';
import { AuditRecordsRepository, type NewRecord } from './audit-records.repository';
import { decodeRecord } from './record-decoder';

/** Appends Kafka records to the hash chain, and signs checkpoints of it. */
@Injectable()
export class AuditTrailService {
  private readonly signingKey: KeyObject;
  private readonly checkpointEvery: bigint;

  constructor(
    private readonly prisma: PrismaService,
    private readonly records: AuditRecordsRepository,
    private readonly outbox: OutboxWriter,
    @InjectConfig() config: AuditConfig,
  ) {
    this.signingKey = createPrivateKey(config.AUDIT_SIGNING_KEY);
    this.checkpointEvery = BigInt(config.AUDIT_CHECKPOINT_EVERY);
  }

  /**
   * Appends one partition's records in one transaction, in offset order, skipping those already in the trail (a
   * redelivery); signs a checkpoint when the chain crosses a multiple of AUDIT_CHECKPOINT_EVERY. Returns how many
   * records were new.
   */
  async append(topic: string, partition: number, messages: readonly KafkaMessage[]): Promise<number> {
    if (messages.length === 0) return 0;
    const incoming = messages.map((message) => decodeRecord(topic, partition, message));
    return this.prisma.$transaction(async (tx) => {
      await this.records.lockChain(tx);
      // a batch is one partition's records in offset order
      const [first, last] = [incoming[0]!, incoming[incoming.length - 1]!].map((record) => BigInt(record.offset));
      const present = await this.records.offsetsPresent(tx, topic, partition, first!, last!);
      const fresh = incoming.filter((record) => !present.has(record.offset));
      if (fresh.length === 0) return 0;
      const head = await this.records.head(tx);
      const before = head?.sequence ?? 0n;
      let sequence = before;
      let hash = head?.hash ?? GENESIS_HASH;
      const recordedAt = new Date().toISOString();
      const added: NewRecord[] = fresh.map((incomingRecord) => {
        sequence++;
        const record = { ...incomingRecord, sequence: sequence.toString(), recordedAt };
        hash = chainHash(hash, record);
        return { record, hash };
      });
      await this.records.insert(tx, added);
      if (before / this.checkpointEvery < sequence / this.checkpointEvery) {
        await this.checkpoint(tx, sequence, hash);
      }
      return added.length;
    });
  }

  /** Signs a checkpoint of the head if records were appended since the last one; returns its sequence if it did. */
  checkpointIfHeadMoved(): Promise<bigint | null> {
    return this.prisma.$transaction(async (tx) => {
      await this.records.lockChain(tx);
      const head = await this.records.head(tx);
      const last = await this.records.lastCheckpoint(tx);
      if (!head || (last !== null && last >= head.sequence)) return null;
      await this.checkpoint(tx, head.sequence, head.hash);
      return head.sequence;
    });
  }

  // in the appending transaction, under the chain lock: checkpoints are published once each, in chain order
  private async checkpoint(tx: Prisma.TransactionClient, sequence: bigint, headHash: Buffer): Promise<void> {
    const claim = { sequence: sequence.toString(), headHash: headHash.toString('hex') };
    await this.records.recordCheckpoint(tx, sequence, headHash);
    await this.outbox.add(
      tx,
      createEvent(
        AuditCheckpointSignedV1,
        AUDIT_CHAIN,
        { chain: AUDIT_CHAIN, ...claim, signature: signCheckpoint(claim, this.signingKey) },
        { source: 'audit', correlationId: randomUUID() },
      ),
    );
  }
}
