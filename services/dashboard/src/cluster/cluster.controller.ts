import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@microbank/http';
import { AnalystOnlyGuard } from '../auth/analyst-only.guard';
import { ClusterMonitor } from './cluster-monitor.service';
import type { ClusterView } from './cluster-view';

@ApiTags('cluster')
@UseGuards(AnalystOnlyGuard)
@Controller('api/cluster')
export class ClusterController {
  constructor(private readonly monitor: ClusterMonitor) {}

  /** Brokers (up or down), the active controller, the ZooKeeper leader, and every partition's leader, replicas and ISR. */
  @Get()
  @ApiOkResponse({ description: 'The cluster as last read (readAt), with the error if the last read failed' })
  @ApiProblems(403)
  cluster(): ClusterView {
    return this.monitor.current();
  }
}
