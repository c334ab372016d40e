import { Module } from '@nestjs/common';
import { GroupsController } from './groups.controller';
import { LagSampler } from './lag-sampler.service';

@Module({ controllers: [GroupsController], providers: [LagSampler] })
export class GroupsModule {}
