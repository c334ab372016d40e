import { Module } from '@nestjs/common';
import { LoginModule } from './auth/login.module';
import { UsersModule } from './users/users.module';

/** The service's features; the service kit adds configuration, database, messaging, auth and health. */
@Module({ imports: [UsersModule, LoginModule] })
export class AppModule {}
