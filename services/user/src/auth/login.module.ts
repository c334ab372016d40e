import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { AnalystBootstrap } from './analyst-bootstrap';
import { LoginThrottleRepository } from './login-throttle.repository';
import { LoginController } from './login.controller';
import { LoginService } from './login.service';
import { TokenIssuer } from './token-issuer';

@Module({
  imports: [UsersModule],
  controllers: [LoginController],
  providers: [LoginService, LoginThrottleRepository, TokenIssuer, AnalystBootstrap],
})
export class LoginModule {}
