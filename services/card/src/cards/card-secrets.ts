import { Injectable } from '@nestjs/common';
import { createHmac, randomInt } from 'node:crypto';
import { InjectConfig } from '@microbank/service-kit';
import type { CardConfig } from '../config';
import { luhnCheckDigit } from './luhn';

/**
 * Everything that touches a full card number (PCI DSS 3.4/3.5: the PAN is never stored or logged in clear, the CVC
 * never stored at all). The database keeps a keyed hash of the PAN, to find the card when a payment names it; the
 * CVC is derived from the PAN and expiry with a key, as an issuer's CVK does, so it can be checked, never read back.
 */
@Injectable()
export class CardSecrets {
  constructor(@InjectConfig() private readonly config: CardConfig) {}

  /** A fresh 16-digit PAN in the bank's BIN range, Luhn-valid. */
  newPan(): string {
    let body = this.config.CARD_BIN;
    while (body.length < 15) body += String(randomInt(10));
    return body + String(luhnCheckDigit(body));
  }

  panHash(pan: string): string {
    return createHmac('sha256', this.config.CARD_PAN_KEY).update(pan).digest('hex');
  }

  /**
   * A card network request's fingerprint, to tell a retry from a reused idempotency key. Keyed like the PAN hash:
   * the request holds the PAN and CVC, and a plain hash of so few digits is easily reversed.
   */
  requestHash(request: unknown): string {
    const canonical = JSON.stringify(request, (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    );
    return createHmac('sha256', this.config.CARD_PAN_KEY).update(`request|${canonical}`).digest('hex');
  }

  /** Three digits from an HMAC of the PAN and expiry ("YYYY-MM"). */
  cvcOf(pan: string, expiresOn: string): string {
    const mac = createHmac('sha256', this.config.CARD_CVC_KEY).update(`${pan}|${expiresOn}`).digest();
    return String(mac.readUInt32BE(0) % 1000).padStart(3, '0');
  }
}
