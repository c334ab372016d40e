import { Body, Controller, Get, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  ApiIdempotencyKey,
  ApiProblems,
  ApiZodBody,
  ApiZodResponse,
  IdempotencyKey,
  OtherBearerCredential,
  RequestOrigin,
  ZodValidationPipe,
} from '@microbank/http';
import type { Origin } from '@microbank/contracts';
import {
  authorizationViewSchema,
  refundViewSchema,
  type AuthorizationView,
  type RefundView,
} from './authorization-view';
import { AuthorizationsService } from './authorizations.service';
import { CardNetworkGuard } from './card-network.guard';
import { authorizeSchema, type AuthorizeDto } from './dto/authorize.dto';
import { captureSchema, refundSchema, type CaptureDto, type RefundDto } from './dto/capture.dto';

/**
 * The card network's side of a card payment. Every answer is the authorization itself, declines included: a
 * decline is the issuer's answer to a well-formed request, not an error of it (402, with the ISO 8583 code).
 */
@ApiTags('card network')
@OtherBearerCredential() // not a customer's token: the network's own key, checked by CardNetworkGuard
@UseGuards(CardNetworkGuard)
@Controller('v1/card-authorizations')
export class CardAuthorizationsController {
  constructor(private readonly authorizations: AuthorizationsService) {}

  @Post()
  @ApiIdempotencyKey()
  @ApiZodBody(authorizeSchema)
  @ApiZodResponse(201, authorizationViewSchema, 'Approved: the amount is held on the account until captured')
  @ApiZodResponse(202, authorizationViewSchema, 'Pending: no answer within the wait window; read it with GET later')
  @ApiZodResponse(402, authorizationViewSchema, 'Declined, with the reason and its ISO 8583 response code')
  @ApiProblems(401)
  async authorize(
    @Body(new ZodValidationPipe(authorizeSchema)) body: AuthorizeDto,
    @IdempotencyKey() key: string,
    @RequestOrigin() origin: Origin,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthorizationView> {
    const authorization = await this.authorizations.authorize(body, key, origin);
    reply.status(authorization.status === 'declined' ? 402 : authorization.status === 'pending' ? 202 : 201);
    return authorization;
  }

  @Get(':id')
  @ApiZodResponse(200, authorizationViewSchema, 'The authorization and where its payment stands')
  @ApiProblems(401, 404)
  get(@Param('id') id: string): Promise<AuthorizationView> {
    return this.authorizations.get(id);
  }

  @Post(':id/captures')
  @ApiZodBody(captureSchema)
  @ApiZodResponse(201, authorizationViewSchema, 'Captured: posted to the account, the rest of the hold released')
  @ApiZodResponse(202, authorizationViewSchema, 'Capturing: the account has not posted it yet')
  @ApiProblems(401, 404, 409, 422)
  async capture(
    @Param('id') id: string,
    @Body(new ZodValidationPipe(captureSchema)) body: CaptureDto,
    @RequestOrigin() origin: Origin,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthorizationView> {
    const authorization = await this.authorizations.capture(id, body, origin);
    reply.status(authorization.status === 'captured' ? 201 : 202);
    return authorization;
  }

  @Post(':id/reversals')
  @HttpCode(200)
  @ApiZodResponse(200, authorizationViewSchema, 'Reversed: the hold is released')
  @ApiZodResponse(202, authorizationViewSchema, 'Reversing: the account has not released the hold yet')
  @ApiProblems(401, 404, 409)
  async reverse(
    @Param('id') id: string,
    @RequestOrigin() origin: Origin,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthorizationView> {
    const authorization = await this.authorizations.reverse(id, origin);
    reply.status(authorization.status === 'reversed' ? 200 : 202);
    return authorization;
  }

  @Post(':id/refunds')
  @ApiIdempotencyKey()
  @ApiZodBody(refundSchema)
  @ApiZodResponse(201, refundViewSchema, 'Refunded: credited to the account')
  @ApiZodResponse(202, refundViewSchema, 'Pending: the account has not credited it yet')
  @ApiProblems(401, 404, 409, 422)
  async refund(
    @Param('id') id: string,
    @Body(new ZodValidationPipe(refundSchema)) body: RefundDto,
    @IdempotencyKey() key: string,
    @RequestOrigin() origin: Origin,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RefundView> {
    const refund = await this.authorizations.refund(id, body, key, origin);
    reply.status(refund.status === 'posted' ? 201 : 202);
    return refund;
  }
}
