import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Problems } from '../problem.exception';
import type { AuthUser } from './auth-user';
import { JwtVerifier } from './jwt-verifier';
import { IS_PUBLIC } from './public.decorator';
import { TOKEN_IN_QUERY, TOKEN_QUERY_PARAMETER } from './token-in-query.decorator';

export type AuthenticatedRequest = FastifyRequest & { user?: AuthUser };

/** Every route needs a valid bearer token unless it is marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly verifier: JwtVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = this.tokenOf(request, context);
    if (!token) throw Problems.unauthorized();
    const user = await this.verifier.verify(token);
    if (!user) throw Problems.unauthorized('The bearer token is invalid or expired.');
    request.user = user;
    return true;
  }

  private tokenOf(request: AuthenticatedRequest, context: ExecutionContext): string | undefined {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme === 'Bearer' && token) return token;
    if (request.headers.authorization !== undefined) return undefined;
    const inQuery = this.reflector.getAllAndOverride<boolean | undefined>(TOKEN_IN_QUERY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const query = request.query as Record<string, unknown> | undefined;
    const candidate = inQuery ? query?.[TOKEN_QUERY_PARAMETER] : undefined;
    return typeof candidate === 'string' && candidate !== '' ? candidate : undefined;
  }
}
