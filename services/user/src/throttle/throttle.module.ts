import { Module } from '@nestjs/common';
import { ThrottleRepository } from './throttle.repository';

@Module({
  providers: [ThrottleRepository],
  exports: [ThrottleRepository],
})
export class ThrottleModule {}
