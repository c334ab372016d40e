import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiProblems,
  ApiZodBody,
  ApiZodResponse,
  CurrentUser,
  Problems,
  Public,
  RequestOrigin,
  ZodValidationPipe,
  type AuthUser,
} from '@microbank/http';
import type { Origin } from '@microbank/contracts';
import { signUpSchema, type SignUpDto } from './dto/sign-up.dto';
import { userViewSchema, type UserView } from './user-view';
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
  @ApiZodResponse(201, userViewSchema, 'The new customer')
  @ApiProblems(409, 429)
  signUp(
    @Body(new ZodValidationPipe(signUpSchema)) dto: SignUpDto,
    @Ip() address: string,
    @RequestOrigin() origin: Origin,
  ): Promise<UserView> {
    return this.users.signUp(dto, address, origin);
  }

  @Get('me')
  @ApiOperation({ summary: 'The user the token belongs to' })
  @ApiZodResponse(200, userViewSchema, 'The caller')
  @ApiProblems(404)
  async me(@CurrentUser() caller: AuthUser): Promise<UserView> {
    const user = await this.users.me(caller.userId);
    if (!user) throw Problems.notFound('The user');
    return user;
  }
}
