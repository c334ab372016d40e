import { Module } from '@nestjs/common';
import { AlertsConsumer } from './alerts.consumer';
import { DailyReportsController } from './daily-reports.controller';
import { DailyReportsRepository } from './daily-reports.repository';
import { DailyReportsService } from './daily-reports.service';

@Module({
  controllers: [AlertsConsumer, DailyReportsController],
  providers: [DailyReportsRepository, DailyReportsService],
})
export class DailyReportsModule {}
