import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiZodBody, ApiZodResponse, Public, ZodValidationPipe } from '@microbank/http';
import { loginSchema, type LoginDto } from './dto/login.dto';
import { LoginService } from './login.service';
import { accessTokenSchema, type AccessToken } from './token-issuer';

@ApiTags('auth')
@Controller('v1/auth')
export class LoginController {
  constructor(private readonly logins: LoginService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for a short-lived access token (EdDSA JWT)' })
  @ApiZodBody(loginSchema)
  @ApiZodResponse(200, accessTokenSchema, 'A bearer token for the other routes')
  // 401 for a wrong email or password, 429 while the account or address is throttled
  @ApiProblems(401, 429)
  // @Ip() is the socket's peer, or the client as the trusted proxies report it (TRUSTED_PROXIES)
  login(@Body(new ZodValidationPipe(loginSchema)) dto: LoginDto, @Ip() address: string): Promise<AccessToken> {
    return this.logins.login(dto, address);
  }
}
