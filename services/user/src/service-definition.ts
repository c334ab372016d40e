import path from 'node:path';
import { defineService } from '@microbank/service-kit';
import { AppModule } from './app.module';
import { loadUserConfig } from './config';
import { PrismaService } from './database/prisma.service';

export const userService = defineService({
  name: 'user',
  title: 'Microbank User API',
  root: path.join(__dirname, '..'),
  loadConfig: loadUserConfig,
  database: PrismaService,
  module: AppModule,
});
