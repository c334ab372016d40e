import path from 'node:path';
import { defineService } from '@microbank/service-kit';
import { AppModule } from './app.module';
import { loadReportingConfig } from './config';
import { PrismaService } from './database/prisma.service';

export const reportingService = defineService({
  name: 'reporting',
  title: 'Microbank Reporting API',
  root: path.join(__dirname, '..'),
  loadConfig: loadReportingConfig,
  database: PrismaService,
  module: AppModule,
});
