import { Body, Controller, Get, Header, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  ApiProblems,
  ApiZodBody,
  ApiZodQuery,
  ApiZodResponse,
  CurrentUser,
  RequestOrigin,
  ZodValidationPipe,
  type AuthUser,
} from '@microbank/http';
import type { Origin } from '@microbank/contracts';
import { cardViewSchema, issuedCardViewSchema, type CardView, type IssuedCardView } from './card-view';
import { CardsService } from './cards.service';
import { cardLimitsSchema, type CardLimitsDto } from './dto/card-limits.dto';
import { issueCardSchema, type IssueCardDto } from './dto/issue-card.dto';
import { listCardsQuerySchema, type ListCardsQuery } from './dto/list-cards.query';

@ApiTags('cards')
@Controller('v1/cards')
export class CardsController {
  constructor(private readonly cards: CardsService) {}

  /** The response is the only place the full card number and CVC ever appear: it must not be cached. */
  @Post()
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  @ApiZodBody(issueCardSchema)
  @ApiZodResponse(201, issuedCardViewSchema, 'The new card, with its number and CVC shown this once')
  @ApiProblems(403, 404, 409)
  issue(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(issueCardSchema)) body: IssueCardDto,
    @RequestOrigin() origin: Origin,
  ): Promise<IssuedCardView> {
    return this.cards.issue(user, body.accountId, origin);
  }

  @Get()
  @ApiZodQuery(listCardsQuerySchema)
  @ApiZodResponse(200, z.object({ items: z.array(cardViewSchema) }), 'The cards the caller may read, masked')
  async list(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(listCardsQuerySchema)) query: ListCardsQuery,
  ): Promise<{ items: CardView[] }> {
    return { items: await this.cards.list(user, query) };
  }

  @Get(':id')
  @ApiZodResponse(200, cardViewSchema, 'The card, masked')
  @ApiProblems(404)
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<CardView> {
    return this.cards.get(user, id);
  }

  @Post(':id/freeze')
  @HttpCode(200)
  @ApiZodResponse(200, cardViewSchema, 'The card, frozen: it declines payments until unfrozen')
  @ApiProblems(403, 404, 409)
  freeze(@CurrentUser() user: AuthUser, @Param('id') id: string, @RequestOrigin() origin: Origin): Promise<CardView> {
    return this.cards.freeze(user, id, origin);
  }

  @Post(':id/unfreeze')
  @HttpCode(200)
  @ApiZodResponse(200, cardViewSchema, 'The card, active again')
  @ApiProblems(403, 404, 409)
  unfreeze(@CurrentUser() user: AuthUser, @Param('id') id: string, @RequestOrigin() origin: Origin): Promise<CardView> {
    return this.cards.unfreeze(user, id, origin);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiZodResponse(200, cardViewSchema, 'The card, cancelled for good')
  @ApiProblems(403, 404, 409)
  cancel(@CurrentUser() user: AuthUser, @Param('id') id: string, @RequestOrigin() origin: Origin): Promise<CardView> {
    return this.cards.cancel(user, id, origin);
  }

  @Put(':id/limits')
  @ApiZodBody(cardLimitsSchema)
  @ApiZodResponse(200, cardViewSchema, 'The card with its new limits')
  @ApiProblems(403, 404, 409, 422)
  setLimits(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(cardLimitsSchema)) body: CardLimitsDto,
    @RequestOrigin() origin: Origin,
  ): Promise<CardView> {
    return this.cards.setLimits(user, id, body, origin);
  }
}
