import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule, HealthModule } from '@microbank/http';
import { KafkaReadiness, MessagingModule, outboxHealthCheck } from '@microbank/messaging';
import { AccountsModule } from './accounts/accounts.module';
import { ACCOUNT_CONFIG, type AccountConfig } from './config';
import { DatabaseModule } from './database/database.module';
import { PrismaService } from './database/prisma.service';
import { LedgerModule } from './ledger/ledger.module';

@Module({})
export class AppModule {
  static forRoot(config: AccountConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        {
          module: ConfigHolderModule,
          global: true,
          providers: [{ provide: ACCOUNT_CONFIG, useValue: config }],
          exports: [ACCOUNT_CONFIG],
        },
        DatabaseModule,
        MessagingModule.forRoot({
          service: 'account',
          databaseUrl: config.DATABASE_URL,
          brokers: config.KAFKA_BROKERS,
          database: PrismaService,
          topicPrefix: config.KAFKA_TOPIC_PREFIX,
        }),
        AuthModule.forRoot({ publicKey: config.JWT_PUBLIC_KEY }),
        HealthModule.forRoot({
          inject: [PrismaService, KafkaReadiness],
          checks: (prisma: PrismaService, kafka: KafkaReadiness) => ({
            database: () => prisma.ping(),
            kafka: () => kafka.check(),
            outbox: outboxHealthCheck(prisma),
          }),
        }),
        AccountsModule,
        LedgerModule,
      ],
    };
  }
}

@Module({})
class ConfigHolderModule {}
