import { Injectable } from '@nestjs/common';
import { ProblemException, Problems } from '@microbank/http';
import { PasswordHasher } from '../users/password-hasher';
import { UsersRepository } from '../users/users.repository';
import type { LoginDto } from './dto/login.dto';
import { LoginThrottleRepository, type ThrottleKey } from './login-throttle.repository';
import { TokenIssuer, type AccessToken } from './token-issuer';

const WINDOW_SECONDS = 15 * 60;
const FAILURES_PER_ACCOUNT = 5;
const FAILURES_PER_IP = 20;

@Injectable()
export class LoginService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottleRepository,
    private readonly tokens: TokenIssuer,
  ) {}

  /** One generic 401 for any wrong credentials; too many failures per account or per IP are refused for a while. */
  async login(dto: LoginDto, ip: string): Promise<AccessToken> {
    const email = dto.email.toLowerCase();
    const keys: ThrottleKey[] = [
      { key: `account:${email}`, limit: FAILURES_PER_ACCOUNT },
      { key: `ip:${ip}`, limit: FAILURES_PER_IP },
    ];
    const retryAfter = await this.throttle.countAttempt(keys, WINDOW_SECONDS);
    if (retryAfter !== undefined) {
      throw new ProblemException(429, 'Too many failed logins', `Try again in ${retryAfter} seconds.`, {
        type: 'login-throttled',
      });
    }
    const user = await this.users.findByEmail(email);
    const valid = user
      ? await this.hasher.verify(dto.password, user.passwordHash)
      : await this.hasher.verifyNothing(dto.password);
    if (!user || !valid) throw Problems.unauthorized('The email or password is wrong.'); // the attempt stays counted
    await this.throttle.forgive(keys[0]!.key, keys[1]!.key);
    return this.tokens.issue({ userId: user.id, email: user.email, role: user.role });
  }
}
