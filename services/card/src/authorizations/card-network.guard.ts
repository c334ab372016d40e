import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { Problems } from '@microbank/http';
import { InjectConfig } from '@microbank/service-kit';
import type { CardConfig } from '../config';

/**
 * The card network's routes take the network's own credential (`Authorization: Bearer <CARD_NETWORK_KEY>`), not a
 * customer's token: the network speaks for merchants, and a customer must never authorize a payment on a card.
 */
@Injectable()
export class CardNetworkGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@InjectConfig() config: CardConfig) {
    this.expected = digest(config.CARD_NETWORK_KEY);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const [scheme, key] = (request.headers.authorization ?? '').split(' ');
    // compared as digests: equal lengths, and no timing hint about how much of the key matched
    if (scheme !== 'Bearer' || !key || !timingSafeEqual(digest(key), this.expected)) {
      throw Problems.unauthorized('The card network key is required.');
    }
    return true;
  }
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}
