import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ApiIdempotencyKey,
  ApiProblems,
  ApiZodBody,
  ApiZodResponse,
  CurrentUser,
  IdempotencyKey,
  Problems,
  RequestOrigin,
  ZodValidationPipe,
  type AuthUser,
} from '@microbank/http';
import type { Origin } from '@microbank/contracts';
import type { SqlTransaction } from '@microbank/database';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { requestHash } from '../idempotency/request-hash';
import { parseAmountMinor } from './amount';
import { moneyMovementSchema, transferSchema, type MoneyMovementDto, type TransferDto } from './dto/money-movement.dto';
import { LedgerService, type MoneyMovement } from './ledger.service';
import { transactionViewSchema, type TransactionView } from './transaction-view';

const CREATED = 201;

@ApiTags('money movements')
@Controller('v1')
export class MoneyMovementsController {
  constructor(
    private readonly ledger: LedgerService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post('accounts/:id/deposits')
  @HttpCode(CREATED)
  @ApiIdempotencyKey()
  @ApiZodBody(moneyMovementSchema)
  @ApiZodResponse(CREATED, transactionViewSchema, 'The posting on the account')
  @ApiProblems(403, 404)
  deposit(
    @CurrentUser() user: AuthUser,
    @Param('id') accountId: string,
    @IdempotencyKey() key: string,
    @Body(new ZodValidationPipe(moneyMovementSchema)) body: MoneyMovementDto,
    @RequestOrigin() origin: Origin,
  ): Promise<TransactionView> {
    const movement = readMovement(user, body);
    return this.once(user, key, `POST /v1/accounts/${accountId}/deposits`, body, (tx) =>
      this.ledger.deposit(tx, { actor: user, origin }, accountId, movement),
    );
  }

  @Post('accounts/:id/withdrawals')
  @HttpCode(CREATED)
  @ApiIdempotencyKey()
  @ApiZodBody(moneyMovementSchema)
  @ApiZodResponse(CREATED, transactionViewSchema, 'The posting on the account')
  @ApiProblems(403, 404)
  withdraw(
    @CurrentUser() user: AuthUser,
    @Param('id') accountId: string,
    @IdempotencyKey() key: string,
    @Body(new ZodValidationPipe(moneyMovementSchema)) body: MoneyMovementDto,
    @RequestOrigin() origin: Origin,
  ): Promise<TransactionView> {
    const movement = readMovement(user, body);
    return this.once(user, key, `POST /v1/accounts/${accountId}/withdrawals`, body, (tx) =>
      this.ledger.withdraw(tx, { actor: user, origin }, accountId, movement),
    );
  }

  /** Answers with the sender's side of the posting. */
  @Post('transfers')
  @HttpCode(CREATED)
  @ApiIdempotencyKey()
  @ApiZodBody(transferSchema)
  @ApiZodResponse(CREATED, transactionViewSchema, "The posting on the sender's account")
  @ApiProblems(403, 404)
  transfer(
    @CurrentUser() user: AuthUser,
    @IdempotencyKey() key: string,
    @Body(new ZodValidationPipe(transferSchema)) body: TransferDto,
    @RequestOrigin() origin: Origin,
  ): Promise<TransactionView> {
    const movement = readMovement(user, body);
    return this.once(user, key, 'POST /v1/transfers', body, (tx) =>
      this.ledger.transfer(tx, { actor: user, origin }, body.fromAccountId, body.toIban, movement),
    );
  }

  /** Runs the movement at most once per Idempotency-Key, answering a repeat with the first response. */
  private async once(
    user: AuthUser,
    key: string,
    route: string,
    body: object,
    move: (tx: SqlTransaction) => Promise<TransactionView>,
  ): Promise<TransactionView> {
    const outcome = await this.idempotency.execute(user.userId, key, requestHash(route, body), CREATED, move);
    return outcome.body;
  }
}

function readMovement(user: AuthUser, body: MoneyMovementDto): MoneyMovement {
  // analysts read everything but move nothing
  if (user.role !== 'customer') throw Problems.forbidden('Only the account holder moves money.');
  const amount = parseAmountMinor(body.amountMinor, body.currency);
  if (!amount.ok) throw Problems.invalidRequest([amount.error]);
  return { amountMinor: amount.amountMinor, currency: body.currency, reference: body.reference ?? null };
}
