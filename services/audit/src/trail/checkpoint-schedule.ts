import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectConfig } from '@microbank/service-kit';
import type { AuditConfig } from '../config';
import { AuditTrailService } from './audit-trail.service';

/**
 * Signs a checkpoint every AUDIT_CHECKPOINT_SECONDS when the chain grew since the last one, so a quiet bank's last
 * records are vouched for within seconds and not only once the next thousand arrive.
 */
@Injectable()
export class CheckpointSchedule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CheckpointSchedule.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    private readonly trail: AuditTrailService,
    @InjectConfig() private readonly config: AuditConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  // before the pool closes: a checkpoint being signed finishes first
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.trail
        .checkpointIfHeadMoved()
        .catch((error: Error) => this.logger.warn(`could not sign a checkpoint; trying again: ${error.message}`))
        .finally(() => this.schedule());
    }, this.config.AUDIT_CHECKPOINT_SECONDS * 1000);
  }
}
