import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule, HealthModule } from '@microbank/http';
import { ClusterModule } from './cluster/cluster.module';
import { ClusterMonitor } from './cluster/cluster-monitor.service';
import type { DashboardConfig } from './config';
import { FeedsModule } from './feeds.module';
import { GroupsModule } from './groups/groups.module';
import { KafkaModule } from './kafka/kafka.module';
import { SessionController } from './session/session.controller';
import { UiAssets } from './ui-assets/ui-assets';
import { UiAssetsController } from './ui-assets/ui-assets.controller';

/** The dashboard: no database, no outbox — Kafka, ZooKeeper and the analysts' tokens are all it reads. */
@Module({})
export class AppModule {
  static forRoot(config: DashboardConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        KafkaModule.forRoot(config),
        AuthModule.forRoot({ publicKey: config.JWT_PUBLIC_KEY }),
        HealthModule.forRoot({
          inject: [ClusterMonitor],
          checks: (monitor: ClusterMonitor) => ({
            kafka: async () => {
              const { error, readAt } = monitor.current();
              if (error !== null) throw new Error(error);
              return { readAt };
            },
          }),
        }),
        ClusterModule,
        GroupsModule,
        FeedsModule,
      ],
      controllers: [SessionController, UiAssetsController],
      providers: [UiAssets],
    };
  }
}
