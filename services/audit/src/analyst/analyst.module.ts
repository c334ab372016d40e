import { Module } from '@nestjs/common';
import { TrailModule } from '../trail/trail.module';
import { AuditQueriesController } from './audit-queries.controller';
import { AuditQueriesService } from './audit-queries.service';

@Module({ imports: [TrailModule], controllers: [AuditQueriesController], providers: [AuditQueriesService] })
export class AnalystModule {}
