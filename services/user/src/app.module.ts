import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule, HealthModule } from '@microbank/http';
import { KafkaReadiness, MessagingModule, outboxHealthCheck } from '@microbank/messaging';
import { LoginModule } from './auth/login.module';
import { USER_CONFIG, type UserConfig } from './config';
import { PrismaService } from './database/prisma.service';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static register(config: UserConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        MessagingModule.forRoot({
          service: 'user',
          databaseUrl: config.DATABASE_URL,
          brokers: config.KAFKA_BROKERS,
          database: PrismaService,
          topicPrefix: config.KAFKA_TOPIC_PREFIX,
        }),
        AuthModule.forRoot({ publicKey: config.JWT_PUBLIC_KEY }),
        HealthModule.forRoot({
          inject: [PrismaService, KafkaReadiness],
          checks: (prisma: PrismaService, kafka: KafkaReadiness) => ({
            database: async () => void (await prisma.$queryRaw`SELECT 1`),
            kafka: () => kafka.check(),
            outbox: outboxHealthCheck(prisma),
          }),
        }),
        UsersModule,
        LoginModule,
      ],
      providers: [
        { provide: USER_CONFIG, useValue: config },
        { provide: PrismaService, useFactory: () => new PrismaService(config.DATABASE_URL) },
      ],
      exports: [USER_CONFIG, PrismaService],
    };
  }
}
