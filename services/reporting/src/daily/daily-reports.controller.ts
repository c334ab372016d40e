import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ApiProblems,
  ApiZodQuery,
  ApiZodResponse,
  CurrentUser,
  ZodValidationPipe,
  type AuthUser,
} from '@microbank/http';
import { dailyReportQuerySchema, type DailyReportQuery } from './dto/daily-report.query';
import { dailyReportViewSchema, type DailyReportView } from './daily-report-view';
import { DailyReportsService } from './daily-reports.service';

@ApiTags('reports')
@Controller('v1/reports')
export class DailyReportsController {
  constructor(private readonly reports: DailyReportsService) {}

  /** Analysts only: the bank's postings and fraud alerts per UTC day. */
  @Get('daily')
  @ApiZodQuery(dailyReportQuerySchema)
  @ApiZodResponse(200, dailyReportViewSchema, 'Every day of the range, oldest first')
  @ApiProblems(403, 422)
  daily(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(dailyReportQuerySchema)) query: DailyReportQuery,
  ): Promise<DailyReportView> {
    return this.reports.between(user, query.from, query.to);
  }
}
