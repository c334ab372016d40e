import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Origin } from '@microbank/contracts';
import {
  ApiProblems,
  ApiZodBody,
  ApiZodQuery,
  ApiZodResponse,
  CurrentUser,
  RequestOrigin,
  ZodValidationPipe,
  type AuthUser,
} from '@microbank/http';
import { alertDetailViewSchema, alertViewSchema, type AlertDetailView, type AlertView } from './alert-view';
import { AlertsService, type AlertPage } from './alerts.service';
import { listAlertsQuerySchema, type ListAlertsQuery } from './dto/list-alerts.query';
import { resolveAlertSchema, type ResolveAlertDto } from './dto/resolve-alert.dto';

const alertPageSchema = z.object({
  items: z.array(alertViewSchema),
  nextCursor: z.string().nullable().describe('pass as cursor for the next page; null on the last page'),
});

@ApiTags('alerts')
@Controller('v1/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  /** Newest first. Analysts see every alert and may filter by customer; a customer sees their own. */
  @Get()
  @ApiZodQuery(listAlertsQuerySchema)
  @ApiZodResponse(200, alertPageSchema, 'A page of alerts')
  list(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(listAlertsQuerySchema)) query: ListAlertsQuery,
  ): Promise<AlertPage> {
    return this.alerts.list(user, query);
  }

  @Get(':id')
  @ApiZodResponse(200, alertDetailViewSchema, 'The alert, with the events that made the rule match')
  @ApiProblems(404)
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<AlertDetailView> {
    return this.alerts.get(user, id);
  }

  /** Analysts only. A false positive lifts the freeze the alert caused (the Card and Account services do it). */
  @Post(':id/resolve')
  @HttpCode(200)
  @ApiZodBody(resolveAlertSchema)
  @ApiZodResponse(200, alertViewSchema, 'The alert, resolved')
  @ApiProblems(403, 404, 409)
  resolve(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(resolveAlertSchema)) body: ResolveAlertDto,
    @RequestOrigin() origin: Origin,
  ): Promise<AlertView> {
    return this.alerts.resolve(user, id, body.resolution, body.note ?? null, origin);
  }
}
