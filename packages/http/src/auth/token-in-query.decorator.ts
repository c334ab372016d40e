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

/**
 * The URL as it may be logged or echoed: a token passed in the query is replaced by `***`. Keys are compared as the
 * query parser reads them (decoded), so `access%5Ftoken=…`, which the guard accepts too, is hidden as well.
 */
export function withoutQueryToken(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return url;
  const pairs = url
    .slice(start + 1)
    .split('&')
    .map((pair) => {
      const [key = '', value] = pair.split(/=(.*)/s);
      return value !== undefined && decodedKey(key) === TOKEN_QUERY_PARAMETER ? `${key}=***` : pair;
    });
  return `${url.slice(0, start)}?${pairs.join('&')}`;
}

function decodedKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}
