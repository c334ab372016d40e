import { Module } from '@nestjs/common';
import { CustomersConsumer } from './customers.consumer';
import { CustomersRepository } from './customers.repository';

@Module({
  controllers: [CustomersConsumer],
  providers: [CustomersRepository],
  exports: [CustomersRepository],
})
export class CustomersModule {}
