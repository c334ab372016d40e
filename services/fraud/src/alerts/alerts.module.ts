import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { AlertRaiser } from './alert-raiser.service';
import { AlertStreamController } from './alert-stream.controller';
import { AlertStream } from './alert-stream.service';
import { AlertsController } from './alerts.controller';
import { AlertsRepository } from './alerts.repository';
import { AlertsService } from './alerts.service';

@Module({
  imports: [CustomersModule],
  controllers: [AlertStreamController, AlertsController],
  providers: [AlertsRepository, AlertsService, AlertRaiser, AlertStream],
  exports: [AlertRaiser],
})
export class AlertsModule {}
