import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiZodResponse, CurrentUser, type AuthUser } from '@microbank/http';
import { rebuildStateSchema, type RebuildState } from './rebuild-state';
import { RebuildService } from './rebuild.service';

@ApiTags('rebuild')
@Controller('v1/reports/rebuild')
export class RebuildController {
  constructor(private readonly rebuild: RebuildService) {}

  /** Analysts only. Rebuilds every read model from the earliest offsets; reads answer meanwhile, incompletely. */
  @Post()
  @HttpCode(202)
  @ApiZodResponse(202, rebuildStateSchema, 'The rebuild started; follow it with GET')
  @ApiProblems(403, 409)
  start(@CurrentUser() user: AuthUser): RebuildState {
    return this.rebuild.start(user);
  }

  /** Analysts only. The last rebuild's state, or idle. */
  @Get()
  @ApiZodResponse(200, rebuildStateSchema, 'The state of the last rebuild')
  @ApiProblems(403)
  state(@CurrentUser() user: AuthUser): RebuildState {
    return this.rebuild.state(user);
  }
}
