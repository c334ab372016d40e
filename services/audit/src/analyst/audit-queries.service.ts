import { Injectable } from '@nestjs/common';
import { DomainError, type Actor } from '@microbank/domain';
import { AuditRecordsRepository } from '../trail/audit-records.repository';
import { toAuditRecordView, type AuditRecordView } from './audit-record-view';
import type { AggregateEventsQuery } from './dto/aggregate-events.query';

// one request's trail is a handful of records; past this it is a runaway chain, shown in part
export const TRAIL_LIMIT = 1000;

export interface Trail {
  items: AuditRecordView[];
  truncated: boolean;
}

export interface RecordPage {
  items: AuditRecordView[];
  nextCursor: string | null;
}

/** What analysts read of the trail. Customers read nothing here: the trail holds every customer's events. */
@Injectable()
export class AuditQueriesService {
  constructor(private readonly records: AuditRecordsRepository) {}

  async trail(actor: Actor, correlationId: string): Promise<Trail> {
    this.mustBeAnalyst(actor);
    const rows = await this.records.trail(correlationId, TRAIL_LIMIT + 1);
    return { items: rows.slice(0, TRAIL_LIMIT).map(toAuditRecordView), truncated: rows.length > TRAIL_LIMIT };
  }

  async ofAggregate(actor: Actor, query: AggregateEventsQuery): Promise<RecordPage> {
    this.mustBeAnalyst(actor);
    const after = query.cursor === undefined ? undefined : BigInt(query.cursor);
    const rows = await this.records.ofAggregate(query.aggregateId, after, query.limit + 1);
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(toAuditRecordView),
      nextCursor: rows.length > query.limit ? page[page.length - 1]!.sequence.toString() : null,
    };
  }

  private mustBeAnalyst(actor: Actor): void {
    if (actor.role !== 'analyst') throw DomainError.forbidden('Only bank staff (analysts) read the audit trail.');
  }
}
