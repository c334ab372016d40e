import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiZodBody, CurrentUser, Problems, ZodValidationPipe, type AuthUser } from '@microbank/http';
import { ApiIdempotencyKey, IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { requestHash } from '../idempotency/request-hash';
import { parseAmountMinor } from './amount';
import { moneyMovementSchema, transferSchema, type MoneyMovementDto, type TransferDto } from './dto/money-movement.dto';
import { LedgerService, type MoneyMovement } from './ledger.service';
import type { TransactionView } from './transaction-view';

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
  async deposit(
    @CurrentUser() user: AuthUser,
    @Param('id') accountId: string,
    @IdempotencyKey() key: string,
    @Body(new ZodValidationPipe(moneyMovementSchema)) body: MoneyMovementDto,
  ): Promise<TransactionView> {
    const movement = readMovement(user, body);
    const hash = requestHash(`POST /v1/accounts/${accountId}/deposits`, body);
    const outcome = await this.idempotency.execute(user.userId, key, hash, CREATED, (tx) =>
      this.ledger.deposit(tx, user, accountId, movement),
    );
    return outcome.body;
  }

  @Post('accounts/:id/withdrawals')
  @HttpCode(CREATED)
  @ApiIdempotencyKey()
  @ApiZodBody(moneyMovementSchema)
  async withdraw(
    @CurrentUser() user: AuthUser,
    @Param('id') accountId: string,
    @IdempotencyKey() key: string,
    @Body(new ZodValidationPipe(moneyMovementSchema)) body: MoneyMovementDto,
  ): Promise<TransactionView> {
    const movement = readMovement(user, body);
    const hash = requestHash(`POST /v1/accounts/${accountId}/withdrawals`, body);
    const outcome = await this.idempotency.execute(user.userId, key, hash, CREATED, (tx) =>
      this.ledger.withdraw(tx, user, accountId, movement),
    );
    return outcome.body;
  }

  /** Answers with the sender's side of the posting. */
  @Post('transfers')
  @HttpCode(CREATED)
  @ApiIdempotencyKey()
  @ApiZodBody(transferSchema)
  async transfer(
    @CurrentUser() user: AuthUser,
    @IdempotencyKey() key: string,
    @Body(new ZodValidationPipe(transferSchema)) body: TransferDto,
  ): Promise<TransactionView> {
    const movement = readMovement(user, body);
    const hash = requestHash('POST /v1/transfers', body);
    const outcome = await this.idempotency.execute(user.userId, key, hash, CREATED, (tx) =>
      this.ledger.transfer(tx, user, body.fromAccountId, body.toIban, movement),
    );
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
