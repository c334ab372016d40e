import { Injectable } from '@nestjs/common';
import {
  freezeReason,
  type FraudAlertRaisedV1,
  type FraudAlertResolvedV1,
  type Origin,
  type PayloadOf,
} from '@microbank/contracts';
import { CardsService } from '../cards/cards.service';
import type { Prisma } from '../generated/prisma/client';

type Tx = Prisma.TransactionClient;

/** Which fraud alerts freeze a card, and which resolutions lift the freeze; the cards change through CardsService. */
@Injectable()
export class FraudFreezesService {
  constructor(private readonly cards: CardsService) {}

  async alertRaised(tx: Tx, alert: PayloadOf<typeof FraudAlertRaisedV1>, origin: Origin): Promise<void> {
    if (!alert.freezeCard || !alert.cardId) return;
    await this.cards.freezeForAlert(
      tx,
      {
        alertId: alert.alertId,
        accountId: alert.accountId,
        cardId: alert.cardId,
        reason: freezeReason(alert.description),
      },
      origin,
    );
  }

  async alertResolved(tx: Tx, resolved: PayloadOf<typeof FraudAlertResolvedV1>, origin: Origin): Promise<void> {
    // a confirmed fraud keeps the card frozen: its holder cancels it and gets a new one
    if (resolved.resolution !== 'false_positive' || !resolved.cardId) return;
    await this.cards.unfreezeAfterAlert(
      tx,
      {
        alertId: resolved.alertId,
        accountId: resolved.accountId,
        cardId: resolved.cardId,
        reason: 'Fraud alert resolved as a false positive',
      },
      origin,
    );
  }
}
