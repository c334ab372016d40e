import path from 'node:path';
import { defineService } from '@microbank/service-kit';
import { AppModule } from './app.module';
import { loadFraudConfig } from './config';
import { PrismaService } from './database/prisma.service';

export const fraudService = defineService({
  name: 'fraud',
  title: 'Microbank Fraud API',
  root: path.join(__dirname, '..'),
  loadConfig: loadFraudConfig,
  database: PrismaService,
  module: AppModule,
});
