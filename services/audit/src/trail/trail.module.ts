import { Module } from '@nestjs/common';
import { AuditRecordsRepository } from './audit-records.repository';
import { AuditTrailConsumer } from './audit-trail.consumer';
import { AuditTrailService } from './audit-trail.service';
import { CheckpointSchedule } from './checkpoint-schedule';

@Module({
  providers: [AuditRecordsRepository, AuditTrailService, AuditTrailConsumer, CheckpointSchedule],
  exports: [AuditRecordsRepository],
})
export class TrailModule {}
