import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';

export const TOKEN_IN_QUERY = 'microbank:token-in-query';
export const TOKEN_QUERY_PARAMETER = 'access_token';

/**
 * Also accepts the bearer token as `?access_token=`, for a browser's EventSource, which cannot send headers. Only
 * on the routes that need it: a token in a URL can end up in proxy logs and browser history (our own request
 * logs strip it), so the header stays the way every other route is called.
 */
export const TokenInQuery = () =>
  applyDecorators(
    SetMetadata(TOKEN_IN_QUERY, true),
    ApiQuery({
      name: TOKEN_QUERY_PARAMETER,
      required: false,
      description: 'The bearer token, for clients that cannot send an Authorization header (EventSource).',
    }),
  );

/** The URL as it may be logged or echoed: a token passed in the query is replaced by `***`. */
export function withoutQueryToken(url: string): string {
  return url.replace(new RegExp(`([?&]${TOKEN_QUERY_PARAMETER}=)[^&#]*`, 'g'), '$1***');
}
