import path from 'node:path';
import { defineService } from '@microbank/service-kit';
import { AppModule } from './app.module';
import { loadAuditConfig } from './config';
import { PrismaService } from './database/prisma.service';

export const auditService = defineService({
  name: 'audit',
  title: 'Microbank Audit API',
  root: path.join(__dirname, '..'),
  loadConfig: loadAuditConfig,
  database: PrismaService,
  module: AppModule,
});
