import { Inject, type InjectionToken } from '@nestjs/common';
import type { Source } from '@microbank/contracts';
import type { TransactionRunner } from './sql-client';

export interface MessagingModuleOptions {
  readonly service: Source;
  readonly databaseUrl: string;
  readonly brokers: readonly string[];
  /** The provider (usually the service's PrismaService) whose `$transaction` consumers write through. */
  readonly database: InjectionToken<TransactionRunner>;
  /** Prefixes every topic and consumer group; tests use it to get topics of their own. */
  readonly topicPrefix?: string;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
export const KAFKA = Symbol('KAFKA');

/** Injects the service's KafkaJS client. */
export const InjectKafka = () => Inject(KAFKA);
