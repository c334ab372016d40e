import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay';

/**
 * Runs the outbox relay for the application's lifetime. Apart from the consumer transport: every service
 * that writes events relays them, whether or not it consumes any.
 */
@Injectable()
export class OutboxRelayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly relay: OutboxRelay) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  // Nest closes microservices before this hook: consumers have stopped adding rows by now
  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
