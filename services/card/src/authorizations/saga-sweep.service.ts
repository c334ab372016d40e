import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectConfig } from '@microbank/service-kit';
import { OutboxWriter } from '@microbank/messaging';
import type { CardConfig } from '../config';
import { PrismaService } from '../database/prisma.service';
import { AuthorizationsRepository } from './authorizations.repository';
import { refundRequestFor, requestFor } from './saga-events';

const BATCH = 100;

/**
 * Every CARD_SAGA_SWEEP_MS: expires the approved authorizations nobody captured in time, and asks the account
 * again for every step it has not answered within CARD_SAGA_RESEND_SECONDS (an answer dead-lettered or lost, the
 * account service down): the account answers a step it has seen with where the hold stands, so asking twice is
 * safe. Safe on any number of instances: each sweep claims its rows with SKIP LOCKED.
 */
@Injectable()
export class SagaSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SagaSweep.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly prisma: PrismaService,
    private readonly authorizations: AuthorizationsRepository,
    private readonly outbox: OutboxWriter,
    @InjectConfig() private readonly config: CardConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.CARD_SAGA_SWEEP_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One sweep; a sweep still running when the next is due is not doubled. */
  sweep(): Promise<void> {
    this.running ??= (async () => {
      const now = new Date();
      const expired = await this.expireDue(now);
      const resent = await this.resendStale(now);
      if (expired > 0) this.logger.log(`expired ${expired} uncaptured authorizations`);
      if (resent > 0) this.logger.warn(`asked the account again for ${resent} unanswered saga steps`);
    })()
      .catch((error: unknown) =>
        this.logger.warn(`saga sweep failed; the next one retries: ${(error as Error).message}`),
      )
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** Approved authorizations past their time become `expiring`, and the account is asked to release their holds. */
  private async expireDue(now: Date): Promise<number> {
    return this.inBatches(async (tx) => {
      const due = await this.authorizations.claimExpired(tx, now, BATCH);
      // a sweep, not a request: each expiry starts its own correlation
      await this.outbox.add(
        tx,
        ...due.map((a) => requestFor(a, { correlationId: `expiry-${a.id}`, causationId: null })),
      );
      return due.length;
    });
  }

  private async resendStale(now: Date): Promise<number> {
    const before = new Date(now.getTime() - this.config.CARD_SAGA_RESEND_SECONDS * 1000);
    const steps = await this.inBatches(async (tx) => {
      const stale = await this.authorizations.claimStale(tx, before, now, BATCH);
      await this.outbox.add(
        tx,
        ...stale.map((a) => requestFor(a, { correlationId: a.correlationId, causationId: null })),
      );
      return stale.length;
    });
    const refunds = await this.inBatches(async (tx) => {
      const stale = await this.authorizations.claimStaleRefunds(tx, before, now, BATCH);
      await this.outbox.add(
        tx,
        ...stale.map((r) =>
          refundRequestFor(r.authorization, r, { correlationId: r.authorization.correlationId, causationId: null }),
        ),
      );
      return stale.length;
    });
    return steps + refunds;
  }

  private async inBatches(batch: (tx: Parameters<Parameters<PrismaService['$transaction']>[0]>[0]) => Promise<number>) {
    let total = 0;
    for (;;) {
      const done = await this.prisma.$transaction(batch);
      total += done;
      if (done < BATCH) return total;
    }
  }
}
