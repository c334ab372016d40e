import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectConfig } from '@microbank/service-kit';
import type { CardConfig } from '../config';
import { AuthorizationsService } from './authorizations.service';

/**
 * Every CARD_EXPIRY_SWEEP_MS, expires the approved authorizations nobody captured in time. Safe on any number of
 * instances: each sweep claims its rows with SKIP LOCKED, and a row moves to `expiring` once.
 */
@Injectable()
export class ExpirySweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ExpirySweep.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly authorizations: AuthorizationsService,
    @InjectConfig() private readonly config: CardConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.CARD_EXPIRY_SWEEP_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One sweep; a sweep still running when the next is due is not doubled. */
  sweep(): Promise<void> {
    this.running ??= this.authorizations
      .expireDue(new Date())
      .then((expired) => {
        if (expired > 0) this.logger.log(`expired ${expired} uncaptured authorizations`);
      })
      .catch((error: unknown) =>
        this.logger.warn(`expiry sweep failed; the next one retries: ${(error as Error).message}`),
      )
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
