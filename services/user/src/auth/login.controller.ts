import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, Public, ZodValidationPipe } from '@microbank/http';
import { loginSchema, type LoginDto } from './dto/login.dto';
import { LoginService } from './login.service';
import type { AccessToken } from './token-issuer';

@ApiTags('auth')
@Controller('v1/auth')
export class LoginController {
  constructor(private readonly logins: LoginService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for a short-lived access token (EdDSA JWT)' })
  @ApiZodBody(loginSchema)
  // @Ip() is the socket's peer, or the client as the trusted proxies report it (TRUSTED_PROXIES)
  login(@Body(new ZodValidationPipe(loginSchema)) dto: LoginDto, @Ip() address: string): Promise<AccessToken> {
    return this.logins.login(dto, address);
  }
}
