import type { ExecutionContext } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import type { CardConfig } from '../config';
import { CardNetworkGuard } from './card-network.guard';

const KEY = 'n'.repeat(40);
const guard = new CardNetworkGuard({ CARD_NETWORK_KEY: KEY } as CardConfig);

function callWith(authorization?: string): ExecutionContext {
  const request = { headers: authorization === undefined ? {} : { authorization } };
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

describe('CardNetworkGuard', () => {
  it("lets the card network's key through", () => {
    expect(guard.canActivate(callWith(`Bearer ${KEY}`))).toBe(true);
  });

  it('refuses no key, another key, a prefix of the key, and another scheme with 401', () => {
    for (const header of [undefined, `Bearer ${'m'.repeat(40)}`, `Bearer ${KEY.slice(0, 39)}`, `Basic ${KEY}`, KEY]) {
      expect(() => guard.canActivate(callWith(header))).toThrow(expect.objectContaining({ status: 401 }));
    }
  });
});
