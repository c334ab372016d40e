import { Controller, Get, Headers, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  ApiProblems,
  CurrentUser,
  ProblemException,
  ZodValidationPipe,
  openApiSchemaOf,
  type AuthUser,
} from '@microbank/http';
import { MONTH_PATTERN } from '../calendar/calendar';
import { STATEMENT_TYPES, negotiate } from './accept';
import { statementParamsSchema, type StatementParams } from './dto/statement.params';
import { statementCsv } from './statement-csv';
import { statementPdf } from './statement-pdf';
import { statementViewSchema, toStatementView, type StatementView } from './statement-view';
import { StatementsService } from './statements.service';

@ApiTags('statements')
@Controller('v1/accounts/:id/statements')
export class StatementsController {
  constructor(private readonly statements: StatementsService) {}

  /** A UTC month of the account, for its owner or an analyst: JSON, or CSV / PDF by the Accept header. */
  @Get(':month')
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiParam({ name: 'month', schema: { type: 'string', pattern: MONTH_PATTERN.source }, description: 'YYYY-MM (UTC)' })
  @ApiResponse({
    status: 200,
    description: 'The statement: JSON by default, `Accept: text/csv` for RFC 4180 CSV, `application/pdf` for a PDF',
    content: {
      'application/json': { schema: openApiSchemaOf(statementViewSchema, 'output') },
      'text/csv': { schema: { type: 'string' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblems(404, 406, 422)
  async get(
    @CurrentUser() user: AuthUser,
    @Param(new ZodValidationPipe(statementParamsSchema)) params: StatementParams,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StatementView | StreamableFile> {
    const type = negotiate(accept, STATEMENT_TYPES);
    if (!type) {
      throw new ProblemException(406, 'Not acceptable', `A statement is ${STATEMENT_TYPES.join(', ')}.`, {
        type: 'not-acceptable',
      });
    }
    const statement = await this.statements.monthly(user, params.id, params.month);
    reply.header('vary', 'Accept');
    const filename = `statement-${statement.account.iban}-${statement.month}`;
    switch (type) {
      case 'application/json':
        return toStatementView(statement);
      case 'text/csv':
        return new StreamableFile(Buffer.from(statementCsv(statement), 'utf8'), {
          type: 'text/csv; charset=utf-8; header=present',
          disposition: `attachment; filename="${filename}.csv"`,
        });
      case 'application/pdf':
        return new StreamableFile(await statementPdf(statement), {
          type: 'application/pdf',
          disposition: `attachment; filename="${filename}.pdf"`,
        });
    }
  }
}
