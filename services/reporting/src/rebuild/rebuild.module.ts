import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IncompleteReadsInterceptor } from './incomplete-reads.interceptor';
import { ReadModelsRepository } from './read-models.repository';
import { RebuildController } from './rebuild.controller';
import { RebuildService } from './rebuild.service';

/** Rebuilds the read models from the log, over the service's own API. */
@Module({
  controllers: [RebuildController],
  providers: [ReadModelsRepository, RebuildService, { provide: APP_INTERCEPTOR, useClass: IncompleteReadsInterceptor }],
})
export class RebuildModule {}
