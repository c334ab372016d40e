import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  ApiProblems,
  ApiZodQuery,
  ApiZodResponse,
  CurrentUser,
  ZodValidationPipe,
  type AuthUser,
} from '@microbank/http';
import { auditRecordViewSchema } from './audit-record-view';
import { AuditQueriesService, type RecordPage, type Trail } from './audit-queries.service';
import { aggregateEventsQuerySchema, type AggregateEventsQuery } from './dto/aggregate-events.query';
import { trailQuerySchema, type TrailQuery } from './dto/trail.query';

const trailSchema = z.object({
  items: z.array(auditRecordViewSchema),
  truncated: z.boolean().describe('true when the trail is longer than the 1000 records shown'),
});

const recordPageSchema = z.object({
  items: z.array(auditRecordViewSchema),
  nextCursor: z.string().nullable().describe('pass as cursor for the next page; null on the last page'),
});

@ApiTags('audit')
@Controller('v1/audit')
export class AuditQueriesController {
  constructor(private readonly queries: AuditQueriesService) {}

  /** Analysts only. Everything that happened for one request across every service, in event time. */
  @Get('trail')
  @ApiZodQuery(trailQuerySchema)
  @ApiZodResponse(200, trailSchema, "The correlation id's records, oldest first")
  @ApiProblems(403)
  trail(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(trailQuerySchema)) query: TrailQuery,
  ): Promise<Trail> {
    return this.queries.trail(user, query.correlationId);
  }

  /** Analysts only. One aggregate's records (its Kafka key), in chain order. */
  @Get('events')
  @ApiZodQuery(aggregateEventsQuerySchema)
  @ApiZodResponse(200, recordPageSchema, "A page of the aggregate's records")
  @ApiProblems(403)
  events(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(aggregateEventsQuerySchema)) query: AggregateEventsQuery,
  ): Promise<RecordPage> {
    return this.queries.ofAggregate(user, query);
  }
}
