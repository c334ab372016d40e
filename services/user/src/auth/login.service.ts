import { Injectable } from '@nestjs/common';
import { DomainError } from '@microbank/domain';
import { ThrottleRepository } from '../throttle/throttle.repository';
import { PasswordHasher } from '../users/password-hasher';
import { UsersRepository } from '../users/users.repository';
import type { LoginDto } from './dto/login.dto';
import { TokenIssuer, type AccessToken } from './token-issuer';

const WINDOW_SECONDS = 15 * 60;
const FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
const FAILURES_PER_ADDRESS = 20;

@Injectable()
export class LoginService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: ThrottleRepository,
    private readonly tokens: TokenIssuer,
  ) {}

  /**
   * One generic 401 for any wrong credentials; too many failures on one account from one address, or from one
   * address in all, are refused for a while. `address` is the client's, as the trusted proxies report it.
   */
  async login(dto: LoginDto, address: string): Promise<AccessToken> {
    const email = dto.email.toLowerCase();
    // per (account, address), not per account: failures from elsewhere never lock the owner out of their own address
    const accountKey = `account:${email}|ip:${address}`;
    const addressKey = `ip:${address}`;
    const retryAfter = await this.throttle.admit(
      [
        { key: accountKey, limit: FAILURES_PER_ACCOUNT_AND_ADDRESS },
        { key: addressKey, limit: FAILURES_PER_ADDRESS },
      ],
      WINDOW_SECONDS,
    );
    if (retryAfter !== undefined) {
      throw DomainError.throttled(
        'Too many failed logins',
        `Try again in ${retryAfter} seconds.`,
        retryAfter,
        'login-throttled',
      );
    }
    const user = await this.users.findByEmail(email);
    const valid = user
      ? await this.hasher.verify(dto.password, user.passwordHash)
      : await this.hasher.verifyNothing(dto.password);
    if (!user || !valid) throw DomainError.unauthenticated('The email or password is wrong.'); // the attempt stays counted
    await this.throttle.forgive(accountKey, addressKey);
    return this.tokens.issue({ userId: user.id, email: user.email, role: user.role });
  }
}
