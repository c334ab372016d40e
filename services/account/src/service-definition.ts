import path from 'node:path';
import { defineService } from '@microbank/service-kit';
import { AppModule } from './app.module';
import { loadAccountConfig } from './config';
import { PrismaService } from './database/prisma.service';

export const accountService = defineService({
  name: 'account',
  title: 'Microbank Account API',
  root: path.join(__dirname, '..'),
  loadConfig: loadAccountConfig,
  database: PrismaService,
  module: AppModule,
});
