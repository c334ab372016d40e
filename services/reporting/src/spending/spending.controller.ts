import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import {
  ApiProblems,
  ApiZodQuery,
  ApiZodResponse,
  CurrentUser,
  ZodValidationPipe,
  type AuthUser,
} from '@microbank/http';
import { spendingQuerySchema, type SpendingQuery } from './dto/spending.query';
import { spendingViewSchema, type SpendingView } from './spending-view';
import { SpendingService } from './spending.service';

@ApiTags('spending')
@Controller('v1/accounts/:id/spending')
export class SpendingController {
  constructor(private readonly spending: SpendingService) {}

  /** Card payments minus refunds per UTC month and category (MCC → category), for the owner or an analyst. */
  @Get()
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiZodQuery(spendingQuerySchema)
  @ApiZodResponse(200, spendingViewSchema, 'Spending per month and category')
  @ApiProblems(404, 422)
  get(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query(new ZodValidationPipe(spendingQuerySchema)) query: SpendingQuery,
  ): Promise<SpendingView> {
    return this.spending.between(user, id, query.from, query.to);
  }
}
