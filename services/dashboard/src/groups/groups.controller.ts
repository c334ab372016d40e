import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@microbank/http';
import { AnalystOnlyGuard } from '../auth/analyst-only.guard';
import type { GroupsView } from './group-lag';
import { LagSampler } from './lag-sampler.service';

@ApiTags('consumer groups')
@UseGuards(AnalystOnlyGuard)
@Controller('api/groups')
export class GroupsController {
  constructor(private readonly sampler: LagSampler) {}

  /** The services' consumer groups with their lag per partition, and each group's total lag over time. */
  @Get()
  @ApiOkResponse({ description: 'The latest sample per group, and the samples the chart draws' })
  @ApiProblems(403)
  groups(): GroupsView {
    return this.sampler.current();
  }
}
