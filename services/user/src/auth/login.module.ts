import { Module } from '@nestjs/common';
import { ThrottleModule } from '../throttle/throttle.module';
import { UsersModule } from '../users/users.module';
import { AnalystBootstrap } from './analyst-bootstrap';
import { LoginController } from './login.controller';
import { LoginService } from './login.service';
import { TokenIssuer } from './token-issuer';

@Module({
  imports: [UsersModule, ThrottleModule],
  controllers: [LoginController],
  providers: [LoginService, TokenIssuer, AnalystBootstrap],
})
export class LoginModule {}
