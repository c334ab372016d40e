export { createHttpApp, BODY_LIMIT_BYTES } from './create-http-app';
export type { HttpAppOptions } from './create-http-app';
export { ProblemException, Problems } from './problem.exception';
export type { FieldError, ProblemExtras } from './problem.exception';
export type { ProblemBody } from './problem-body';
export { PROBLEM_TITLES, PROBLEM_TYPE_BASE, problemSchema } from './problem-body';
export { ProblemDetailsFilter } from './problem-details.filter';
export { ZodValidationPipe, toFieldErrors } from './zod-validation.pipe';
export { ApiZodBody } from './openapi/api-zod-body.decorator';
export { ApiZodResponse } from './openapi/api-zod-response.decorator';
export { ApiZodQuery } from './openapi/api-zod-query.decorator';
export { ApiProblems } from './openapi/api-problems.decorator';
export { openApiSchemaOf } from './openapi/openapi-schema';
export { CORRELATION_HEADER } from './correlation';
export { RequestOrigin } from './request-origin.decorator';
export { AuthModule } from './auth/auth.module';
export { JwtAuthGuard } from './auth/jwt-auth.guard';
export { JwtVerifier } from './auth/jwt-verifier';
export { CurrentUser } from './auth/current-user.decorator';
export { OtherBearerCredential, Public } from './auth/public.decorator';
export { TokenInQuery, withoutQueryToken } from './auth/token-in-query.decorator';
export { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, ROLES } from './auth/auth-user';
export type { AuthUser, Role } from './auth/auth-user';
export { HealthModule } from './health/health.module';
export type { HealthCheck, HealthOptions } from './health/health.module';
export {
  ApiIdempotencyKey,
  IdempotencyKey,
  IDEMPOTENCY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
} from './idempotency-key.decorator';
export { pageCursorSchema } from './page-cursor';
