import { describe, expect, it } from 'vitest';
import { withoutQueryToken } from './token-in-query.decorator';

describe('withoutQueryToken', () => {
  it('hides a token passed in the query, wherever it stands', () => {
    expect(withoutQueryToken('/v1/alerts/stream?access_token=eyJ.a.b')).toBe('/v1/alerts/stream?access_token=***');
    expect(withoutQueryToken('/v1/alerts/stream?x=1&access_token=eyJ.a.b&y=2')).toBe(
      '/v1/alerts/stream?x=1&access_token=***&y=2',
    );
  });

  it('hides it under an encoded name too, as the query parser decodes names', () => {
    expect(withoutQueryToken('/v1/alerts/stream?access%5Ftoken=eyJ.a.b')).toBe('/v1/alerts/stream?access%5Ftoken=***');
    expect(withoutQueryToken('/v1/alerts/stream?%61ccess_token=eyJ.a.b&x=%')).toBe(
      '/v1/alerts/stream?%61ccess_token=***&x=%',
    );
  });

  it('leaves every other URL as it is', () => {
    expect(withoutQueryToken('/v1/alerts?status=open')).toBe('/v1/alerts?status=open');
    expect(withoutQueryToken('/v1/alerts?my_access_token=1')).toBe('/v1/alerts?my_access_token=1');
  });
});
