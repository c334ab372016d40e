import { Global, Module } from '@nestjs/common';
import { ClusterController } from './cluster.controller';
import { ClusterMonitor } from './cluster-monitor.service';

// global: the readiness check asks the monitor whether the cluster answers
@Global()
@Module({ controllers: [ClusterController], providers: [ClusterMonitor], exports: [ClusterMonitor] })
export class ClusterModule {}
