import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, CurrentUser, Problems, Public, ZodValidationPipe, type AuthUser } from '@microbank/http';
import { signUpSchema, type SignUpDto } from './dto/sign-up.dto';
import type { UserView } from './user.view';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Public()
  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Sign a customer up; their current account opens shortly after' })
  @ApiZodBody(signUpSchema)
  signUp(@Body(new ZodValidationPipe(signUpSchema)) dto: SignUpDto, @Ip() address: string): Promise<UserView> {
    return this.users.signUp(dto, address);
  }

  @Get('me')
  @ApiOperation({ summary: 'The user the token belongs to' })
  async me(@CurrentUser() caller: AuthUser): Promise<UserView> {
    const user = await this.users.me(caller.userId);
    if (!user) throw Problems.notFound('The user');
    return user;
  }
}
