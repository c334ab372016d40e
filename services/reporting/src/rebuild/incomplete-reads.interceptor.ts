import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Observable } from 'rxjs';
import { RebuildService } from './rebuild.service';

/** RFC 9110's 199 "miscellaneous warning": the answer is served, but from read models still being refilled. */
export const INCOMPLETE_READ_WARNING = '199 reporting "read models are being rebuilt; results may be incomplete"';

/** Marks every answer given while the read models are incomplete, so a reader knows not to trust a total. */
@Injectable()
export class IncompleteReadsInterceptor implements NestInterceptor {
  constructor(private readonly rebuild: RebuildService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http' && !this.rebuild.readModelsComplete()) {
      context.switchToHttp().getResponse<FastifyReply>().header('warning', INCOMPLETE_READ_WARNING);
    }
    return next.handle();
  }
}
