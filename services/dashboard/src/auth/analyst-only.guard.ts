import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Problems, type AuthUser } from '@microbank/http';

/** The dashboard shows the whole bank's traffic: bank staff only. Runs after the JWT guard has set the user. */
@Injectable()
export class AnalystOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (user?.role !== 'analyst') throw Problems.forbidden('The dashboard is for analysts.');
    return true;
  }
}
