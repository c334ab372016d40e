import { Injectable } from '@nestjs/common';
import { InjectConfig } from '@microbank/service-kit';
import type { FraudConfig } from '../config';
import { CardTestingRule } from '../rules/card-testing.rule';
import { HOUR_MS, type CardRule, type PostingRule } from '../rules/fraud-rule';
import { ImpossibleTravelRule } from '../rules/impossible-travel.rule';
import { LargeAmountRule } from '../rules/large-amount.rule';
import { NewAccountDrainRule } from '../rules/new-account-drain.rule';
import { StructuringRule } from '../rules/structuring.rule';
import { VelocityRule } from '../rules/velocity.rule';

/** Every rule, with its thresholds from configuration. */
@Injectable()
export class RuleBook {
  readonly postingRules: readonly PostingRule[];
  readonly cardRules: readonly CardRule[];
  /** How far back the posting rules look: the longest of their windows, and at least a day. */
  readonly postingLookbackMs: number;
  readonly historySize: number;

  constructor(@InjectConfig() config: FraudConfig) {
    this.postingRules = [
      new LargeAmountRule({
        absolute: config.FRAUD_LARGE_AMOUNT,
        sigmas: config.FRAUD_HISTORY_SIGMAS,
        minRatio: config.FRAUD_HISTORY_MIN_RATIO,
        historySize: config.FRAUD_HISTORY_SIZE,
      }),
      new NewAccountDrainRule({
        hours: config.FRAUD_DRAIN_HOURS,
        percent: config.FRAUD_DRAIN_PERCENT,
        minimum: config.FRAUD_DRAIN_MINIMUM,
      }),
      new StructuringRule({
        reportingThreshold: config.FRAUD_REPORTING_THRESHOLD,
        count: config.FRAUD_STRUCTURING_COUNT,
        hours: config.FRAUD_STRUCTURING_HOURS,
        marginPercent: config.FRAUD_STRUCTURING_MARGIN_PERCENT,
      }),
    ];
    this.cardRules = [
      new VelocityRule({ maxAttempts: config.FRAUD_VELOCITY_MAX, minutes: config.FRAUD_VELOCITY_MINUTES }),
      new CardTestingRule({
        count: config.FRAUD_CARD_TESTING_COUNT,
        minutes: config.FRAUD_CARD_TESTING_MINUTES,
        tinyAmount: config.FRAUD_TINY_AMOUNT,
      }),
      new ImpossibleTravelRule({ minKm: config.FRAUD_TRAVEL_MIN_KM, maxKmh: config.FRAUD_TRAVEL_MAX_KMH }),
    ];
    this.postingLookbackMs = Math.max(24, config.FRAUD_DRAIN_HOURS, config.FRAUD_STRUCTURING_HOURS) * HOUR_MS;
    this.historySize = config.FRAUD_HISTORY_SIZE;
  }
}
