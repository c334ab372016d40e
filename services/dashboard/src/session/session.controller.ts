import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentUser, type AuthUser } from '@microbank/http';
import { AnalystOnlyGuard } from '../auth/analyst-only.guard';
import { FEED_EVENT_TYPES, FEED_TOPICS } from '../events/dto/event-filter.query';
import type { SessionView } from './session-view';

@ApiTags('session')
@UseGuards(AnalystOnlyGuard)
@Controller('api/session')
export class SessionController {
  /** Who the token says the browser is: the page checks its stored token with this before it opens the streams. */
  @Get()
  @ApiOkResponse({ description: 'The analyst, when the token expires, and the feed’s filter choices' })
  @ApiProblems(403)
  session(@CurrentUser() user: AuthUser): SessionView {
    return {
      email: user.email,
      role: user.role,
      expiresAt: new Date(user.tokenExpiresAtMs).toISOString(),
      topics: FEED_TOPICS,
      eventTypes: FEED_EVENT_TYPES,
    };
  }
}
