import path from 'node:path';
import { defineService } from '@microbank/service-kit';
import { AppModule } from './app.module';
import { loadCardConfig } from './config';
import { PrismaService } from './database/prisma.service';

export const cardService = defineService({
  name: 'card',
  title: 'Microbank Card API',
  root: path.join(__dirname, '..'),
  loadConfig: loadCardConfig,
  database: PrismaService,
  module: AppModule,
});
